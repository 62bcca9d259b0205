using System.Diagnostics;
using System.Net;
using LeadDesk.Store.Users;

namespace Admin.Web.Tests.SignIn;

/// <summary>
/// Sign-in throttling that helps the admin, not the attacker: the same answers for names that exist and names that
/// do not, a lock per (name, address) that an attacker elsewhere cannot put on the admin, short and growing only for
/// that pair, and the client address taken from forwarded headers only when a configured proxy sends them.
/// </summary>
public class SignInThrottleTests
{
    [Fact]
    public async Task Unknown_and_known_names_get_the_same_answers_all_the_way_to_the_lock()
    {
        await using var web = await WebHarness.StartAsync();
        await web.AddUserAsync("root", UserRole.Admin);
        using var known = web.Client("127.0.0.2");
        using var unknown = web.Client("127.0.0.3");

        var forKnown = new List<(HttpStatusCode, string)>();
        var forUnknown = new List<(HttpStatusCode, string)>();
        for (var i = 0; i < 7; i++)
        {
            var k = await known.SignInAsync("root", "guess " + i);
            forKnown.Add((k.StatusCode, await WebClient.ErrorAsync(k)));
            var u = await unknown.SignInAsync("nosuchuser", "guess " + i);
            forUnknown.Add((u.StatusCode, await WebClient.ErrorAsync(u)));
        }

        Assert.Equal(forKnown, forUnknown);
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 4), forKnown.Take(4).Select(a => a.Item1));
        Assert.Equal(Enumerable.Repeat((HttpStatusCode)423, 3), forKnown.Skip(4).Select(a => a.Item1));
        Assert.StartsWith("Too many failed sign-ins for this name from your address: try again after 09:05:", forKnown[4].Item2, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_wrong_name_costs_as_long_as_a_wrong_password()
    {
        await using var web = await WebHarness.StartAsync("--WebAdmin:SignInPermits=100", "--WebAdmin:LockoutFailures=100");
        await web.AddUserAsync("root", UserRole.Admin);
        using var client = web.Client();
        await client.SignInAsync("root", "warm up");
        await client.SignInAsync("nobody", "warm up");

        var known = new List<double>();
        var unknown = new List<double>();
        for (var i = 0; i < 8; i++)
        {
            var watch = Stopwatch.StartNew();
            await client.SignInAsync("root", "wrong " + i);
            known.Add(watch.Elapsed.TotalMilliseconds);
            watch.Restart();
            await client.SignInAsync("nobody" + i, "wrong " + i);
            unknown.Add(watch.Elapsed.TotalMilliseconds);
        }

        // Both pay a password hash (tens of ms); a name check without one would answer in about a millisecond.
        known.Sort();
        unknown.Sort();
        Assert.True(unknown[4] > known[4] / 3, $"unknown names answered in a median {unknown[4]:0.0} ms, known ones in {known[4]:0.0} ms");
    }

    [Fact]
    public async Task An_attacker_elsewhere_cannot_lock_the_admin_out_and_the_lock_ends_by_itself()
    {
        await using var web = await WebHarness.StartAsync();
        await web.AddUserAsync("root", UserRole.Admin);
        using var attacker = web.Client("127.0.0.5");

        var statuses = new List<HttpStatusCode>();
        for (var i = 0; i < 8; i++)
        {
            statuses.Add((await attacker.SignInAsync("root", "guess " + i)).StatusCode);
        }

        // 4 wrong passwords, the 5th locks root for this address, 6-8 meet the lock.
        Assert.Equal(Enumerable.Repeat(HttpStatusCode.Unauthorized, 4), statuses.Take(4));
        Assert.Equal(Enumerable.Repeat((HttpStatusCode)423, 4), statuses.Skip(4));

        // The admin at her own address signs in at once ...
        using var admin = web.Client("127.0.0.6");
        Assert.Equal(HttpStatusCode.OK, (await admin.SignInAsync("root", WebHarness.Password)).StatusCode);

        // ... and even the right password from the attacker's address waits out the lock, which then ends.
        web.Clock.Advance(TimeSpan.FromMinutes(1));
        Assert.Equal((HttpStatusCode)423, (await attacker.SignInAsync("root", WebHarness.Password)).StatusCode);
        web.Clock.Advance(TimeSpan.FromMinutes(4) + TimeSpan.FromSeconds(1));
        Assert.Equal(HttpStatusCode.OK, (await attacker.SignInAsync("root", WebHarness.Password)).StatusCode);
    }

    [Fact]
    public async Task Every_refused_sign_in_is_logged_with_the_printable_name_and_the_address_429s_included()
    {
        await using var web = await WebHarness.StartAsync("--WebAdmin:SignInPermits=2");
        using var attacker = web.Client("127.0.0.4");

        for (var i = 0; i < 3; i++)
        {
            await attacker.SignInAsync("mallory\u001b[31m\nroot", "guess");
        }

        var refusals = web.Log.Lines.Where(l => l.Contains("Refused sign-in", StringComparison.Ordinal)).ToList();
        Assert.Equal(3, refusals.Count);
        Assert.All(refusals, l => Assert.Contains("as mallory[31mroot from 127.0.0.4", l, StringComparison.Ordinal));
        Assert.Contains("(429)", refusals[2], StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_pair_that_keeps_failing_is_locked_twice_as_long_each_time_up_to_the_maximum()
    {
        await using var web = await WebHarness.StartAsync(
            "--WebAdmin:SignInPermits=1000", "--WebAdmin:LockoutFailures=2", "--WebAdmin:LockoutDuration=00:01:00", "--WebAdmin:LockoutMaxDuration=00:03:00");
        await web.AddUserAsync("root", UserRole.Admin);
        using var attacker = web.Client("127.0.0.7");

        // Each round: fail until the pair is locked, then probe once a minute until a probe is answered again (that
        // probe is the next round's first failure). No right password in between: that would clear the pair.
        var locks = new List<int>();
        await attacker.SignInAsync("root", "guess");
        for (var round = 0; round < 4; round++)
        {
            Assert.Equal((HttpStatusCode)423, (await attacker.SignInAsync("root", "guess")).StatusCode);
            var minutes = 0;
            do
            {
                web.Clock.Advance(TimeSpan.FromMinutes(1));
                minutes++;
                Assert.True(minutes < 10, "the lock never ended");
            }
            while ((await attacker.SignInAsync("root", "guess")).StatusCode == (HttpStatusCode)423);

            locks.Add(minutes);
        }

        Assert.Equal([1, 2, 3, 3], locks);

        // Another address is not locked for root at all.
        using var admin = web.Client("127.0.0.6");
        Assert.Equal(HttpStatusCode.OK, (await admin.SignInAsync("root", WebHarness.Password)).StatusCode);
    }

    [Fact]
    public async Task Forwarded_for_counts_only_from_a_configured_proxy()
    {
        await using var web = await WebHarness.StartAsync("--WebAdmin:SignInPermits=3", "--WebAdmin:KnownProxies=127.0.0.9");
        await web.AddUserAsync("root", UserRole.Admin);

        // An outsider claiming other addresses is still one bucket: its 4th attempt is refused.
        using var outsider = web.Client("127.0.0.8");
        var outsiderStatuses = new List<HttpStatusCode>();
        for (var i = 0; i < 4; i++)
        {
            outsiderStatuses.Add((await SignInForwardedAsync(outsider, $"203.0.113.{i}")).StatusCode);
        }

        Assert.Equal(HttpStatusCode.TooManyRequests, outsiderStatuses[3]);

        // Behind the known proxy each client has its own bucket: four clients, four answers of 401.
        using var proxy = web.Client("127.0.0.9");
        for (var i = 0; i < 4; i++)
        {
            Assert.Equal(HttpStatusCode.Unauthorized, (await SignInForwardedAsync(proxy, $"198.51.100.{i}")).StatusCode);
        }
    }

    private static async Task<HttpResponseMessage> SignInForwardedAsync(WebClient client, string forwardedFor)
    {
        await client.RefreshTokenAsync();
        var request = new HttpRequestMessage(HttpMethod.Post, "/api/session") { Content = System.Net.Http.Json.JsonContent.Create(new { name = "root", password = "wrong" }) };
        request.Headers.Add("X-CSRF-TOKEN", client.Token);
        request.Headers.Add("X-Forwarded-For", forwardedFor);
        return await client.SendAsync(request);
    }
}
