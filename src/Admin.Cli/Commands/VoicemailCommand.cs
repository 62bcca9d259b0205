using System.CommandLine;
using System.Globalization;
using Spectre.Console;
using LeadDesk.Store;
using LeadDesk.Store.Agents;
using LeadDesk.Store.Voicemail;

namespace LeadDesk.Admin.Cli.Commands;

/// <summary><c>voicemail</c>: the outbox the route controller mails voicemail from.</summary>
internal static class VoicemailCommand
{
    public static Command Create(CommandFactory factory)
    {
        var group = new Command("voicemail", "Voicemail waiting to be mailed, sent, or failed (the controller's outbox)");

        var limit = CommandFactory.Limit("How many messages, newest first", 100);
        var list = factory.Leaf("voicemail", "list", "List voicemail messages: state, attempts, last error, caller, agent, time", async (ctx, pr, ct) =>
        {
            var n = pr.GetValue(limit)!.Value;
            var entries = await new VoicemailOutbox(ctx.Store).ListAsync(n, ct).ConfigureAwait(false);
            if (ctx.Json)
            {
                ctx.WriteJson(entries.Select(e => new
                {
                    id = e.Id,
                    messageId = e.MessageId,
                    state = e.State.ToToken(),
                    attempts = e.Attempts,
                    nextAttemptAt = e.State == VoicemailState.Pending ? e.NextAttemptAt : (DateTimeOffset?)null,
                    lastError = e.LastError,
                    sentAt = e.SentAt,
                    caller = e.Message.Caller,
                    callerName = e.Message.CallerName,
                    dialled = e.Message.Dialled,
                    agent = e.Message.AgentId,
                    to = e.Message.ToAddress,
                    recordedAt = e.Message.RecordedAt,
                    durationMs = (long)e.Message.Duration.TotalMilliseconds,
                    callId = e.Message.CallId,
                }));
                return;
            }

            if (entries.Count == 0)
            {
                ctx.Say("No voicemail yet.");
                return;
            }

            var table = new Table().AddColumns("Id", "Recorded (UTC)", "Caller", "Dialled", "Agent", "To", "Length", "State", "Attempts", "Last error");
            foreach (var e in entries)
            {
                table.AddRow(
                    new Text(e.Id.ToString(CultureInfo.InvariantCulture)),
                    new Text(e.Message.RecordedAt.ToString("u", CultureInfo.InvariantCulture)),
                    new Text(e.Message.CallerName is null ? e.Message.Caller : $"{e.Message.Caller} ({e.Message.CallerName})"),
                    new Text(e.Message.Dialled),
                    new Text(e.Message.AgentId),
                    new Text(e.Message.ToAddress),
                    new Text(e.Message.Duration.TotalSeconds.ToString("0.0", CultureInfo.InvariantCulture) + " s"),
                    new Text(e.State.ToToken()),
                    new Text(e.Attempts.ToString(CultureInfo.InvariantCulture)),
                    new Text(e.LastError ?? ""));
            }

            ctx.Console().Write(table);
        });
        list.Options.Add(limit);
        group.Subcommands.Add(list);

        var id = new Argument<long>("ID") { Description = "The message id from 'voicemail list'" };
        var resend = factory.Leaf("voicemail", "resend", "Queue a message to be mailed again now (failed, or sent and lost); attempts start over", async (ctx, pr, ct) =>
        {
            var messageId = pr.GetValue(id);
            if (!await new VoicemailOutbox(ctx.Store).ResendAsync(messageId, ct).ConfigureAwait(false))
            {
                throw new RoutingRefusedException($"There is no voicemail message {messageId}.");
            }

            if (ctx.Json)
            {
                ctx.WriteJson(new { id = messageId, result = "queued" });
            }
            else
            {
                ctx.Say($"Voicemail {messageId} queued; the route controller sends it within seconds.");
            }
        });
        resend.Arguments.Add(id);
        group.Subcommands.Add(resend);
        return group;
    }
}
