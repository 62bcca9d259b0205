using LeadDesk.Store.Agents;
using LeadDesk.Store.Destinations;
using LeadDesk.Store.Numbers;
using LeadDesk.Store.Queues;
using LeadDesk.Store.Routes;

namespace LeadDesk.Store.Tests;

/// <summary>Shortcuts for putting a known routing model in a <see cref="TempStore"/>.</summary>
internal static class Seed
{
    public static CancellationToken Ct => TestContext.Current.CancellationToken;

    public static NumberInventory Numbers(this TempStore t) => new(t.Store, t.Normalizer);

    public static AgentRoster Agents(this TempStore t) => new(t.Store, t.Normalizer);

    public static RouteTable Routes(this TempStore t) => new(t.Store, t.Normalizer);

    public static Task AddNumbersAsync(this TempStore t, bool owned, params string[] numbers) =>
        t.Numbers().AddAsync(numbers.Select(n => new NumberImportRow(new NumberEntry(n), null, owned)).ToList(), Ct);

    public static Task AddAgentAsync(this TempStore t, string id, string extension, params string[] emails) =>
        t.Agents().AddAsync(id, "Agent " + id, extension, emails.Length == 0 ? [$"{id}@example.com"] : emails, null, Ct);

    public static Task AddQueueAsync(this TempStore t, string name) => new QueueRegistry(t.Store).AddAsync(name, Ct);

    public static Task AddDialplanAsync(this TempStore t, string name) =>
        new DestinationRegistry(t.Store).AddAsync(CustomDestination.Dialplan(name, "support-ivr", "s", 1), Ct);

    public static Task<RouteChangeResult> RouteAsync(this TempStore t, RouteTarget target, params string[] numbers) =>
        t.Routes().ApplyAsync(NumberEntry.From(numbers), target, "test", Ct);

    /// <summary>The whole routing state as text, to prove a refused change touched nothing.</summary>
    public static async Task<string> SnapshotAsync(this TempStore t)
    {
        var routes = await t.Routes().ListAsync(null, Ct);
        var audit = await t.Routes().AuditAsync(null, 10_000, Ct);
        var agents = await t.Agents().ListAsync(Ct);
        return string.Join("\n", routes.Select(r => r.ToString()))
            + "\n" + audit.Count
            + "\n" + string.Join("\n", agents.Select(a => $"{a.Id}|{a.Name}|{a.Extension}|{string.Join(",", a.Emails)}|{a.OutboundCallerId}|{a.Unreachable.Token}|{a.LoggedIn}"));
    }
}
