using LeadDesk.Ari.Client;

namespace LeadDesk.RouteController.Ari;

internal static class AriOutcomes
{
    /// <summary>
    /// Bridge addChannel answers 400 "Channel not found" (transcript h) when a channel hung up a moment before:
    /// the same race as a 404, spelled differently.
    /// </summary>
    private static bool IsChannelNotFound(AriException e) =>
        e.StatusCode == System.Net.HttpStatusCode.BadRequest && e.AsteriskMessage == "Channel not found";

    /// <summary>
    /// Runs an operation on a channel or bridge that may already be gone. A 404 (hung up) or 409 (left Stasis)
    /// is an outcome of a race with the other party, not a failure: returns false instead of throwing.
    /// </summary>
    public static async Task<bool> UnlessGoneAsync(this Task operation)
    {
        try
        {
            await operation.ConfigureAwait(false);
            return true;
        }
        catch (AriException e) when (e.IsNotFound || e.IsConflict || e.IsUnprocessable || IsChannelNotFound(e))
        {
            return false;
        }
    }
}
