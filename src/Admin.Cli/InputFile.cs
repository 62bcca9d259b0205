using LeadDesk.Store;

namespace LeadDesk.Admin.Cli;

/// <summary>Opens a file the admin named (<c>--file</c>, <c>numbers import FILE</c>) with a refusal that says what is wrong.</summary>
internal static class InputFile
{
    public static StreamReader Open(string path)
    {
        if (Directory.Exists(path))
        {
            throw new RoutingRefusedException($"Cannot read {path}: it is a directory, not a file.");
        }

        try
        {
            return new StreamReader(path);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new RoutingRefusedException($"Cannot read {path}: no such file.");
        }
        catch (UnauthorizedAccessException)
        {
            throw new RoutingRefusedException($"Cannot read {path}: permission denied.");
        }
    }
}
