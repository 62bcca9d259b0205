using System.Net.Http.Json;
using System.Net.Sockets;
using System.Text.Json;
using LeadDesk.Admin.Cli;
using LeadDesk.Ari.Simulator;
using RouteController.Tests.Support;

namespace RouteController.Tests.Hosting;

/// <summary>
/// The controller as a process with a bad setting: one line on stderr naming the setting and its problem, no stack
/// trace, and exit 78 (EX_CONFIG), which systemd and Docker restart policies see as a failure.
/// </summary>
public sealed class ControllerProgramTests
{
    private static readonly TimeSpan Deadline = TimeSpan.FromSeconds(30);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private static async Task AssertRefusedAsync(ControllerProcess controller, string expected)
    {
        var code = await controller.ExitCodeAsync(Deadline);
        var lines = controller.Stderr.Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);
        Assert.True(code == 78, $"exit {code}; stderr: {controller.Stderr}");
        Assert.Single(lines);
        Assert.StartsWith("leaddesk: ", lines[0], StringComparison.Ordinal);
        Assert.Contains(expected, lines[0], StringComparison.Ordinal);
        Assert.DoesNotContain("   at ", controller.Stderr + controller.Stdout, StringComparison.Ordinal);
    }

    [Theory]
    [InlineData("Ari__BaseUrl", "not-a-url", "Ari:BaseUrl 'not-a-url' is not an absolute http(s) URL")]
    [InlineData("Ari__BaseUrl", "ftp://127.0.0.1:8088", "Ari:BaseUrl 'ftp://127.0.0.1:8088' is not an absolute http(s) URL")]
    [InlineData("Health__Url", "garbage", "Health:Url 'garbage' is not an absolute http(s) URL")]
    [InlineData("Routing__RingTimeoutSeconds", "-5", "Routing:RingTimeoutSeconds '-5' must be at least 1 (seconds)")]
    [InlineData("Routing__RingTimeoutSeconds", "0.5", "Routing:RingTimeoutSeconds '0.5' must be at least 1")]
    [InlineData("Routing__RingTimeoutSeconds", "abc", "'abc' at 'Routing:RingTimeoutSeconds'")]
    [InlineData("Routing__BusyToneSeconds", "0", "Routing:BusyToneSeconds '0' must be at least")]
    [InlineData("Routing__NotInServiceSeconds", "-1", "Routing:NotInServiceSeconds '-1' must be at least")]
    [InlineData("Routing__DefaultRegion", "XX", "Routing:DefaultRegion 'XX' is not a known region code")]
    [InlineData("Agents__DialString", "PJSIP/{extension}&PJSIP/operator", "Agents:DialString 'PJSIP/{extension}&PJSIP/operator' must not contain '&'")]
    [InlineData("Agents__DialString", "PJSIP/proxy", "Agents:DialString 'PJSIP/proxy' must contain {extension} exactly once")]
    [InlineData("Voicemail__PollInterval", "00:00:00", "Voicemail:PollInterval '00:00:00' must be a positive duration")]
    [InlineData("Voicemail__TimeZone", "Mars/Olympus", "Voicemail:TimeZone 'Mars/Olympus' is not a time zone")]
    [InlineData("Smtp__Port", "0", "Smtp:Port '0' must be a TCP port")]
    [InlineData("Greeting__KeyTimeout", "-00:00:01", "Greeting:KeyTimeout '-00:00:01' must be a positive duration")]
    [InlineData("Ari__RequestTimeout", "00:00:00", "Ari:RequestTimeout '00:00:00' must be a positive duration")]
    [InlineData("Database__Provider", "mysql", "Database:Provider 'mysql' is not one of: sqlite, postgres.")]
    [InlineData("Database__Provider", "postgres", "Database:ConnectionString is required when Database:Provider is postgres.")]
    [InlineData("Agents__ClaimLeaseSeconds", "2", "Agents:ClaimLeaseSeconds '2' must be from 5 to 600")]
    [InlineData("Outbound__RingTimeoutSeconds", "0", "Outbound:RingTimeoutSeconds '0' must be from 1 to 600 (seconds)")]
    [InlineData("Outbound__ToneSeconds", "61", "Outbound:ToneSeconds '61' must be more than 0 and at most 60 (seconds)")]
    public async Task A_bad_setting_is_one_line_and_exit_78(string key, string value, string expected)
    {
        await using var controller = ControllerProcess.Start(new() { [key] = value });
        await AssertRefusedAsync(controller, expected);
    }

    [Fact]
    public async Task A_postgres_server_that_is_not_there_is_named_without_its_password()
    {
        var port = ControllerProcess.FreePort();
        await using var controller = ControllerProcess.Start(new()
        {
            ["Database__Provider"] = "postgres",
            ["Database__ConnectionString"] = $"Host=127.0.0.1;Port={port};Database=leaddesk;Username=leaddesk;Password=placeholder-secret;Timeout=3",
        });
        await AssertRefusedAsync(controller, "Database:ConnectionString: cannot open the PostgreSQL store");
        Assert.DoesNotContain("placeholder-secret", controller.Stderr, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_database_path_that_is_a_directory_is_named()
    {
        var directory = Directory.CreateTempSubdirectory("leaddesk-dir-").FullName;
        await using var controller = ControllerProcess.Start(new() { ["Database__Path"] = directory });
        await AssertRefusedAsync(controller, $"Database:Path '{directory}' is a directory, not a database file");
    }

    [Fact]
    public async Task A_database_path_that_is_not_sqlite_is_named()
    {
        var file = Path.Combine(Directory.CreateTempSubdirectory("leaddesk-file-").FullName, "notes.txt");
        await File.WriteAllTextAsync(file, "not a database at all", Ct);
        await using var controller = ControllerProcess.Start(new() { ["Database__Path"] = file });
        await AssertRefusedAsync(controller, $"Database:Path '{file}' is not a SQLite database");
        Assert.Equal("not a database at all", await File.ReadAllTextAsync(file, Ct));
    }

    [Fact]
    public async Task A_health_port_another_process_holds_stops_the_controller()
    {
        using var holder = new TcpListener(System.Net.IPAddress.Loopback, 0);
        holder.Start();
        var url = $"http://127.0.0.1:{((System.Net.IPEndPoint)holder.LocalEndpoint).Port}/";
        await using var controller = ControllerProcess.Start(new() { ["Health__Url"] = url });
        await AssertRefusedAsync(controller, $"Health:Url '{url}' cannot be served");
    }

    [Fact]
    public async Task Without_Asterisk_healthz_and_status_say_connection_refused_at_the_ARI_URL()
    {
        var ari = $"http://127.0.0.1:{ControllerProcess.FreePort()}";
        var health = ControllerProcess.FreeLoopbackUrl();
        await using var controller = ControllerProcess.Start(new()
        {
            ["Ari__BaseUrl"] = ari,
            ["Health__Url"] = health,
            ["Ari__Password"] = "set Ari__Password in the environment",
        });

        var report = await HealthAsync(health, r => r.GetProperty("lastError").GetString()?.Contains("connection refused", StringComparison.Ordinal) == true, controller);
        Assert.False(report.GetProperty("ariConnected").GetBoolean());
        Assert.False(report.GetProperty("acceptingCalls").GetBoolean());
        Assert.StartsWith($"connection refused at {ari}", report.GetProperty("lastError").GetString(), StringComparison.Ordinal);
        Assert.Contains(report.GetProperty("warnings").EnumerateArray(), w => w.GetString()!.Contains("placeholder", StringComparison.Ordinal));

        using var stdout = new StringWriter();
        using var stderr = new StringWriter();
        var code = await CliApp.RunAsync(["status", "--health-url", health, "--db", Path.Combine(controller.Directory, "leaddesk.db")], stdout, stderr);
        Assert.Equal(3, code);
        var text = stdout.ToString();
        Assert.Contains($"ARI NOT connected to {ari}", text, StringComparison.Ordinal);
        Assert.Contains($"Why: connection refused at {ari}", text, StringComparison.Ordinal);
        Assert.Contains("Accepting calls: no", text, StringComparison.Ordinal);
        Assert.DoesNotContain("Accepting calls: yes", text, StringComparison.Ordinal);
        Assert.Contains("placeholder from appsettings.json", stderr.ToString(), StringComparison.Ordinal);
        Assert.DoesNotContain("another database file", stderr.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task Wrong_ARI_credentials_say_401_and_which_settings_to_check()
    {
        await using var sim = await AsteriskSimulator.StartAsync(new SimulatorOptions { Username = "leaddesk", Password = "right-password" }, Ct);
        var health = ControllerProcess.FreeLoopbackUrl();
        await using var controller = ControllerProcess.Start(new()
        {
            ["Ari__BaseUrl"] = sim.BaseUrl,
            ["Ari__Username"] = "leaddesk",
            ["Ari__Password"] = "wrong-password",
            ["Health__Url"] = health,
        });

        var report = await HealthAsync(health, r => r.GetProperty("lastError").GetString()?.Contains("401", StringComparison.Ordinal) == true, controller);
        Assert.Equal($"401 Unauthorized at {sim.BaseUrl}: check Ari__Username / Ari__Password (ari.conf)", report.GetProperty("lastError").GetString());
        Assert.Empty(report.GetProperty("warnings").EnumerateArray());
    }

    private static async Task<JsonElement> HealthAsync(string url, Func<JsonElement, bool> until, ControllerProcess controller)
    {
        using var http = new HttpClient();
        var deadline = DateTime.UtcNow + Deadline;
        JsonElement last = default;
        while (DateTime.UtcNow < deadline)
        {
            Assert.False(controller.HasExited, "the controller exited: " + controller.Stderr);
            try
            {
                using var response = await http.GetAsync(new Uri(url + "healthz"), Ct);
                last = (await response.Content.ReadFromJsonAsync<JsonElement>(Ct)).Clone();
                if (until(last))
                {
                    return last;
                }
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }

            await Task.Delay(100, Ct);
        }

        Assert.Fail($"/healthz never matched; last report: {last}");
        return last;
    }
}
