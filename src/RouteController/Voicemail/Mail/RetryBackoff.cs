using LeadDesk.RouteController.Voicemail;
namespace LeadDesk.RouteController.Voicemail.Mail;

/// <summary>
/// When to try a message again. Exponential, capped, with jitter (50-100 % of the step) so messages queued
/// during one outage do not all hit the server in the same second when it comes back. The result is stored
/// in the outbox row, which is why this is a formula and not an in-memory retry loop: a restart resumes it.
/// </summary>
internal static class RetryBackoff
{
    /// <param name="attempts">Failed attempts so far (1 after the first failure).</param>
    public static TimeSpan Delay(int attempts, TimeSpan initial, TimeSpan max, Random random)
    {
        var step = initial.TotalMilliseconds * Math.Pow(2, Math.Clamp(attempts - 1, 0, 30));
        var capped = Math.Min(step, max.TotalMilliseconds);
        return TimeSpan.FromMilliseconds(capped * (0.5 + (random.NextDouble() * 0.5)));
    }
}
