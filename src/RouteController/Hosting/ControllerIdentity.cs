namespace LeadDesk.RouteController.Hosting;

/// <summary>
/// This process among the controllers sharing a store: the owner named on its agent claims and outbox claims. New at
/// every start, so that a restarted controller never takes its previous run's claims for its own; those expire.
/// </summary>
internal sealed class ControllerIdentity
{
    public string Id { get; } = $"{Environment.MachineName}:{Environment.ProcessId}:{Guid.NewGuid().ToString("N")[..8]}";

    public override string ToString() => Id;
}
