using Dapper;

namespace LeadDesk.Routing;

/// <summary>
/// The controller's per-call lookup. One indexed query joins the number with its agent, greeting and custom
/// destination, and nothing is cached, so a change made with the CLI applies to the very next call.
/// </summary>
public sealed class RouteDirectory(RoutingStore store)
{
    private const string FindSql = """
        SELECT n.number           AS Number,
               n.owned            AS Owned,
               n.destination_type AS DestinationType,
               n.queue_name       AS QueueName,
               a.id               AS AgentId,
               a.name             AS AgentName,
               a.extension        AS Extension,
               a.logged_in        AS LoggedIn,
               a.unreachable_type AS UnreachableType,
               a.voicemail_email  AS VoicemailEmail,
               EXISTS (SELECT 1 FROM agent_greetings g WHERE g.agent_id = a.id) AS HasGreeting,
               d.name             AS DestinationName,
               d.kind             AS Kind,
               d.context          AS Context,
               d.exten            AS Exten,
               d.priority         AS Priority,
               d.endpoint         AS Endpoint,
               d.number           AS DestinationNumber
        FROM inbound_numbers n
        LEFT JOIN agents a ON a.id = n.agent_id
        LEFT JOIN custom_destinations d ON d.name = n.destination_name
        WHERE n.number = @number
        """;

    /// <summary>The route of <paramref name="e164"/>, or null when the number is not in the inventory.</summary>
    /// <param name="e164">An E.164 number, normalised with <see cref="PhoneNumberNormalizer"/>.</param>
    public async Task<InboundRoute?> FindAsync(string e164, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(e164);
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var row = await connection.QuerySingleOrDefaultAsync<RouteRow>(
            new CommandDefinition(FindSql, new { number = e164 }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        return row?.ToRoute();
    }

    private sealed class RouteRow
    {
        public string Number { get; set; } = "";
        public long Owned { get; set; }
        public string DestinationType { get; set; } = "";
        public string? QueueName { get; set; }
        public string? AgentId { get; set; }
        public string? AgentName { get; set; }
        public string? Extension { get; set; }
        public long? LoggedIn { get; set; }
        public string? UnreachableType { get; set; }
        public string? VoicemailEmail { get; set; }
        public long? HasGreeting { get; set; }
        public string? DestinationName { get; set; }
        public string? Kind { get; set; }
        public string? Context { get; set; }
        public string? Exten { get; set; }
        public long? Priority { get; set; }
        public string? Endpoint { get; set; }
        public string? DestinationNumber { get; set; }

        public InboundRoute ToRoute()
        {
            var type = DestinationTypes.Parse(DestinationType);
            AgentRouteTarget? agent = null;
            if (type == LeadDesk.Routing.DestinationType.Agent && AgentId is not null)
            {
                UnreachableDestination unreachable = UnreachableType == "voicemail" && VoicemailEmail is not null
                    ? new UnreachableDestination.Voicemail(VoicemailEmail)
                    : UnreachableDestination.None;
                agent = new AgentRouteTarget(AgentId, AgentName ?? AgentId, Extension ?? "", LoggedIn == 1, unreachable, HasGreeting == 1);
            }

            var destination = type == LeadDesk.Routing.DestinationType.Custom && DestinationName is not null && Kind is not null
                ? CustomDestination.FromRow(DestinationName, Kind, Context, Exten, Priority, Endpoint, DestinationNumber)
                : null;

            return new InboundRoute(Number, Owned == 1, type, agent, type == LeadDesk.Routing.DestinationType.Queue ? QueueName : null, destination);
        }
    }
}
