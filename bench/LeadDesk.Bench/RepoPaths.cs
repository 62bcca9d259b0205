namespace LeadDesk.Bench;

/// <summary>Where the repository and the child processes' builds are.</summary>
internal static class RepoPaths
{
#if DEBUG
    private const string Configuration = "Debug";
#else
    private const string Configuration = "Release";
#endif

    public static string Root { get; } = FindRoot();

    /// <summary>Built by this project's (non-referencing) project reference, in the same configuration.</summary>
    public static string ControllerDll => Built("src/RouteController", "RouteController.dll");

    public static string AdminDll => Built("src/Admin.Cli", "leaddesk-admin.dll");

    public static string IsRelease => Configuration;

    private static string Built(string project, string dll)
    {
        var path = Path.Combine(Root, project, "bin", Configuration, "net10.0", dll);
        return File.Exists(path) ? path : throw new FileNotFoundException($"{path} is missing: build with `dotnet build -c {Configuration} bench/LeadDesk.Bench`.");
    }

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "LeadDesk.Ari.sln")))
            {
                return dir.FullName;
            }
        }

        throw new DirectoryNotFoundException("LeadDesk.Ari.sln not found above " + AppContext.BaseDirectory);
    }
}
