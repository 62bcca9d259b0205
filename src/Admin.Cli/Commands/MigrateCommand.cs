using System.CommandLine;
using LeadDesk.Store;

namespace LeadDesk.Admin.Cli.Commands;

/// <summary>
/// <c>migrate</c>: brings the store's schema up to date and says where it stands. Every command (and the controller
/// and web admin at start) does this on first use anyway; this is for a site that wants it done as a deploy step,
/// before the first controller of a new release starts against a shared PostgreSQL store.
/// </summary>
internal static class MigrateCommand
{
    public static Command Create(CommandFactory factory) =>
        factory.Leaf("", "migrate", "Bring the database schema up to date (the same steps every command applies on first use)", (ctx, _, _) =>
        {
            var store = ctx.Store;
            var from = store.MigratedFrom;
            var to = RoutingStore.LatestSchemaVersion;
            if (ctx.Json)
            {
                ctx.WriteJson(new { database = store.DatabasePath, provider = store.Provider.ToString().ToLowerInvariant(), from, to });
                return Task.CompletedTask;
            }

            ctx.Say(from == to
                ? $"{store.DatabasePath}: already at schema version {to}."
                : $"{store.DatabasePath}: schema version {from} -> {to}.");
            return Task.CompletedTask;
        });
}
