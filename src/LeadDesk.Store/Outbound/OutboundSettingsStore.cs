using Dapper;
using LeadDesk.Store.Numbers;
using PhoneNumbers;

namespace LeadDesk.Store.Outbound;

/// <summary>
/// The one row of company outbound settings. A default caller ID must be an owned inventory number, like any
/// caller ID; allowed regions must be regions libphonenumber knows.
/// </summary>
public sealed class OutboundSettingsStore(RoutingStore store, PhoneNumberNormalizer normalizer)
{
    private static readonly HashSet<string> KnownRegions = [.. PhoneNumberUtil.GetInstance().GetSupportedRegions()];

    public async Task<OutboundSettings> GetAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        return await ReadAsync(connection, null, cancellationToken).ConfigureAwait(false);
    }

    internal static async Task<OutboundSettings> ReadAsync(System.Data.IDbConnection connection, System.Data.IDbTransaction? transaction, CancellationToken ct)
    {
        var row = await connection.QuerySingleOrDefaultAsync<(string? DefaultCallerId, string? AllowedRegions)>(new CommandDefinition(
            "SELECT default_caller_id AS DefaultCallerId, allowed_regions AS AllowedRegions FROM outbound_settings WHERE id = 1",
            transaction: transaction,
            cancellationToken: ct)).ConfigureAwait(false);
        var regions = string.IsNullOrEmpty(row.AllowedRegions) ? [] : row.AllowedRegions.Split(',');
        return new OutboundSettings(row.DefaultCallerId, regions);
    }

    /// <summary>
    /// Changes what is given (null leaves a setting as it is; <c>none</c> clears the default caller ID, and an
    /// empty region list means the default region only). Refused as a whole on any bad value.
    /// </summary>
    public async Task<OutboundSettings> SetAsync(string? defaultCallerId, IReadOnlyList<string>? allowedRegions, CancellationToken cancellationToken = default)
    {
        var clearCid = string.Equals(defaultCallerId?.Trim(), "none", StringComparison.OrdinalIgnoreCase);
        var cid = defaultCallerId is null || clearCid ? null : normalizer.Normalize(defaultCallerId);
        var regions = allowedRegions is null ? null : ParseRegions(allowedRegions);

        return await store.WriteAsync(
            async (connection, transaction) =>
            {
                if (cid is not null)
                {
                    await CallerIdRules.EnsureUsableAsync(connection, transaction, cid, "default caller ID", cancellationToken).ConfigureAwait(false);
                }

                var current = await ReadAsync(connection, transaction, cancellationToken).ConfigureAwait(false);
                var next = new OutboundSettings(
                    clearCid ? null : cid ?? current.DefaultCallerId,
                    regions ?? current.AllowedRegions);
                await connection.ExecuteAsync(new CommandDefinition(
                    """
                    INSERT INTO outbound_settings (id, default_caller_id, allowed_regions, updated_at) VALUES (1, @cid, @regions, @now)
                    ON CONFLICT (id) DO UPDATE SET default_caller_id = @cid, allowed_regions = @regions, updated_at = @now
                    """,
                    new { cid = next.DefaultCallerId, regions = next.AllowedRegions.Count == 0 ? null : string.Join(',', next.AllowedRegions), now = store.Now() },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                return next;
            },
            cancellationToken).ConfigureAwait(false);
    }

    /// <summary>ISO 3166 codes (<c>FI,SE</c>), upper-cased and de-duplicated; an unknown code refuses the whole list.</summary>
    public static IReadOnlyList<string> ParseRegions(IReadOnlyList<string> values)
    {
        ArgumentNullException.ThrowIfNull(values);
        var regions = new List<string>();
        foreach (var value in values.SelectMany(v => v.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)))
        {
            var code = value.ToUpperInvariant();
            if (code.Length != 2 || !KnownRegions.Contains(code))
            {
                throw new RoutingRefusedException($"{Validation.InputRules.Describe(value)} is not a region code libphonenumber knows (use ISO 3166 codes such as FI, SE).");
            }

            if (!regions.Contains(code))
            {
                regions.Add(code);
            }
        }

        return regions;
    }
}
