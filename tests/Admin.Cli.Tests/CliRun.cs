using System.Text.Json;
using LeadDesk.Admin.Cli;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;

namespace Admin.Cli.Tests;

/// <summary>Runs the CLI in-process against a temp database file, capturing stdout and stderr.</summary>
public sealed class CliRun : IDisposable
{
    private readonly IConfiguration _configuration;

    /// <param name="settings">Configuration as appsettings.json or the environment would give it (e.g. Routing:OutboundTrunk).</param>
    public CliRun(Dictionary<string, string?>? settings = null)
    {
        _configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? []).Build();
        Directory = Path.Combine(Path.GetTempPath(), "leaddesk-cli-tests", Guid.NewGuid().ToString("N"));
        System.IO.Directory.CreateDirectory(Directory);
        DbPath = Path.Combine(Directory, "data", "leaddesk.db");
    }

    public string Directory { get; }

    public string DbPath { get; }

    public async Task<(int Code, string Out, string Err)> RunAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync([.. args, "--db", DbPath], stdout, stderr, _configuration);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs without <c>--db</c>: the database is wherever the configuration and the default put it.</summary>
    public async Task<(int Code, string Out, string Err)> RunWithoutDbAsync(params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var code = await CliApp.RunAsync(args, stdout, stderr, _configuration);
        return (code, stdout.ToString(), stderr.ToString());
    }

    /// <summary>Runs with <paramref name="stdin"/> as standard input and extra settings (e.g. LEADDESK_PASSWORD).</summary>
    public async Task<(int Code, string Out, string Err)> RunWithInputAsync(string stdin, IReadOnlyDictionary<string, string?>? settings, params string[] args)
    {
        var stdout = new StringWriter();
        var stderr = new StringWriter();
        var configuration = new ConfigurationBuilder().AddInMemoryCollection(settings ?? new Dictionary<string, string?>()).Build();
        var code = await CliApp.RunAsync([.. args, "--db", DbPath], new StringReader(stdin), stdout, stderr, configuration);
        return (code, stdout.ToString(), stderr.ToString());
    }

    public async Task<int> OkAsync(params string[] args)
    {
        var (code, _, err) = await RunAsync(args);
        Assert.True(code == 0, $"{string.Join(' ', args)} => {code}: {err}");
        return code;
    }

    public async Task<string> RoutesJsonAsync()
    {
        var (code, output, err) = await RunAsync("routes", "list", "--json");
        Assert.True(code == 0, err);
        return output;
    }

    public async Task<JsonElement> JsonAsync(params string[] args)
    {
        var (code, output, err) = await RunAsync([.. args, "--json"]);
        Assert.True(code == 0, err);
        return JsonDocument.Parse(output).RootElement.Clone();
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            System.IO.Directory.Delete(Directory, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
