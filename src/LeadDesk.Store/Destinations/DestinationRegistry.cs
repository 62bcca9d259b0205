using Dapper;
using System.Data.Common;
using LeadDesk.Store;
using LeadDesk.Store.Numbers;
using LeadDesk.Store.Outbound;
using LeadDesk.Store.Routes;
using LeadDesk.Store.Validation;

namespace LeadDesk.Store.Destinations;

/// <summary>
/// Custom destinations, made by support (not by ordinary admins) for special cases. One that is an external number
/// is dialled through the carrier trunk, so it must pass the same dial policy as agents' outbound calls
/// (<see cref="DialPolicy"/>: no premium-rate or shared-cost number, only the allowed regions): refused when made or
/// changed, and checked again by the controller on every call.
/// </summary>
/// <param name="store">The shared store.</param>
/// <param name="numbers">Reads numbers as the CLI and the controller do (default: the fallback region).</param>
public sealed class DestinationRegistry(RoutingStore store, PhoneNumberNormalizer? numbers = null)
{
    private readonly PhoneNumberNormalizer _numbers = numbers ?? new PhoneNumberNormalizer();

    public async Task AddAsync(CustomDestination destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        await store.WriteAsync(
            async (connection, transaction) =>
            {
                await RequireDialableAsync(connection, transaction, destination, cancellationToken).ConfigureAwait(false);
                await NamedTarget.CustomDestination.RequireNewAsync(connection, transaction, destination.Name, cancellationToken).ConfigureAwait(false);

                return await connection.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO custom_destinations (name, kind, context, exten, priority, endpoint, number, created_at)
                    VALUES (@Name, @kind, @Context, @Extension, @Priority, @Endpoint, @Number, @now)
                    """,
                    Parameters(destination),
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// Points an existing destination somewhere else (same name, so the numbers routed to it follow); refused when
    /// there is none of that name.
    /// </summary>
    public async Task UpdateAsync(CustomDestination destination, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(destination);
        await store.WriteAsync(
            async (connection, transaction) =>
            {
                var updated = await connection.ExecuteAsync(new CommandDefinition(
                    """
                    UPDATE custom_destinations
                    SET kind = @kind, context = @Context, exten = @Extension, priority = @Priority, endpoint = @Endpoint, number = @Number
                    WHERE name = @Name
                    """,
                    Parameters(destination),
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                if (updated == 0)
                {
                    throw new RoutingRefusedException($"There is no custom destination '{destination.Name}'.");
                }

                await RequireDialableAsync(connection, transaction, destination, cancellationToken).ConfigureAwait(false);
                return updated;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>
    /// The external-number destinations the dial policy in force now refuses, each with the policy's reason: made
    /// before the policy applied to them, or since the allowed regions changed. Calls routed to them get the failure
    /// tone; <c>destinations list</c> and the controller's start say so.
    /// </summary>
    public async Task<IReadOnlyList<(CustomDestination Destination, string Problem)>> PolicyBreachesAsync(CancellationToken cancellationToken = default)
    {
        var all = await ListAsync(cancellationToken).ConfigureAwait(false);
        if (!all.Any(d => d.Kind == DestinationKind.Number))
        {
            return [];
        }

        await using var connection = await store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rules = DialRules.From(_numbers, await OutboundSettingsStore.ReadAsync(connection, null, cancellationToken).ConfigureAwait(false));
        return all
            .Where(d => d.Kind == DestinationKind.Number)
            .Select(d => (Destination: d, Verdict: rules.Check(d.Number)))
            .Where(x => x.Verdict is DialVerdict.Refused)
            .Select(x => (x.Destination, ((DialVerdict.Refused)x.Verdict).Detail))
            .ToList();
    }

    private async Task RequireDialableAsync(DbConnection connection, DbTransaction transaction, CustomDestination destination, CancellationToken ct)
    {
        if (destination.Kind != DestinationKind.Number)
        {
            return;
        }

        var rules = DialRules.From(_numbers, await OutboundSettingsStore.ReadAsync(connection, transaction, ct).ConfigureAwait(false));
        if (rules.Check(destination.Number) is DialVerdict.Refused refused)
        {
            throw new RoutingRefusedException($"Custom destination '{destination.Name}' cannot be {destination.Number}: {refused.Detail}.");
        }
    }

    public async Task<IReadOnlyList<CustomDestination>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string Name, string Kind, string? Context, string? Exten, long? Priority, string? Endpoint, string? Number)>(
            new CommandDefinition(
                "SELECT name, kind, context, exten, priority, endpoint, number FROM custom_destinations ORDER BY name",
                cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => CustomDestination.FromRow(r.Name, r.Kind, r.Context, r.Exten, r.Priority, r.Endpoint, r.Number)).ToList();
    }

    /// <summary>Removes a destination; refused while numbers route to it.</summary>
    public async Task RemoveAsync(string name, CancellationToken cancellationToken = default)
    {
        name = InputRules.DestinationName(name);
        await NamedTarget.CustomDestination.RemoveAsync(store, name, cancellationToken).ConfigureAwait(false);
    }

    private object Parameters(CustomDestination destination) => new
    {
        destination.Name,
        kind = CustomDestination.ToToken(destination.Kind),
        destination.Context,
        destination.Extension,
        destination.Priority,
        destination.Endpoint,
        destination.Number,
        now = store.Now(),
    };
}
