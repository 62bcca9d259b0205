using LeadDesk.Ari.Client;
using LeadDesk.RouteController.Agents;
using LeadDesk.RouteController.Ari;
using LeadDesk.Store.Queues;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace LeadDesk.RouteController.Queues;

/// <summary>
/// On a site behind the SIP proxy, keeps each queue member's <c>Stasis:agent-&lt;extension&gt;</c> device state on this
/// Asterisk equal to the agent claims of the whole site: INUSE while a call through any controller holds the agent,
/// so no queue on any Asterisk rings an agent who is on a call elsewhere. Every
/// <see cref="AgentsOptions.DeviceStateInterval"/> it reads the claims and sets what changed; after each (re)connection
/// it sets every member again, since Asterisk kept whatever was set last. One PUT per change, no event to the
/// application (it does not subscribe to device states).
/// </summary>
internal sealed partial class AgentDeviceStatePublisher(
    AriClient ari, AriConnectionState connection, AgentClaims claims, QueueMembership members, AgentDialString dialString, AgentsOptions options,
    TimeProvider time, ILogger<AgentDeviceStatePublisher> logger) : BackgroundService
{
    private readonly Dictionary<string, string> _published = new(StringComparer.Ordinal);
    private DateTimeOffset? _publishedFor;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (dialString.RingsLocalEndpoint)
        {
            // One box: app_queue sees the phones' own endpoints; nothing to publish.
            return;
        }

        while (!stoppingToken.IsCancellationRequested)
        {
            if (connection.IsConnected)
            {
                try
                {
                    await PublishAsync(stoppingToken).ConfigureAwait(false);
                }
                catch (Exception e) when (AriFailure.IsRequestFailure(e) || e is System.Data.Common.DbException)
                {
                    // The next round tries again with what it could not set.
                    LogFailed(e.Message);
                }
            }

            try
            {
                await Task.Delay(options.DeviceStateInterval, time, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
        }
    }

    /// <summary>One round: read the members and the claims, set what Asterisk does not have yet.</summary>
    internal async Task PublishAsync(CancellationToken ct)
    {
        if (connection.ConnectedSince != _publishedFor)
        {
            // A new connection (or a restarted Asterisk): set everything again.
            _published.Clear();
            _publishedFor = connection.ConnectedSince;
        }

        var answering = await members.AnsweringAgentsAsync(ct).ConfigureAwait(false);
        var held = await claims.HeldAgentsAsync(ct).ConfigureAwait(false);
        foreach (var (extension, state) in AgentDeviceState.Changes(answering, held, _published))
        {
            await ari.DeviceStates.UpdateAsync(AgentDeviceState.DeviceName(extension), state, ct).ConfigureAwait(false);
            _published[extension] = state;
            LogPublished(extension, state);
        }
    }

    [LoggerMessage(Level = LogLevel.Debug, Message = "Queue member {Extension} is {State}")]
    private partial void LogPublished(string extension, string state);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Could not publish the queue members' states ({Error}); trying again")]
    private partial void LogFailed(string error);
}
