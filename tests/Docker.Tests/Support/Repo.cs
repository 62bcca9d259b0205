namespace Docker.Tests.Support;

/// <summary>Paths in the repository, found from the test binary by walking up to LeadDesk.Ari.sln.</summary>
internal static class Repo
{
    private static readonly Lazy<string> RootPath = new(FindRoot);

    public static string Root => RootPath.Value;

    public static string DockerDir => Path.Combine(Root, "docker");

    public static string AsteriskConfigDir => Path.Combine(Root, "asterisk-config");

    public static string PathOf(params string[] parts) => Path.Combine([Root, .. parts]);

    public static string ReadText(params string[] parts) => File.ReadAllText(PathOf(parts));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LeadDesk.Ari.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException($"No LeadDesk.Ari.sln above {AppContext.BaseDirectory}");
    }
}
