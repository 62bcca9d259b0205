using System.Diagnostics;
using System.Net;
using System.Text;
using LeadDesk.Store.Users;

namespace Admin.Web.Tests.Hosting;

/// <summary>API bodies have a limit and a larger one is refused with 413 before it is read into memory.</summary>
public class RequestBodyLimitTests
{
    private const int TenMegabytes = 10 * 1024 * 1024;

    [Fact]
    public async Task A_ten_megabyte_json_body_is_refused_with_413_and_the_process_does_not_grow_by_ten_times_it()
    {
        await using var web = await WebHarness.StartAsync();
        await web.AddUserAsync("root", UserRole.Admin);
        using var client = await web.SignedInAsync("root");
        var body = HugeAssign();
        GC.Collect();
        var before = Process.GetCurrentProcess().WorkingSet64;

        for (var i = 0; i < 3; i++)
        {
            var declared = await PostAsync(client, body, chunked: false);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, declared.StatusCode);
            Assert.Equal("The request body is larger than 1 MB.", await WebClient.ErrorAsync(declared));
        }

        // A body that does not say its length is read up to the limit and cut off there: Kestrel answers 413 and
        // closes the connection, which a client still sending may see as the connection reset instead.
        try
        {
            var chunked = await PostAsync(client, body, chunked: true);
            Assert.Equal(HttpStatusCode.RequestEntityTooLarge, chunked.StatusCode);
        }
        catch (HttpRequestException cut) when (cut.InnerException is IOException)
        {
        }

        Process.GetCurrentProcess().Refresh();
        var grown = Process.GetCurrentProcess().WorkingSet64 - before;
        Assert.True(grown < 10L * body.Length, $"the process grew by {grown / (1024 * 1024)} MB for four {body.Length / (1024 * 1024)} MB bodies");
    }

    [Fact]
    public async Task A_body_under_the_limit_is_still_read()
    {
        await using var web = await WebHarness.StartAsync();
        await web.AddUserAsync("root", UserRole.Admin);
        using var client = await web.SignedInAsync("root");

        var response = await client.SendAsync(HttpMethod.Post, "/api/routes/assign", new { numbers = new[] { "not a number" }, target = "unassigned" });

        Assert.NotEqual(HttpStatusCode.RequestEntityTooLarge, response.StatusCode);
    }

    private static byte[] HugeAssign()
    {
        var json = new StringBuilder("{\"numbers\":[");
        while (json.Length < TenMegabytes)
        {
            json.Append("\"+358401234567\",");
        }

        json.Append("\"+358401234567\"],\"target\":\"unassigned\"}");
        return Encoding.UTF8.GetBytes(json.ToString());
    }

    private static Task<HttpResponseMessage> PostAsync(WebClient client, byte[] body, bool chunked)
    {
        HttpContent content = chunked ? new StreamContent(new MemoryStream(body)) : new ByteArrayContent(body);
        content.Headers.ContentType = new System.Net.Http.Headers.MediaTypeHeaderValue("application/json");
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/routes/assign") { Content = content };
        if (chunked)
        {
            request.Headers.TransferEncodingChunked = true;
        }

        request.Headers.Add("X-CSRF-TOKEN", client.Token);

        // As curl sends a large body: the answer comes before the body is sent, so the client sees the 413 itself.
        request.Headers.ExpectContinue = !chunked;
        return client.SendAsync(request);
    }
}
