using System.Xml.Linq;
using Docker.Tests.Support;

namespace Docker.Tests;

/// <summary>The Dockerfiles read line by line; the build context of both is the repository root.</summary>
public sealed class DockerfileTests
{
    private static readonly Dockerfile Controller = Dockerfile.Load(Path.Combine(Repo.DockerDir, "controller.Dockerfile"));
    private static readonly Dockerfile Asterisk = Dockerfile.Load(Path.Combine(Repo.DockerDir, "asterisk.Dockerfile"));

    public static TheoryData<string> Dockerfiles => new() { "controller.Dockerfile", "asterisk.Dockerfile" };

    [Fact]
    public void The_controller_is_built_on_the_sdk_and_runs_on_the_aspnet_runtime()
    {
        Assert.True(Controller.Froms.Count >= 2, "not multi-stage");
        Assert.Equal("mcr.microsoft.com/dotnet/sdk:10.0", Controller.ImageOf(Controller.Froms[0]));
        Assert.Equal("mcr.microsoft.com/dotnet/aspnet:10.0", Controller.ImageOf(Controller.Froms[^1]));
    }

    /// <summary>The controller's HTTP listener is Kestrel, which the final image must carry; the CLI needs none of it.</summary>
    [Fact]
    public void Only_the_controller_needs_the_aspnetcore_runtime()
    {
        static bool UsesAspNetCore(string project) =>
            XDocument.Load(Repo.PathOf(project)).Descendants("FrameworkReference").Any(f => f.Attribute("Include")?.Value == "Microsoft.AspNetCore.App");

        foreach (var project in new[] { "src/RouteController/RouteController.csproj", "src/Admin.Cli/Admin.Cli.csproj" })
        {
            Assert.Equal("Microsoft.NET.Sdk", XDocument.Load(Repo.PathOf(project)).Root!.Attribute("Sdk")?.Value);
        }

        Assert.True(UsesAspNetCore("src/RouteController/RouteController.csproj"));
        Assert.False(UsesAspNetCore("src/Admin.Cli/Admin.Cli.csproj"));
    }

    [Fact]
    public void The_final_stage_runs_as_a_non_root_user()
    {
        var user = Assert.Single(Controller.InStage(Controller.FinalStage), i => i.Keyword == "USER").Arguments;
        Assert.DoesNotContain(user.Split(':')[0], new[] { "root", "0" });
        Assert.True(user is "app" or "$APP_UID" or "${APP_UID}" || int.TryParse(user, out _), $"USER {user}");
        // and it is the last USER: nothing switches back to root afterwards
        Assert.Equal(user, Controller.Of("USER")[^1].Arguments);
    }

    [Fact]
    public void The_database_directory_is_a_volume_owned_by_that_user_and_the_default_path_is_on_it()
    {
        var final = Controller.InStage(Controller.FinalStage);
        var volume = Assert.Single(final, i => i.Keyword == "VOLUME").Arguments;
        Assert.Contains("/var/lib/leaddesk", volume, StringComparison.Ordinal);
        Assert.Contains(final, i => i.Keyword == "RUN" && i.Arguments.Contains("chown \"$APP_UID:$APP_UID\" /var/lib/leaddesk", StringComparison.Ordinal));
        var env = final.Where(i => i.Keyword == "ENV").SelectMany(EnvPairs).ToDictionary(p => p.Key, p => p.Value);
        Assert.StartsWith("/var/lib/leaddesk/", env["Database__Path"], StringComparison.Ordinal);
    }

    [Fact]
    public void The_healthcheck_asks_healthz_with_a_tool_the_image_installs()
    {
        var final = Controller.InStage(Controller.FinalStage);
        var check = Assert.Single(final, i => i.Keyword == "HEALTHCHECK").Arguments;
        Assert.Contains("/healthz", check, StringComparison.Ordinal);
        Assert.Contains("curl -f", check, StringComparison.Ordinal);
        Assert.Contains(final, i => i.Keyword == "RUN" && i.Arguments.Contains("install -y --no-install-recommends curl", StringComparison.Ordinal));
    }

    [Fact]
    public void Restore_sees_only_project_files_and_they_cover_every_project_the_apps_reference()
    {
        var build = Controller.InStage(0);
        var restore = build.First(i => i.Keyword == "RUN" && i.Arguments.Contains("dotnet restore", StringComparison.Ordinal));
        var before = build.Where(i => i.Keyword == "COPY" && i.Line < restore.Line).ToList();
        var copiedFiles = before.SelectMany(i => i.Operands.SkipLast(1)).ToList();

        Assert.All(copiedFiles, f => Assert.True(f.EndsWith(".csproj", StringComparison.Ordinal) || !f.Contains('/', StringComparison.Ordinal), $"{f} copied before restore"));
        Assert.Contains("Directory.Packages.props", copiedFiles);
        Assert.Contains("Directory.Build.props", copiedFiles);
        Assert.Contains("global.json", copiedFiles);

        var needed = ProjectClosure("src/RouteController/RouteController.csproj", "src/Admin.Cli/Admin.Cli.csproj");
        Assert.Equal(needed.Order(StringComparer.Ordinal), copiedFiles.Where(f => f.EndsWith(".csproj", StringComparison.Ordinal)).Order(StringComparer.Ordinal));
        Assert.All(copiedFiles, f => Assert.True(File.Exists(Repo.PathOf(f)), $"{f} is not in the repository"));

        // each project file lands at its own path, so ProjectReferences resolve as in the repository
        foreach (var copy in before.Where(i => i.Operands[0].EndsWith(".csproj", StringComparison.Ordinal)))
        {
            Assert.Equal(Path.GetDirectoryName(copy.Operands[0])!.Replace('\\', '/') + "/", copy.Operands[^1]);
        }

        var sources = build.Where(i => i.Keyword == "COPY" && i.Line > restore.Line).ToList();
        Assert.Contains(sources, i => i.Operands[0] is "src/" or "src");
    }

    [Fact]
    public void Both_apps_are_published_in_release_and_are_what_the_image_runs()
    {
        var publishes = Controller.InStage(0).Where(i => i.Keyword == "RUN").Select(i => i.Arguments)
            .Where(a => a.Contains("dotnet publish", StringComparison.Ordinal)).ToList();
        var all = string.Join(' ', publishes);
        Assert.Contains("dotnet publish src/RouteController/RouteController.csproj -c Release", all, StringComparison.Ordinal);
        Assert.Contains("dotnet publish src/Admin.Cli/Admin.Cli.csproj -c Release", all, StringComparison.Ordinal);

        var controllerAssembly = AssemblyName("src/RouteController/RouteController.csproj");
        var entrypoint = Assert.Single(Controller.Of("ENTRYPOINT")).Arguments;
        Assert.Contains($"/{controllerAssembly}.dll", entrypoint, StringComparison.Ordinal);

        var adminAssembly = AssemblyName("src/Admin.Cli/Admin.Cli.csproj");
        Assert.Equal("leaddesk-admin", adminAssembly);
        var wrapper = File.ReadAllText(Path.Combine(Repo.DockerDir, "controller", "leaddesk-admin"));
        Assert.Contains($"exec dotnet /app/admin/{adminAssembly}.dll \"$@\"", wrapper, StringComparison.Ordinal);
        Assert.Contains(Controller.Of("COPY"), i => i.Operands[^1] == "/usr/local/bin/leaddesk-admin" && i.Flags.Contains("--chmod=755"));
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Every_copy_source_exists_in_the_build_context_and_is_not_ignored(string name)
    {
        var dockerfile = name == "controller.Dockerfile" ? Controller : Asterisk;
        var ignore = DockerIgnore.Load(Path.Combine(Repo.DockerDir, name + ".dockerignore"));
        foreach (var copy in dockerfile.Of("COPY").Concat(dockerfile.Of("ADD")))
        {
            if (copy.Flags.Any(f => f.StartsWith("--from=", StringComparison.Ordinal)))
            {
                continue;
            }

            foreach (var source in copy.Operands.SkipLast(1))
            {
                var path = Repo.PathOf(source.TrimEnd('/'));
                Assert.True(File.Exists(path) || Directory.Exists(path) || Path.GetFileName(source) == "asterisk-config",
                    $"{name} line {copy.Line}: {source} is not in the repository");
                Assert.False(ignore.Excludes(source.TrimEnd('/')), $"{name} line {copy.Line}: {source} is excluded by {name}.dockerignore");
            }
        }
    }

    [Fact]
    public void The_build_context_leaves_out_build_output_databases_and_history()
    {
        var ignore = DockerIgnore.Load(Path.Combine(Repo.DockerDir, "controller.Dockerfile.dockerignore"));
        Assert.True(ignore.Excludes("src/RouteController/bin"));
        Assert.True(ignore.Excludes("src/RouteController/obj"));
        Assert.True(ignore.Excludes("TestResults"));
        Assert.True(ignore.Excludes(".git"));
        Assert.True(ignore.Excludes("data"));
        Assert.True(ignore.Excludes("docker/.env"));
        Assert.False(ignore.Excludes("src/RouteController/Program.cs"));
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void No_secret_is_baked_into_an_image(string name)
    {
        var dockerfile = name == "controller.Dockerfile" ? Controller : Asterisk;
        string[] secretWords = ["PASSWORD", "SECRET", "TOKEN", "APIKEY", "API_KEY"];
        foreach (var pair in dockerfile.Of("ENV").SelectMany(EnvPairs).Concat(dockerfile.Of("ARG").Select(ArgPair)))
        {
            Assert.False(secretWords.Any(w => pair.Key.Contains(w, StringComparison.OrdinalIgnoreCase)), $"{name}: {pair.Key} set at build time");
        }
    }

    [Fact]
    public void Every_variable_the_controller_image_sets_is_a_configuration_key_it_reads()
    {
        var problems = Controller.Of("ENV").SelectMany(EnvPairs).Select(p => ControllerConfiguration.Problem(p.Key)).OfType<string>().ToList();
        Assert.Empty(problems);
    }

    [Fact]
    public void Asterisk_comes_prebuilt_from_a_pinned_release_and_is_not_compiled_here()
    {
        var from = Assert.Single(Asterisk.Froms);
        var image = Asterisk.ImageOf(from);
        Assert.StartsWith("andrius/asterisk:22.", image, StringComparison.Ordinal); // 22.6+ has ARI progress
        var version = Version.Parse(image["andrius/asterisk:".Length..].Split('_')[0]);
        Assert.True(version >= new Version(22, 6), $"{version} lacks ARI progress (early media)");

        string[] compiling = ["make", "./configure", "configure", "gcc", "cc", "build-essential", "menuselect", "cmake"];
        foreach (var run in Asterisk.Of("RUN"))
        {
            var words = run.Arguments.Split((char[])[' ', '\t', ';', '&', '|'], StringSplitOptions.RemoveEmptyEntries);
            Assert.DoesNotContain(words, w => compiling.Contains(w, StringComparer.Ordinal));
        }
    }

    [Fact]
    public void The_asterisk_image_restates_cmd_because_its_entrypoint_clears_the_base_images()
    {
        var entrypoint = Assert.Single(Asterisk.Of("ENTRYPOINT"));
        var cmd = Assert.Single(Asterisk.Of("CMD"));
        Assert.True(cmd.Line > entrypoint.Line);
        Assert.Contains("/usr/sbin/asterisk", cmd.Arguments, StringComparison.Ordinal);
        Assert.Contains("\"-f\"", cmd.Arguments, StringComparison.Ordinal);
        Assert.Contains("\"-U\", \"asterisk\"", cmd.Arguments, StringComparison.Ordinal); // Asterisk itself does not run as root

        var start = File.ReadAllText(Path.Combine(Repo.DockerDir, "asterisk", "leaddesk-start.sh"));
        Assert.Contains("exec /usr/local/bin/entrypoint.sh \"$@\"", start, StringComparison.Ordinal);
    }

    [Theory]
    [MemberData(nameof(Dockerfiles))]
    public void Dockerfiles_declare_the_syntax_their_copy_chmod_needs(string name)
    {
        var first = File.ReadLines(Path.Combine(Repo.DockerDir, name)).First();
        Assert.Equal("# syntax=docker/dockerfile:1", first);
    }

    private static IEnumerable<KeyValuePair<string, string>> EnvPairs(Instruction env)
    {
        // ENV A=1 B=2 (the form used here); values have no blanks
        foreach (var word in env.Words)
        {
            var eq = word.IndexOf('=', StringComparison.Ordinal);
            Assert.True(eq > 0, $"line {env.Line}: use ENV KEY=VALUE");
            yield return new(word[..eq], word[(eq + 1)..]);
        }
    }

    private static KeyValuePair<string, string> ArgPair(Instruction arg)
    {
        var parts = arg.Arguments.Split('=', 2);
        return new(parts[0].Trim(), parts.Length > 1 ? parts[1] : "");
    }

    private static string AssemblyName(string project)
    {
        var xml = XDocument.Load(Repo.PathOf(project));
        return xml.Descendants("AssemblyName").Select(e => e.Value).FirstOrDefault() ?? Path.GetFileNameWithoutExtension(project);
    }

    /// <summary>The given projects and every project they reference, transitively, as repository-relative paths.</summary>
    private static IReadOnlySet<string> ProjectClosure(params string[] roots)
    {
        var result = new HashSet<string>(StringComparer.Ordinal);
        var queue = new Queue<string>(roots);
        while (queue.TryDequeue(out var project))
        {
            if (!result.Add(project))
            {
                continue;
            }

            var dir = Path.GetDirectoryName(Repo.PathOf(project))!;
            foreach (var reference in XDocument.Load(Repo.PathOf(project)).Descendants("ProjectReference"))
            {
                var full = Path.GetFullPath(Path.Combine(dir, reference.Attribute("Include")!.Value.Replace('\\', '/')));
                queue.Enqueue(Path.GetRelativePath(Repo.Root, full).Replace('\\', '/'));
            }
        }

        return result;
    }
}
