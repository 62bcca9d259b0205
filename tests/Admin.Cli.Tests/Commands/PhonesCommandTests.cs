using Dapper;
using LeadDesk.Store.Phones;
using Microsoft.Data.Sqlite;

namespace Admin.Cli.Tests.Commands;

/// <summary><c>phones</c>: the credentials the proxy's auth_db reads, as HA1 only, written by the CLI alone.</summary>
public class PhonesCommandTests
{
    private const string Password = "a long phone secret";

    [Fact]
    public async Task Set_stores_only_the_ha1_kamailio_checks_and_never_the_password()
    {
        using var cli = new CliRun();

        var (code, output, err) = await cli.RunWithInputAsync(Password + "\n", null, "phones", "set", "1001");

        Assert.True(code == 0, err);
        Assert.Equal("Phone 1001 may register with realm 'leaddesk'.", output.Trim());
        await using var db = new SqliteConnection($"Data Source={cli.DbPath}");
        var row = await db.QuerySingleAsync<(string Username, string Password, string Ha1)>("SELECT username, password, ha1 FROM sip_phones");
        Assert.Equal(("1001", ""), (row.Username, row.Password));
        // RFC 2617: MD5("1001:leaddesk:a long phone secret"), what Kamailio compares the digest response with.
        Assert.Equal(SipCredentials.Ha1("1001", "leaddesk", Password), row.Ha1);
        Assert.Equal(32, row.Ha1.Length);
        Assert.DoesNotContain(Password, await File.ReadAllTextAsync(cli.DbPath, TestContext.Current.CancellationToken), StringComparison.Ordinal);
        Assert.Equal(7, await db.ExecuteScalarAsync<long>("SELECT table_version FROM sip_table_versions WHERE table_name = 'sip_phones'"));
    }

    [Fact]
    public async Task A_password_in_an_argument_a_short_one_or_a_bad_extension_is_refused_and_nothing_is_stored()
    {
        using var cli = new CliRun();

        Assert.Equal(2, (await cli.RunWithInputAsync(Password + "\n", null, "phones", "set", "1001", Password)).Code);
        var (shortCode, _, shortErr) = await cli.RunWithInputAsync("short\n", null, "phones", "set", "1001");
        var (extCode, _, _) = await cli.RunWithInputAsync(Password + "\n", null, "phones", "set", "10 01;x");
        var (realmCode, _, realmErr) = await cli.RunWithInputAsync(Password + "\n", null, "phones", "set", "1001", "--realm", "bad realm\"");

        Assert.Equal(1, shortCode);
        Assert.Contains("too short", shortErr, StringComparison.Ordinal);
        Assert.Equal(1, extCode);
        Assert.Equal(1, realmCode);
        Assert.Contains("is not a SIP realm", realmErr, StringComparison.Ordinal);
        Assert.Equal(0, (await cli.JsonAsync("phones", "list")).GetArrayLength());
    }

    [Fact]
    public async Task List_and_remove()
    {
        using var cli = new CliRun();
        await cli.RunWithInputAsync(Password + "\n", null, "phones", "set", "1002", "--realm", "site.example");

        var list = await cli.JsonAsync("phones", "list");
        Assert.Equal("1002", list[0].GetProperty("extension").GetString());
        Assert.Equal("site.example", list[0].GetProperty("realm").GetString());

        await cli.OkAsync("phones", "remove", "1002");
        Assert.Equal(0, (await cli.JsonAsync("phones", "list")).GetArrayLength());
        Assert.Equal(1, (await cli.RunAsync("phones", "remove", "1002")).Code);
    }
}
