using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using Dapper;
using LeadDesk.Store.Validation;

namespace LeadDesk.Store.Phones;

/// <summary>
/// <c>sip_phones</c>: the credentials the agents' phones register with at the site's SIP proxy (kamailio/kamailio.cfg
/// reads them with auth_db). Only HA1 = MD5(extension:realm:password) is kept, as SIP digest needs: the password
/// itself is never stored, and the table is written only here (<c>leaddesk-admin phones</c>), never by hand or from
/// the repository.
/// </summary>
public sealed partial class SipCredentials(RoutingStore store)
{
    /// <summary>The realm kamailio.cfg authenticates with unless the site defines AUTH_REALM.</summary>
    public const string DefaultRealm = "leaddesk";

    /// <summary>Sets (or replaces) the password of <paramref name="extension"/>'s phone for <paramref name="realm"/>.</summary>
    public async Task<SipPhone> SetAsync(string extension, string password, string? realm = null, CancellationToken cancellationToken = default)
    {
        extension = InputRules.Extension(extension);
        realm = Realm(realm);
        var ha1 = Ha1(extension, realm, InputRules.Password(password));
        var now = store.Now();
        await store.WriteAsync(
            async (connection, transaction) =>
            {
                var updated = await connection.ExecuteAsync(new CommandDefinition(
                    "UPDATE sip_phones SET ha1 = @ha1, realm = @realm, updated_at = @now WHERE username = @extension",
                    new { extension, ha1, realm, now },
                    transaction,
                    cancellationToken: cancellationToken)).ConfigureAwait(false);
                if (updated == 0)
                {
                    await connection.ExecuteAsync(new CommandDefinition(
                        "INSERT INTO sip_phones (username, domain, password, ha1, ha1b, realm, updated_at) VALUES (@extension, '', '', @ha1, '', @realm, @now)",
                        new { extension, ha1, realm, now },
                        transaction,
                        cancellationToken: cancellationToken)).ConfigureAwait(false);
                }

                return updated;
            },
            cancellationToken).ConfigureAwait(false);
        return new SipPhone(extension, realm, Timestamps.Parse(now));
    }

    /// <summary>Every phone with credentials, by extension.</summary>
    public async Task<IReadOnlyList<SipPhone>> ListAsync(CancellationToken cancellationToken = default)
    {
        await using var connection = await store.OpenReadConnectionAsync(cancellationToken).ConfigureAwait(false);
        var rows = await connection.QueryAsync<(string Username, string Realm, string UpdatedAt)>(new CommandDefinition(
            "SELECT username, realm, updated_at FROM sip_phones ORDER BY username", cancellationToken: cancellationToken)).ConfigureAwait(false);
        return rows.Select(r => new SipPhone(r.Username, r.Realm, Timestamps.Parse(r.UpdatedAt))).ToList();
    }

    /// <summary>Removes a phone's credentials: it can no longer register or call through the proxy.</summary>
    public async Task RemoveAsync(string extension, CancellationToken cancellationToken = default)
    {
        extension = InputRules.Extension(extension);
        await using var connection = await store.OpenConnectionAsync(cancellationToken).ConfigureAwait(false);
        var removed = await connection.ExecuteAsync(new CommandDefinition(
            "DELETE FROM sip_phones WHERE username = @extension", new { extension }, cancellationToken: cancellationToken)).ConfigureAwait(false);
        if (removed == 0)
        {
            throw new RoutingRefusedException($"Extension {extension} has no phone credentials.");
        }
    }

    /// <summary>HA1 of SIP digest (RFC 2617/3261): lower-case hex MD5 of <c>user:realm:password</c>.</summary>
    public static string Ha1(string user, string realm, string password) =>
#pragma warning disable CA5351 // MD5 is what SIP digest authentication is defined with; the proxy needs exactly this.
        Convert.ToHexStringLower(MD5.HashData(Encoding.UTF8.GetBytes($"{user}:{realm}:{password}")));
#pragma warning restore CA5351

    private static string Realm(string? realm)
    {
        var value = string.IsNullOrWhiteSpace(realm) ? DefaultRealm : realm.Trim();
        if (value.Length > 64 || !RealmPattern().IsMatch(value))
        {
            throw new RoutingRefusedException($"Realm {InputRules.Describe(value)} is not a SIP realm: use letters, digits, '.', '-' or '_' (at most 64), as AUTH_REALM in kamailio.cfg.");
        }

        return value;
    }

    [GeneratedRegex("^[A-Za-z0-9._-]+$")]
    private static partial Regex RealmPattern();
}
