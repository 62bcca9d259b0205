namespace LeadDesk.RouteController.Callers;

/// <summary>
/// Who called, as every part of the controller shows it: the agent's phone, the controller's log, the call log, the
/// voicemail mail. Decided once per call by <see cref="CallerIdRule"/>.
/// </summary>
/// <param name="Number">E.164, or the digits of a number that is no phone number (an extension, a short code); null: no number.</param>
/// <param name="Name">The caller-ID name, cut to printable text; never shown on an agent's phone.</param>
internal sealed record CallerIdentity(string? Number, string? Name)
{
    /// <summary>What the log, the call log and the mail say for a caller without a number.</summary>
    public const string Anonymous = "anonymous";

    public bool IsAnonymous => Number is null;

    /// <summary>The caller in the controller's log and the call log: the number, or <c>anonymous</c>.</summary>
    public string Shown => Number ?? Anonymous;

    /// <summary>
    /// The caller ID the agent's phone is rung with: the number only. Empty for no number: Asterisk then presents the
    /// call as <c>"Anonymous" &lt;sip:anonymous@anonymous.invalid&gt;</c>.
    /// </summary>
    public string ForPhone => Number ?? "";
}
