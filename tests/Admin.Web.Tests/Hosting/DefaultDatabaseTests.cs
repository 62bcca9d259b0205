using LeadDesk.Admin.Web.Hosting;
using LeadDesk.Store;
using Microsoft.AspNetCore.Builder;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Admin.Web.Tests.Hosting;

/// <summary>Without any setting the web admin opens the database the CLI and the controller use, and says which.</summary>
public class DefaultDatabaseTests
{
    [Fact]
    public async Task Without_database_settings_it_opens_the_clis_default_file_and_logs_it()
    {
        var home = Directory.CreateTempSubdirectory("leaddesk-home-").FullName;
        var log = new CapturedLog();
        try
        {
            await using var app = AdminWebApp.Build(
                ["--urls=http://127.0.0.1:0", $"--XDG_DATA_HOME={home}"],
                builder =>
                {
                    builder.Logging.ClearProviders();
                    builder.Logging.AddProvider(log);
                });
            await app.StartAsync(WebHarness.Ct);

            // The CLI resolves the same file from the same environment.
            var cli = StoreLocation.Resolve(new ConfigurationBuilder().AddInMemoryCollection([new("XDG_DATA_HOME", home)]).Build());
            Assert.Equal("default", cli.Origin);
            Assert.Equal(cli.Path, app.Services.GetRequiredService<RoutingStore>().DatabasePath);
            Assert.Equal(Path.Combine(home, "leaddesk", "leaddesk.db"), cli.Path);
            Assert.Contains(log.Lines, l => l.Contains("Database " + cli.Path, StringComparison.Ordinal));
            await app.StopAsync(WebHarness.Ct);
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            Directory.Delete(home, recursive: true);
        }
    }

    [Fact]
    public void The_shipped_appsettings_set_no_database_path()
    {
        var settings = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "appsettings.json"));
        Assert.DoesNotContain("\"Database\"", settings, StringComparison.Ordinal);
    }
}
