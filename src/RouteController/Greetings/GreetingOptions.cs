namespace LeadDesk.RouteController.Greetings;

/// <summary>
/// Section <c>Greeting</c>: the agent's greeting-recording call. The prompts are Asterisk's stock English sounds
/// (core-sounds-en), named here so a site can swap in its own recordings.
/// </summary>
public sealed class GreetingOptions
{
    public const string SectionName = "Greeting";

    /// <summary>
    /// The base URL Asterisk fetches agents' greetings from (<c>sound:BASE/media/greetings/AGENT/VERSION.wav</c>, with
    /// res_curl and res_http_media_cache): the controller serves each greeting from the database, the one source of
    /// truth, so a greeting made by phone or in the web admin reaches callers with no step on the Asterisk host.
    /// Empty: the health listener's URL (<c>Health:Url</c>), which Asterisk reaches on loopback. With both empty,
    /// greetings are played from Asterisk's stored recordings (<c>recording:greeting-AGENT</c>).
    /// </summary>
    /// <value>Default: empty.</value>
    public string MediaUrl { get; set; } = "";

    /// <summary>How long the menu waits for a key once its prompt has ended; two silent rounds end the call.</summary>
    /// <value>Default: <c>10 s</c>.</value>
    public TimeSpan KeyTimeout { get; set; } = TimeSpan.FromSeconds(10);

    /// <summary>Longest greeting; Asterisk ends the recording there.</summary>
    /// <value>Default: <c>60</c>.</value>
    public int MaxSeconds { get; set; } = 60;

    /// <summary>Silence that ends the recording, for an agent who forgets the <c>#</c>.</summary>
    /// <value>Default: <c>8</c>.</value>
    public int MaxSilenceSeconds { get; set; } = 8;

    /// <summary>
    /// The main menu, composed from stock fragments ("press 1, to listen to it; press 2, to re-record it; press star,
    /// deleted; press pound, goodbye"). Stock sounds have no single prompt for this menu: a site that wants it
    /// smoother records one and names it here.
    /// </summary>
    /// <value>Default: <c>sound:vm-press,sound:digits/1,sound:to-listen-to-it,sound:vm-press,sound:digits/2,sound:to-rerecord-it,sound:vm-press,sound:digits/star,sound:vm-deleted,sound:vm-press,sound:digits/pound,sound:vm-goodbye</c>.</value>
    public string MainMenu { get; set; } =
        "sound:vm-press,sound:digits/1,sound:to-listen-to-it,sound:vm-press,sound:digits/2,sound:to-rerecord-it,sound:vm-press,sound:digits/star,sound:vm-deleted,sound:vm-press,sound:digits/pound,sound:vm-goodbye";

    /// <summary>After a recording: "press 1, saved; press 2, to re-record it; press 3, to listen to it".</summary>
    /// <remarks>
    /// Not <c>vm-review</c>: that stock prompt says 2 listens and 3 re-records, the other way round from ours; and the
    /// core sounds have no "to accept this recording" on its own (only inside <c>vm-review</c> and <c>vm-saveoper</c>),
    /// so keeping is said with <c>vm-saved</c>. A site that wants it smoother records its own prompt and names it here.
    /// </remarks>
    /// <value>Default: <c>sound:vm-press,sound:digits/1,sound:vm-saved,sound:vm-press,sound:digits/2,sound:to-rerecord-it,sound:vm-press,sound:digits/3,sound:to-listen-to-it</c>.</value>
    public string ReviewMenu { get; set; } =
        "sound:vm-press,sound:digits/1,sound:vm-saved,sound:vm-press,sound:digits/2,sound:to-rerecord-it,sound:vm-press,sound:digits/3,sound:to-listen-to-it";

    // The menus are comma-separated media lists (one ARI play request; Asterisk plays them in order), not
    // arrays: the configuration binder appends configured array items to the defaults instead of replacing them.

    /// <summary>"After the tone, say your unavailable message, then press pound."</summary>
    /// <value>Default: <c>sound:vm-rec-unv</c>.</value>
    public string RecordPrompt { get; set; } = "sound:vm-rec-unv";

    /// <value>Default: <c>sound:beep</c>.</value>
    public string Beep { get; set; } = "sound:beep";

    /// <value>Default: <c>sound:vm-msgsaved</c>.</value>
    public string Saved { get; set; } = "sound:vm-msgsaved";

    /// <value>Default: <c>sound:vm-deleted</c>.</value>
    public string Deleted { get; set; } = "sound:vm-deleted";

    /// <summary>"That option is invalid. Please try again."</summary>
    /// <value>Default: <c>sound:pm-invalid-option</c>.</value>
    public string InvalidKey { get; set; } = "sound:pm-invalid-option";

    /// <summary>For a phone that belongs to no agent.</summary>
    /// <value>Default: <c>sound:pbx-invalid</c>.</value>
    public string NotAnAgent { get; set; } = "sound:pbx-invalid";

    /// <value>Default: <c>sound:vm-goodbye</c>.</value>
    public string Goodbye { get; set; } = "sound:vm-goodbye";
}
