namespace LeadDesk.Ari.Client.Models;

/// <summary>What the connected Asterisk can do, derived from its version.</summary>
/// <param name="Version">The version Asterisk reported.</param>
/// <param name="SupportsProgress">Whether POST /channels/{id}/progress (early media without answer) exists.</param>
/// <param name="Assumed">True when the version could not be parsed and the answers are guesses (see <see cref="AsteriskVersion.SupportsProgress"/>).</param>
public sealed record AriCapabilities(AsteriskVersion Version, bool SupportsProgress, bool Assumed)
{
    /// <summary>asterisk.conf's <c>systemname</c> (<c>config.name</c> of /asterisk/info); empty when unset.</summary>
    public string SystemName { get; init; } = "";

    public static AriCapabilities From(AsteriskVersion version) =>
        new(version, version.SupportsProgress, Assumed: !version.IsParsed);
}
