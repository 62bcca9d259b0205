using LeadDesk.Ari.Client;

namespace LeadDesk.RouteController.Ari;

internal static class AriGone
{
    /// <summary>
    /// Bridge addChannel answers 400 "Channel not found" (transcript h) when a channel hung up a moment before:
    /// the same race as a 404, spelled differently.
    /// </summary>
    private static bool IsChannelNotFound(AriException e) =>
        e.StatusCode == System.Net.HttpStatusCode.BadRequest && e.AsteriskMessage == "Channel not found";

    /// <summary>
    /// The one definition of "the channel or bridge is gone": 404 (hung up), 409 (left Stasis), 422 (a bridge or
    /// subscription whose channel went), or 400 "Channel not found". A request meeting it lost a race with the other
    /// party (the caller hung up as we spoke); it is the caller leaving, never a failure of ours.
    /// </summary>
    public static bool IsGone(this AriException e) =>
        e.IsNotFound || e.IsConflict || e.IsUnprocessable || IsChannelNotFound(e);

    /// <summary>Runs an operation on a channel or bridge that may already be gone: false instead of throwing (see <see cref="IsGone"/>).</summary>
    public static async Task<bool> UnlessGoneAsync(this Task operation)
    {
        try
        {
            await operation.ConfigureAwait(false);
            return true;
        }
        catch (AriException e) when (e.IsGone())
        {
            return false;
        }
    }
}
