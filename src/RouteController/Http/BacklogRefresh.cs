using Microsoft.Extensions.Logging;

namespace LeadDesk.RouteController.Http;

/// <summary>
/// Reads the voicemail backlog again before /healthz and /metrics answer. A database that cannot answer leaves the
/// last figures: health and metrics still answer.
/// </summary>
internal sealed partial class BacklogRefresh(Metrics.VoicemailBacklog backlog, ILogger<BacklogRefresh> logger)
{
    public async Task RunAsync(CancellationToken ct)
    {
        try
        {
            await backlog.RefreshAsync(ct).ConfigureAwait(false);
        }
        catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
        {
            LogBacklogUnread(e.Message);
        }
    }

    [LoggerMessage(Level = LogLevel.Warning, Message = "Voicemail backlog could not be read: {Error}")]
    private partial void LogBacklogUnread(string error);
}
