using AsteriskConfig.Tests.Parsing;

namespace AsteriskConfig.Tests;

/// <summary>The repository's asterisk-config/ folder, found from the test binary's location.</summary>
public static class RepoConfig
{
    private static readonly Lazy<string> Root = new(FindRoot);

    public static string RepositoryRoot => Root.Value;
    public static string Directory => Path.Combine(RepositoryRoot, "asterisk-config");

    public static AsteriskConfigFile Load(string fileName) => AsteriskConfigFile.Load(Directory, fileName);

    public static Dialplan Dialplan() => new(Load("extensions.conf"));

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
            if (File.Exists(Path.Combine(dir.FullName, "LeadDesk.Ari.sln")))
                return dir.FullName;
        throw new InvalidOperationException($"LeadDesk.Ari.sln not found in {AppContext.BaseDirectory} or any parent folder");
    }
}
