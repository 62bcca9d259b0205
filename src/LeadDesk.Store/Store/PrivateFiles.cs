namespace LeadDesk.Store;

/// <summary>
/// The database holds password hashes and recordings, the web admin's key ring signs its sessions: every file of
/// ours is readable by its owner only (0600) and every directory we make is the owner's only (0700), whichever
/// program (CLI, controller or web admin) creates it first. On Windows the ACLs of the parent directory apply.
/// </summary>
public static class PrivateFiles
{
    /// <summary>rw------- (0600).</summary>
    public const UnixFileMode FileMode = UnixFileMode.UserRead | UnixFileMode.UserWrite;

    /// <summary>rwx------ (0700).</summary>
    public const UnixFileMode DirectoryMode = UnixFileMode.UserRead | UnixFileMode.UserWrite | UnixFileMode.UserExecute;

    private const UnixFileMode GroupOrOther =
        UnixFileMode.GroupRead | UnixFileMode.GroupWrite | UnixFileMode.GroupExecute
        | UnixFileMode.OtherRead | UnixFileMode.OtherWrite | UnixFileMode.OtherExecute;

    /// <summary>Creates <paramref name="path"/> (and any missing parents) as 0700; an existing directory is left as it is.</summary>
    public static void EnsureDirectory(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (Directory.Exists(path))
        {
            return;
        }

        if (OperatingSystem.IsWindows())
        {
            Directory.CreateDirectory(path);
            return;
        }

        // Each missing ancestor too: CreateDirectory gives the mode to the last one only.
        var parent = Path.GetDirectoryName(Path.GetFullPath(path));
        if (!string.IsNullOrEmpty(parent))
        {
            EnsureDirectory(parent);
        }

        Directory.CreateDirectory(path, DirectoryMode);
    }

    /// <summary>Creates an empty <paramref name="path"/> as 0600 unless it exists (SQLite takes an empty file as a new database).</summary>
    public static void EnsureFile(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        if (File.Exists(path) || OperatingSystem.IsWindows())
        {
            return;
        }

        try
        {
            using var _ = new FileStream(path, new FileStreamOptions
            {
                Mode = System.IO.FileMode.CreateNew,
                Access = FileAccess.Write,
                UnixCreateMode = FileMode,
            });
        }
        catch (IOException) when (File.Exists(path))
        {
            // Another process created it first: it is tightened like any existing file.
        }
    }

    /// <summary>
    /// Takes the group and other bits off <paramref name="paths"/> that exist and have any. Returns the files that were
    /// changed (for one log line); a file this process may not change (another owner) is left as it is.
    /// </summary>
    public static IReadOnlyList<string> Tighten(params IEnumerable<string> paths)
    {
        ArgumentNullException.ThrowIfNull(paths);
        var changed = new List<string>();
        if (OperatingSystem.IsWindows())
        {
            return changed;
        }

        foreach (var path in paths)
        {
            try
            {
                if (!File.Exists(path) && !Directory.Exists(path))
                {
                    continue;
                }

                var mode = File.GetUnixFileMode(path);
                if ((mode & GroupOrOther) == 0)
                {
                    continue;
                }

                File.SetUnixFileMode(path, mode & ~GroupOrOther);
                changed.Add(path);
            }
            catch (Exception e) when (e is UnauthorizedAccessException or IOException)
            {
            }
        }

        return changed;
    }

    /// <summary>The database file and the two files SQLite keeps beside it in WAL mode.</summary>
    public static IEnumerable<string> SqliteFiles(string databasePath) =>
        [databasePath, databasePath + "-wal", databasePath + "-shm"];
}
