using System.Text.RegularExpressions;
using Docker.Tests.Support;
using YamlDotNet.RepresentationModel;

namespace Docker.Tests;

/// <summary>docker/compose.yml read as compose reads it, since no Docker engine runs here.</summary>
public sealed partial class ComposeTests
{
    private static readonly string ComposeText = File.ReadAllText(Path.Combine(Repo.DockerDir, "compose.yml"));
    private readonly Compose _compose = Compose.LoadRepo();

    [Fact]
    public void Asterisk_the_controller_the_web_admin_a_mail_catcher_and_monitoring_are_the_services()
    {
        var started = _compose.ServiceNames.Where(n => Profiles(n).Count == 0);
        Assert.Equal(["admin-web", "asterisk", "controller", "grafana", "mailpit", "prometheus"], started.Order(StringComparer.Ordinal));
        Assert.StartsWith("axllent/mailpit:", Yaml.Scalar(_compose.Service("mailpit"), "image"), StringComparison.Ordinal);
    }

    [Fact]
    public void PostgreSQL_is_there_only_with_the_postgres_profile()
    {
        Assert.Equal(["postgres"], Profiles("postgres"));
        // Nothing else is profiled, and nothing of the default stack needs it: `up` without the profile is unchanged.
        Assert.Equal(["postgres"], _compose.ServiceNames.Where(n => Profiles(n).Count > 0));
        Assert.All(_compose.ServiceNames.Where(n => n != "postgres"), n => Assert.DoesNotContain("postgres", DependsOn(n)));
        Assert.Matches(@"^postgres:1[5-9]", Yaml.Scalar(_compose.Service("postgres"), "image"));
    }

    [Fact]
    public void PostgreSQLs_healthcheck_asks_pg_isready_over_tcp_for_the_user_and_database_it_creates()
    {
        var env = _compose.Environment("postgres");
        var test = Yaml.Words(Yaml.Child(Yaml.Map(_compose.Service("postgres"), "healthcheck")!, "test"));

        Assert.Equal(["CMD", "pg_isready"], test.Take(2));
        Assert.Equal(env["POSTGRES_USER"], test[test.ToList().IndexOf("-U") + 1]);
        Assert.Equal(env["POSTGRES_DB"], test[test.ToList().IndexOf("-d") + 1]);
        Assert.Equal("127.0.0.1", test[test.ToList().IndexOf("-h") + 1]);
    }

    [Fact]
    public void PostgreSQL_is_never_published_on_all_interfaces()
    {
        Assert.All(_compose.Ports("postgres"), p => Assert.Equal("127.0.0.1", p.HostIp));
        Assert.DoesNotContain(
            _compose.ServiceNames.SelectMany(_compose.Ports),
            p => p.ContainerRange.From <= 5432 && 5432 <= p.ContainerRange.To && p.HostIp is null or "0.0.0.0" or "::");
    }

    [Fact]
    public void PostgreSQLs_password_comes_from_the_environment_and_no_password_is_in_the_repository()
    {
        var password = Compose.Interpolations(_compose.Environment("postgres")["POSTGRES_PASSWORD"]).Single();
        Assert.Equal("POSTGRES_PASSWORD", password.Name);
        Assert.Equal("", password.Rest);
        Assert.Equal("", EnvExample.Load()["POSTGRES_PASSWORD"]);
        // Also the connection strings the comments show: every Password= is a variable reference.
        var shown = PasswordInConnectionString().Matches(ComposeText);
        Assert.NotEmpty(shown);
        Assert.All(shown, m => Assert.Equal("${POSTGRES_PASSWORD}", m.Groups[1].Value));
    }

    [Fact]
    public void The_connection_string_the_comments_show_names_the_service_user_and_database_compose_creates()
    {
        var env = _compose.Environment("postgres");
        var shown = ConnectionStringComment().Match(ComposeText);
        Assert.True(shown.Success, "compose.yml shows no Database__ConnectionString for the postgres profile");
        var parts = shown.Groups[1].Value.Split(';').Select(p => p.Split('=', 2)).ToDictionary(p => p[0], p => p[1], StringComparer.Ordinal);

        Assert.Equal(("postgres", env["POSTGRES_DB"], env["POSTGRES_USER"]), (parts["Host"], parts["Database"], parts["Username"]));
        Assert.Contains("Database__Provider: postgres", ComposeText, StringComparison.Ordinal);
    }

    [Fact]
    public void PostgreSQLs_data_lives_on_its_own_named_volume()
    {
        var data = Assert.Single(_compose.Volumes("postgres"));
        Assert.Equal(("postgres", "/var/lib/postgresql/data"), (data.Source, data.Target));
        Assert.True(data.IsNamed);
    }

    private IReadOnlyList<string> Profiles(string service) => Yaml.Words(Yaml.Child(_compose.Service(service), "profiles"));

    /// <summary>The services <paramref name="service"/> waits for, in either of compose's forms (list or mapping).</summary>
    private IReadOnlyList<string> DependsOn(string service) => Yaml.Child(_compose.Service(service), "depends_on") switch
    {
        YamlMappingNode map => map.Children.Keys.Select(k => ((YamlScalarNode)k).Value!).ToList(),
        YamlSequenceNode list => list.Children.Select(c => ((YamlScalarNode)c).Value!).ToList(),
        _ => [],
    };

    [Fact]
    public void The_controller_shares_asterisks_network_namespace_so_ari_stays_on_loopback()
    {
        var controller = _compose.Service("controller");
        Assert.Equal("service:asterisk", Yaml.Scalar(controller, "network_mode"));
        Assert.Null(Yaml.Child(controller, "ports"));     // compose forbids both; nothing of the controller is published
        Assert.Null(Yaml.Child(controller, "networks"));

        var baseUrl = new Uri(_compose.Environment("controller")["Ari__BaseUrl"]);
        Assert.True(baseUrl.IsLoopback, $"Ari__BaseUrl {baseUrl} is not loopback");
        Assert.Equal(8088, baseUrl.Port);
    }

    [Fact]
    public void Neither_ari_nor_the_health_endpoint_is_published_to_the_host()
    {
        foreach (var service in _compose.ServiceNames)
        {
            foreach (var port in _compose.Ports(service))
            {
                var (from, to) = port.ContainerRange;
                Assert.False(from <= 8088 && 8088 <= to, $"{service} publishes ARI's 8088");
                Assert.False(from <= 8090 && 8090 <= to, $"{service} publishes the controller's 8090");
            }
        }
    }

    [Theory]
    [InlineData("asterisk")]
    [InlineData("controller")]
    [InlineData("mailpit")]
    [InlineData("admin-web")]
    [InlineData("prometheus")]
    [InlineData("grafana")]
    [InlineData("postgres")]
    public void Every_service_restarts_and_has_a_healthcheck(string name)
    {
        var service = _compose.Service(name);
        Assert.Equal("unless-stopped", Yaml.Scalar(service, "restart"));
        var healthcheck = Yaml.Map(service, "healthcheck");
        Assert.NotNull(healthcheck);
        Assert.NotEqual("true", Yaml.Scalar(healthcheck, "disable"));
        var test = Yaml.Words(Yaml.Child(healthcheck, "test"));
        Assert.True(test.Count >= 2 && test[0] is "CMD" or "CMD-SHELL", $"{name}: healthcheck test is [{string.Join(", ", test)}]");
    }

    [Fact]
    public void The_controllers_healthcheck_asks_healthz_where_the_controller_serves_it()
    {
        var test = Yaml.Words(Yaml.Child(Yaml.Map(_compose.Service("controller"), "healthcheck")!, "test"));
        var url = new Uri(test.Single(w => w.StartsWith("http", StringComparison.Ordinal)));
        var healthUrl = new Uri(_compose.Environment("controller")["Health__Url"]);

        Assert.Equal("/healthz", url.AbsolutePath);
        Assert.Equal((healthUrl.Host, healthUrl.Port), (url.Host, url.Port));
        Assert.Contains("-f", string.Join(' ', test), StringComparison.Ordinal); // curl fails on 503 (ARI not connected)
    }

    [Fact]
    public void Asterisks_healthcheck_asks_asterisk_itself()
    {
        var test = Yaml.Words(Yaml.Child(Yaml.Map(_compose.Service("asterisk"), "healthcheck")!, "test"));
        Assert.Equal(["CMD", "asterisk", "-rx", "core show uptime"], test);
    }

    [Fact]
    public void Prometheus_scrapes_the_controllers_metrics_from_inside_asterisks_namespace_without_publishing_them()
    {
        var prometheus = _compose.Service("prometheus");
        Assert.Equal("service:asterisk", Yaml.Scalar(prometheus, "network_mode"));
        Assert.Null(Yaml.Child(prometheus, "ports"));

        var config = new YamlStream();
        config.Load(new StringReader(File.ReadAllText(Path.Combine(Repo.DockerDir, "prometheus", "prometheus.yml"))));
        var job = (YamlMappingNode)((YamlSequenceNode)((YamlMappingNode)config.Documents[0].RootNode)["scrape_configs"]).Children.Single();
        var target = ((YamlSequenceNode)((YamlMappingNode)((YamlSequenceNode)job["static_configs"]).Children.Single())["targets"]).Children.Single().ToString();
        var health = new Uri(_compose.Environment("controller")["Health__Url"]);
        Assert.Equal($"{health.Host}:{health.Port}", target);
        Assert.Equal("/metrics", job["metrics_path"].ToString());

        // The UI goes out on the namespace's owner, to this machine only.
        var ui = Assert.Single(_compose.Ports("asterisk"), p => p.ContainerRange == (9090, 9090));
        Assert.Equal("127.0.0.1", ui.HostIp);
    }

    [Fact]
    public void Grafana_is_provisioned_with_the_prometheus_of_this_compose_and_the_controller_dashboard()
    {
        var grafana = _compose.Service("grafana");
        var port = Assert.Single(_compose.Ports("grafana"));
        Assert.Equal("127.0.0.1", port.HostIp);
        Assert.Equal("admin", _compose.Environment("grafana")["GF_SECURITY_ADMIN_USER"]);

        var datasource = File.ReadAllText(Path.Combine(Repo.DockerDir, "grafana", "provisioning", "datasources", "prometheus.yml"));
        Assert.Contains("url: http://asterisk:9090", datasource, StringComparison.Ordinal);

        using var dashboard = System.Text.Json.JsonDocument.Parse(File.ReadAllText(Path.Combine(Repo.DockerDir, "grafana", "dashboards", "leaddesk-controller.json")));
        var panels = dashboard.RootElement.GetProperty("panels").EnumerateArray().ToList();
        var titles = panels.Select(p => p.GetProperty("title").GetString()!).ToList();
        Assert.Contains(titles, t => t.StartsWith("Calls per second by outcome", StringComparison.Ordinal));
        Assert.Contains(titles, t => t.StartsWith("Answer ratio", StringComparison.Ordinal));
        Assert.Contains(titles, t => t.StartsWith("Post-dial time", StringComparison.Ordinal));
        Assert.Contains(titles, t => t.StartsWith("ARI connection", StringComparison.Ordinal));
        Assert.Contains(titles, t => t.StartsWith("Voicemail outbox backlog", StringComparison.Ordinal));
        Assert.All(panels, p => Assert.Equal("leaddesk-prometheus", p.GetProperty("datasource").GetProperty("uid").GetString()));
        Assert.Contains("uid: leaddesk-prometheus", datasource, StringComparison.Ordinal);
        Assert.NotNull(Yaml.Child(grafana, "volumes"));
    }

    [Fact]
    public void Database_recordings_and_greetings_are_named_volumes_mounted_where_they_are_written()
    {
        Assert.Equal(["db", "grafana", "greetings", "postgres", "prometheus", "recordings"], _compose.DeclaredVolumes.Order(StringComparer.Ordinal));

        var dbMount = Assert.Single(_compose.Volumes("controller"), v => v.Source == "db");
        var dbPath = _compose.Environment("controller")["Database__Path"];
        Assert.Equal(dbMount.Target, Path.GetDirectoryName(dbPath)!.Replace('\\', '/'));

        var asterisk = _compose.Volumes("asterisk");
        Assert.Equal("/var/spool/asterisk/recording", Assert.Single(asterisk, v => v.Source == "recordings").Target);
        Assert.StartsWith("/var/spool/asterisk/recording/", Assert.Single(asterisk, v => v.Source == "greetings").Target, StringComparison.Ordinal);
    }

    [Fact]
    public void Every_mount_is_a_declared_named_volume_or_a_path_that_exists_in_the_repository()
    {
        foreach (var service in _compose.ServiceNames)
        {
            foreach (var mount in _compose.Volumes(service))
            {
                if (mount.IsNamed)
                {
                    Assert.Contains(mount.Source, _compose.DeclaredVolumes);
                }
                else
                {
                    var path = Path.GetFullPath(Path.Combine(Repo.DockerDir, mount.Source));
                    Assert.True(File.Exists(path) || Directory.Exists(path), $"{service} mounts {mount.Source}, which is not in the repository");
                }

                Assert.StartsWith("/", mount.Target, StringComparison.Ordinal);
            }
        }
    }

    [Fact]
    public void Every_build_context_and_dockerfile_exists()
    {
        foreach (var service in _compose.ServiceNames)
        {
            var build = Yaml.Map(_compose.Service(service), "build");
            if (build is null)
            {
                continue;
            }

            var context = Path.GetFullPath(Path.Combine(Repo.DockerDir, Yaml.Scalar(build, "context") ?? "."));
            Assert.Equal(Repo.Root, context.TrimEnd(Path.DirectorySeparatorChar));
            var dockerfile = Yaml.Scalar(build, "dockerfile")!;
            Assert.True(File.Exists(Path.Combine(context, dockerfile)), $"{service}: {dockerfile} missing");
        }
    }

    [Fact]
    public void Sip_and_the_rtp_range_of_rtp_conf_are_published_over_udp()
    {
        var ports = _compose.Ports("asterisk");
        Assert.Contains(ports, p => p.Protocol == "udp" && p.ContainerRange == (5060, 5060) && p.HostRange == (5060, 5060));

        var expected = RtpRange();
        var rtp = Assert.Single(ports, p => p.Protocol == "udp" && p.ContainerRange.From != p.ContainerRange.To);
        Assert.Equal(expected, rtp.ContainerRange);
        Assert.Equal(expected, rtp.HostRange); // SDP carries the container's port numbers, so host == container
    }

    [Fact]
    public void The_web_admin_listens_in_its_container_and_is_published_on_the_hosts_loopback_only()
    {
        var port = Assert.Single(_compose.Ports("admin-web"));
        Assert.Equal("127.0.0.1", port.HostIp);
        Assert.Equal((8091, 8091), port.ContainerRange);
        Assert.Equal((8091, 8091), port.HostRange);

        var listen = new Uri(_compose.Environment("admin-web")["ASPNETCORE_URLS"]);
        Assert.Equal(("0.0.0.0", 8091), (listen.Host, listen.Port));
    }

    [Fact]
    public void The_web_admin_uses_the_controllers_database_on_the_same_volume()
    {
        Assert.Equal(_compose.Environment("controller")["Database__Path"], _compose.Environment("admin-web")["Database__Path"]);
        var controllerDb = _compose.Volumes("controller").Single(v => v.Target == "/var/lib/leaddesk");
        var webDb = _compose.Volumes("admin-web").Single(v => v.Target == "/var/lib/leaddesk");
        Assert.Equal(controllerDb.Source, webDb.Source);
        Assert.True(webDb.IsNamed);
    }

    [Fact]
    public void The_web_admins_healthcheck_asks_the_port_it_listens_on()
    {
        var test = Yaml.Words(Yaml.Child(Yaml.Map(_compose.Service("admin-web"), "healthcheck")!, "test"));
        var url = new Uri(test.Single(w => w.StartsWith("http", StringComparison.Ordinal)));
        Assert.Equal(8091, url.Port);
        Assert.True(url.IsLoopback);
        Assert.Contains("-fsS", test);
    }

    [Fact]
    public void The_mailpit_ui_is_bound_to_this_machine_only_and_smtp_is_not_published()
    {
        var ports = _compose.Ports("mailpit");
        var ui = Assert.Single(ports);
        Assert.Equal("127.0.0.1", ui.HostIp);
        Assert.Equal((8025, 8025), ui.ContainerRange);
        Assert.DoesNotContain(_compose.ServiceNames.SelectMany(_compose.Ports), p => p.ContainerRange.From <= 1025 && 1025 <= p.ContainerRange.To);
    }

    [Fact]
    public void No_password_is_written_in_compose_only_variable_references()
    {
        foreach (var service in _compose.ServiceNames)
        {
            foreach (var (name, value) in _compose.Environment(service))
            {
                if (name.Contains("PASSWORD", StringComparison.OrdinalIgnoreCase))
                {
                    Assert.Matches(WholeReference(), value);
                }
            }
        }
    }

    [Theory]
    [InlineData("ARI_PASSWORD")]
    [InlineData("SIP_PASSWORD_1001")]
    [InlineData("SIP_PASSWORD_1002")]
    public void Compose_refuses_to_start_without_the_required_passwords(string variable)
    {
        var uses = Compose.Interpolations(ComposeText).Where(i => i.Name == variable).ToList();
        Assert.NotEmpty(uses);
        Assert.All(uses, i => Assert.True(i.IsRequired, $"${{{variable}}} has no :? error"));
    }

    [Fact]
    public void The_controller_gets_every_setting_it_needs_from_the_environment()
    {
        var env = _compose.Environment("controller");
        string[] required =
        [
            "Ari__BaseUrl", "Ari__Username", "Ari__Password", "Ari__Application", "Database__Path",
            "Smtp__Host", "Smtp__Port", "Smtp__From", "Health__Url",
        ];
        Assert.All(required, key => Assert.True(env.ContainsKey(key), $"{key} is not set on the controller"));
        Assert.Equal("leaddesk", env["Ari__Application"]);
        Assert.Contains(env["Smtp__Host"], new[] { "mailpit", "${SMTP_HOST:-mailpit}" });
    }

    [Fact]
    public void Every_environment_variable_of_the_controller_is_a_configuration_key_it_reads()
    {
        var problems = _compose.Environment("controller").Keys.Select(ControllerConfiguration.Problem).OfType<string>().ToList();
        Assert.Empty(problems);
    }

    [Fact]
    public void Every_variable_compose_interpolates_is_explained_in_env_example()
    {
        var example = EnvExample.Load();
        var missing = Compose.Interpolations(ComposeText).Select(i => i.Name).Distinct().Where(n => !example.ContainsKey(n)).ToList();
        Assert.Empty(missing);
    }

    [Fact]
    public void The_asterisk_service_gets_the_passwords_the_start_script_substitutes()
    {
        var env = _compose.Environment("asterisk");
        Assert.Equal("${ARI_PASSWORD:?set ARI_PASSWORD in docker/.env}", env["ARI_PASSWORD"]);

        // Both sides of ARI must use the same variable, or the controller would be locked out.
        var controllerPassword = Compose.Interpolations(_compose.Environment("controller")["Ari__Password"]).Single();
        Assert.Equal("ARI_PASSWORD", controllerPassword.Name);
    }

    /// <summary>rtp.conf from asterisk-config/ when it exists; otherwise the default the start script writes.</summary>
    internal static (int From, int To) RtpRange()
    {
        var rtpConf = Path.Combine(Repo.AsteriskConfigDir, "rtp.conf");
        var text = File.Exists(rtpConf)
            ? File.ReadAllText(rtpConf)
            : File.ReadAllText(Path.Combine(Repo.DockerDir, "asterisk", "render-config.sh"));
        return (int.Parse(RtpStart().Match(text).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture),
                int.Parse(RtpEnd().Match(text).Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture));
    }

    [GeneratedRegex(@"^\$\{[A-Za-z_][A-Za-z0-9_]*(:?[-?][^}]*)?\}$")]
    private static partial Regex WholeReference();

    [GeneratedRegex(@"Password=([^;\s]*)")]
    private static partial Regex PasswordInConnectionString();

    [GeneratedRegex(@"Database__ConnectionString: (\S+)")]
    private static partial Regex ConnectionStringComment();

    [GeneratedRegex(@"(?m)^\s*rtpstart\s*=\s*(\d+)")]
    private static partial Regex RtpStart();

    [GeneratedRegex(@"(?m)^\s*rtpend\s*=\s*(\d+)")]
    private static partial Regex RtpEnd();
}
