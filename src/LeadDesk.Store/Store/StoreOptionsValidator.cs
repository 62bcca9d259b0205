using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.Options;

namespace LeadDesk.Store;

/// <summary>
/// Checks at start that the database settings can be used (a known provider; for PostgreSQL a readable connection
/// string) and that the SQLite database the host will open (resolved by <see cref="StoreLocation"/> from the same
/// configuration) is a file that is, or can become, LeadDesk's: not a directory, not another program's SQLite file.
/// </summary>
public sealed class StoreOptionsValidator(IConfiguration configuration) : IValidateOptions<StoreOptions>
{
    public ValidateOptionsResult Validate(string? name, StoreOptions options)
    {
        StoreLocation location;
        try
        {
            location = StoreLocation.Resolve(configuration);
        }
        catch (StoreSettingException e)
        {
            return ValidateOptionsResult.Fail(e.Message);
        }

        return Problem(location) is { } problem ? ValidateOptionsResult.Fail(problem) : ValidateOptionsResult.Success;
    }

    /// <summary>One line naming the setting and what is wrong with the file, or null; the CLI says the same.</summary>
    public static string? Problem(StoreLocation location)
    {
        ArgumentNullException.ThrowIfNull(location);
        if (location.Provider != StoreProvider.Sqlite || StoreFileCheck.Problem(location.Path) is not { } problem)
        {
            return null;
        }

        return location.Origin switch
        {
            "default" => $"the default database {location.Path} (Database:Path unset) {problem}",
            "--db" => $"--db '{location.Path}' {problem}",
            _ => $"{StoreLocation.SettingKey} '{location.Path}' {problem}",
        };
    }
}
