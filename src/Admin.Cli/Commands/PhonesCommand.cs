using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using LeadDesk.Store.Phones;

namespace LeadDesk.Admin.Cli.Commands;

/// <summary>
/// <c>phones</c>: the SIP credentials agents' phones register with at a site's proxy (kamailio/kamailio.cfg). Only
/// HA1 is stored; the password is read like <c>users add</c>: standard input or LEADDESK_PASSWORD, never an argument.
/// A single-Asterisk site keeps its phones in pjsip.conf and needs none of this.
/// </summary>
internal static class PhonesCommand
{
    public static Command Create(CommandFactory factory)
    {
        var group = new Command(
            "phones",
            "Agents' phone credentials for a site behind the SIP proxy (Kamailio reads them from the shared database). " +
            "Passwords are read from standard input (one line) or LEADDESK_PASSWORD, never from an argument.");

        var setExtension = Extension();
        var realm = new Option<string?>("--realm")
        {
            Description = $"The proxy's digest realm (kamailio.cfg AUTH_REALM; default {SipCredentials.DefaultRealm})",
            HelpName = "REALM",
        };
        var set = factory.Leaf("phones", "set", "Set (or replace) the password a phone registers with", async (ctx, pr, ct) =>
        {
            var phone = await new SipCredentials(ctx.Store)
                .SetAsync(pr.GetValue(setExtension)!, PasswordInput.Read(ctx), pr.GetValue(realm), ct).ConfigureAwait(false);
            if (ctx.Json)
            {
                ctx.WriteJson(new { extension = phone.Extension, realm = phone.Realm, result = "set" });
                return;
            }

            ctx.Say($"Phone {phone.Extension} may register with realm '{phone.Realm}'.");
        });
        set.Arguments.Add(setExtension);
        set.Options.Add(realm);
        group.Subcommands.Add(set);

        var list = factory.Leaf("phones", "list", "List the phones that have credentials (never the credentials)", async (ctx, pr, ct) =>
        {
            var phones = await new SipCredentials(ctx.Store).ListAsync(ct).ConfigureAwait(false);
            if (ctx.Json)
            {
                ctx.WriteJson(phones.Select(p => new { extension = p.Extension, realm = p.Realm, updatedAt = p.UpdatedAt }));
                return;
            }

            if (phones.Count == 0)
            {
                ctx.Say("No phone credentials yet: set one with 'phones set EXTENSION'.");
                return;
            }

            var table = new Table().AddColumns("Extension", "Realm", "Password set (UTC)");
            foreach (var p in phones)
            {
                table.AddRow(new Text(p.Extension), new Text(p.Realm), new Text(p.UpdatedAt.ToString("u", CultureInfo.InvariantCulture)));
            }

            ctx.Console().Write(table);
        });
        group.Subcommands.Add(list);

        var removeExtension = Extension();
        var remove = factory.Leaf("phones", "remove", "Remove a phone's credentials: it can no longer register or call", async (ctx, pr, ct) =>
        {
            await new SipCredentials(ctx.Store).RemoveAsync(pr.GetValue(removeExtension)!, ct).ConfigureAwait(false);
            if (ctx.Json)
            {
                ctx.WriteJson(new { extension = pr.GetValue(removeExtension), result = "removed" });
                return;
            }

            ctx.Say($"Phone {pr.GetValue(removeExtension)} can no longer register.");
        });
        remove.Arguments.Add(removeExtension);
        group.Subcommands.Add(remove);
        return group;
    }

    private static Argument<string> Extension() => new("EXTENSION") { Description = "The phone's SIP user: the agent's extension" };
}
