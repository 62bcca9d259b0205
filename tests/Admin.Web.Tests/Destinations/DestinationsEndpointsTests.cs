using System.Net;
using LeadDesk.Store.Destinations;
using LeadDesk.Store.Users;

namespace Admin.Web.Tests.Destinations;

public class DestinationsEndpointsTests
{
    private static readonly object Ivr = new { name = "ivr", kind = "dialplan", context = "support-ivr", exten = "s", priority = 1 };

    [Fact]
    public async Task An_admin_sees_custom_destinations_but_cannot_make_or_edit_one()
    {
        await using var web = await WebHarness.StartAsync();
        await web.AddUserAsync("root", UserRole.Admin);
        await new DestinationRegistry(web.Store).AddAsync(CustomDestination.Dialplan("ivr", "support-ivr", "s"), WebHarness.Ct);
        using var client = await web.SignedInAsync("root");

        var list = await client.GetJsonAsync("/api/destinations");
        var create = await client.SendAsync(HttpMethod.Post, "/api/destinations", new { name = "other", kind = "endpoint", endpoint = "PJSIP/2001" });
        var edit = await client.SendAsync(HttpMethod.Put, "/api/destinations/ivr", new { kind = "endpoint", endpoint = "PJSIP/2001" });

        Assert.Equal("ivr", Assert.Single(list.EnumerateArray()).GetProperty("name").GetString());
        Assert.Equal(HttpStatusCode.Forbidden, create.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, edit.StatusCode);
        Assert.Equal(DestinationKind.Dialplan, Assert.Single(await new DestinationRegistry(web.Store).ListAsync(WebHarness.Ct)).Kind);
    }

    [Fact]
    public async Task Support_makes_and_edits_custom_destinations()
    {
        await using var web = await WebHarness.StartAsync();
        await web.AddUserAsync("help", UserRole.Support);
        using var client = await web.SignedInAsync("help");

        var create = await client.SendAsync(HttpMethod.Post, "/api/destinations", Ivr);
        var edit = await client.SendAsync(HttpMethod.Put, "/api/destinations/ivr", new { kind = "number", number = "0401234567" });

        Assert.Equal(HttpStatusCode.Created, create.StatusCode);
        Assert.Equal(HttpStatusCode.OK, edit.StatusCode);
        var stored = Assert.Single(await new DestinationRegistry(web.Store).ListAsync(WebHarness.Ct));
        Assert.Equal("+358401234567", stored.Number);
    }

    [Fact]
    public async Task A_hostile_dialplan_target_is_refused_with_the_clis_message()
    {
        await using var web = await WebHarness.StartAsync();
        await web.AddUserAsync("help", UserRole.Support);
        using var client = await web.SignedInAsync("help");

        var response = await client.SendAsync(HttpMethod.Post, "/api/destinations", new { name = "x", kind = "dialplan", context = "ctx", exten = "s,1,System(rm)" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, response.StatusCode);
        Assert.StartsWith("'s,1,System(rm)' is not a valid dialplan extension", await WebClient.ErrorAsync(response), StringComparison.Ordinal);
        Assert.Empty(await new DestinationRegistry(web.Store).ListAsync(WebHarness.Ct));
    }

    [Theory]
    [InlineData("+358600123456", "premium-rate")]
    [InlineData("+12025550123", "not in the allowed regions")]
    public async Task Support_cannot_make_or_change_a_destination_the_dial_policy_refuses(string number, string why)
    {
        await using var web = await WebHarness.StartAsync();
        await web.AddUserAsync("help", UserRole.Support);
        using var client = await web.SignedInAsync("help");

        var create = await client.SendAsync(HttpMethod.Post, "/api/destinations", new { name = "fraud", kind = "number", number });
        await client.SendAsync(HttpMethod.Post, "/api/destinations", Ivr);
        var edit = await client.SendAsync(HttpMethod.Put, "/api/destinations/ivr", new { kind = "number", number });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, create.StatusCode);
        Assert.Equal(HttpStatusCode.UnprocessableEntity, edit.StatusCode);
        var error = await WebClient.ErrorAsync(create);
        Assert.Contains(why, error, StringComparison.Ordinal);
        Assert.StartsWith($"Custom destination 'fraud' cannot be {number}: dial policy: ", error, StringComparison.Ordinal);
        Assert.Equal(DestinationKind.Dialplan, Assert.Single(await new DestinationRegistry(web.Store).ListAsync(WebHarness.Ct)).Kind);
    }
}
