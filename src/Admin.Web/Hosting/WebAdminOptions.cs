using System.ComponentModel.DataAnnotations;

namespace LeadDesk.Admin.Web.Hosting;

/// <summary>Section <c>WebAdmin</c>: sign-in limits and the audio converter. Validated at start.</summary>
public sealed class WebAdminOptions
{
    public const string Section = "WebAdmin";

    /// <summary>Sign-in attempts one address may make per <see cref="SignInWindow"/> (default 10); more get 429.</summary>
    [Range(1, 10_000)]
    public int SignInPermits { get; set; } = 10;

    /// <summary>The window of <see cref="SignInPermits"/> (default 1 minute).</summary>
    public TimeSpan SignInWindow { get; set; } = TimeSpan.FromMinutes(1);

    /// <summary>Failed sign-ins in a row that lock an account (default 5).</summary>
    [Range(1, 1000)]
    public int LockoutFailures { get; set; } = 5;

    /// <summary>How long a lock lasts (default 5 minutes); it always ends by itself.</summary>
    public TimeSpan LockoutDuration { get; set; } = TimeSpan.FromMinutes(5);

    /// <summary>How long a signed-in session lasts without use (default 8 hours).</summary>
    public TimeSpan SessionIdle { get; set; } = TimeSpan.FromHours(8);

    /// <summary>The ffmpeg binary that turns uploads into 8 kHz 16-bit mono WAV (default <c>ffmpeg</c> on PATH).</summary>
    [Required]
    public string Ffmpeg { get; set; } = "ffmpeg";
}
