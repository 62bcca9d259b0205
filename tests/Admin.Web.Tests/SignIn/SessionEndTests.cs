using System.Net;
using LeadDesk.Store.Users;

namespace Admin.Web.Tests.SignIn;

/// <summary>A stolen cookie dies with its session: sign-out, a password change (CLI or web), a role change, removal.</summary>
public class SessionEndTests
{
    [Fact]
    public async Task After_sign_out_a_copy_of_the_old_cookie_is_refused()
    {
        await using var web = await WebHarness.StartAsync();
        await web.AddUserAsync("root", UserRole.Admin);
        using var victim = await web.SignedInAsync("root");
        using var thief = web.Client("127.0.0.2");
        thief.UseSessionCookie(victim.SessionCookie);
        Assert.Equal(HttpStatusCode.OK, (await thief.GetAsync("/api/me")).StatusCode);

        Assert.Equal(HttpStatusCode.NoContent, (await victim.SendAsync(HttpMethod.Delete, "/api/session")).StatusCode);

        Assert.Equal(HttpStatusCode.Unauthorized, (await thief.GetAsync("/api/me")).StatusCode);
        Assert.Equal(0, await new WebSessions(web.Store).CountAsync("root", WebHarness.Ct));
    }

    [Fact]
    public async Task Signing_out_one_session_leaves_the_users_other_sessions_alone()
    {
        await using var web = await WebHarness.StartAsync();
        await web.AddUserAsync("root", UserRole.Admin);
        using var laptop = await web.SignedInAsync("root");
        using var desktop = await web.SignedInAsync("root");

        await laptop.SendAsync(HttpMethod.Delete, "/api/session");

        Assert.Equal(HttpStatusCode.Unauthorized, (await laptop.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await desktop.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task A_password_set_with_the_cli_ends_every_session_of_that_user_only()
    {
        await using var web = await WebHarness.StartAsync();
        await web.AddUserAsync("root", UserRole.Admin);
        await web.AddUserAsync("sue", UserRole.Support);
        using var root = await web.SignedInAsync("root");
        using var thief = web.Client("127.0.0.2");
        thief.UseSessionCookie(root.SessionCookie);
        using var sue = await web.SignedInAsync("sue");

        // What `leaddesk-admin users password root` runs.
        await new UserDirectory(web.Store).SetPasswordAsync("root", "a brand new long password", WebHarness.Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, (await root.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await thief.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await sue.GetAsync("/api/me")).StatusCode);
    }

    [Fact]
    public async Task Changing_your_own_password_in_the_web_keeps_this_session_and_ends_the_others()
    {
        await using var web = await WebHarness.StartAsync();
        await web.AddUserAsync("root", UserRole.Admin);
        using var me = await web.SignedInAsync("root");
        using var stolen = web.Client("127.0.0.2");
        stolen.UseSessionCookie((await web.SignedInAsync("root")).SessionCookie);

        var changed = await me.SendAsync(HttpMethod.Put, "/api/me/password", new { current = WebHarness.Password, @new = "another long enough secret" });

        Assert.Equal(HttpStatusCode.NoContent, changed.StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await me.GetAsync("/api/me")).StatusCode);
        Assert.Equal(HttpStatusCode.Unauthorized, (await stolen.GetAsync("/api/me")).StatusCode);
        using var again = web.Client();
        Assert.Equal(HttpStatusCode.Unauthorized, (await again.SignInAsync("root", WebHarness.Password)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await again.SignInAsync("root", "another long enough secret")).StatusCode);
    }

    [Fact]
    public async Task A_password_change_with_the_wrong_current_password_changes_nothing()
    {
        await using var web = await WebHarness.StartAsync();
        await web.AddUserAsync("root", UserRole.Admin);
        using var thief = await web.SignedInAsync("root");

        var refused = await thief.SendAsync(HttpMethod.Put, "/api/me/password", new { current = "a guess at it", @new = "the thief's password" });

        Assert.Equal(HttpStatusCode.UnprocessableEntity, refused.StatusCode);
        Assert.Equal("The current password is not right: nothing was changed.", await WebClient.ErrorAsync(refused));
        using var owner = web.Client("127.0.0.2");
        Assert.Equal(HttpStatusCode.OK, (await owner.SignInAsync("root", WebHarness.Password)).StatusCode);
    }

    [Fact]
    public async Task A_role_change_ends_the_users_sessions()
    {
        await using var web = await WebHarness.StartAsync();
        await web.AddUserAsync("sue", UserRole.Support);
        using var sue = await web.SignedInAsync("sue");

        await new UserDirectory(web.Store).SetRoleAsync("sue", UserRole.Admin, null, WebHarness.Ct);

        Assert.Equal(HttpStatusCode.Unauthorized, (await sue.GetAsync("/api/me")).StatusCode);
        Assert.Equal(0, await new WebSessions(web.Store).CountAsync("sue", WebHarness.Ct));
    }

    [Fact]
    public async Task A_session_unused_for_the_idle_time_is_dead_even_with_its_cookie()
    {
        await using var web = await WebHarness.StartAsync("--WebAdmin:SessionIdle=00:30:00");
        await web.AddUserAsync("root", UserRole.Admin);
        using var root = await web.SignedInAsync("root");

        web.Clock.Advance(TimeSpan.FromMinutes(31));

        Assert.Equal(HttpStatusCode.Unauthorized, (await root.GetAsync("/api/me")).StatusCode);
    }
}
