using LeadDesk.RouteController.Voicemail;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging.Abstractions;
using LeadDesk.Store;
using LeadDesk.Store.Agents;
using LeadDesk.Store.Voicemail;
using RouteController.Tests.Voicemail;
using LeadDesk.RouteController.Voicemail.Mail;

namespace RouteController.Tests.Voicemail.Mail;

/// <summary>The sender against a real SMTP server (aiosmtpd) on loopback and a real SQLite outbox.</summary>
public sealed class VoicemailSenderTests : IDisposable
{
    private readonly string _dir = Path.Combine(Path.GetTempPath(), "leaddesk-vm-sender", Guid.NewGuid().ToString("N"));

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    private string DbPath => Path.Combine(_dir, "leaddesk.db");

    private static VoicemailMessage Message(string caller = "+358451112233") => new(
        "alice", "Alice Agent", "alice@example.com", caller, "Carrier", "+358401234567",
        DateTimeOffset.UtcNow, TimeSpan.FromSeconds(5), TestWav.Seconds(5), "call-1");

    private VoicemailSender Sender(SmtpTestServer server, VoicemailOutboxSignal? signal = null)
    {
        var smtp = new SmtpOptions
        {
            Host = "127.0.0.1", Port = server.Port, Security = SmtpSecurity.None, From = "voicemail@leaddesk.example",
            Timeout = TimeSpan.FromSeconds(5),
        };
        var options = new VoicemailOptions
        {
            PollInterval = TimeSpan.FromMilliseconds(100),
            RetryInitialDelay = TimeSpan.FromMilliseconds(200),
            RetryMaxDelay = TimeSpan.FromMilliseconds(400),
            TimeZone = "Europe/Helsinki",
        };

        // A new store object per sender: what a controller restart gets.
        return new VoicemailSender(
            new VoicemailOutbox(RoutingStore.Open(DbPath)), signal ?? new VoicemailOutboxSignal(), new SmtpTransport(smtp), smtp, options,
            TimeProvider.System, new LeadDesk.RouteController.Metrics.CallMetrics(Support.TestMeters.Factory()),
            new LeadDesk.RouteController.Hosting.ControllerIdentity(), NullLogger<VoicemailSender>.Instance);
    }

    private VoicemailOutbox Outbox() => new(RoutingStore.Open(DbPath));

    private static Task<VoicemailEntry> WaitForStateAsync(VoicemailOutbox outbox, long id, Func<VoicemailEntry, bool> done) =>
        Poll.UntilAsync(
            async () => (await outbox.ListAsync(cancellationToken: Ct)).Single(e => e.Id == id),
            done,
            TimeSpan.FromSeconds(15),
            $"voicemail {id} in the awaited state",
            Ct);

    private static int ReceivedFrom(SmtpTestServer server, string caller) =>
        server.Received().Count(m => (m.Subject ?? "").Contains(caller, StringComparison.Ordinal));

    [Fact]
    public async Task A_queued_message_arrives_once_at_the_right_address_and_is_marked_sent()
    {
        using var server = await SmtpTestServer.StartNewAsync();
        var outbox = Outbox();
        var signal = new VoicemailOutboxSignal();
        using var sender = Sender(server, signal);
        await sender.StartAsync(Ct);

        var queued = await outbox.EnqueueAsync(Message(), Ct);
        signal.Notify();
        var mail = Assert.Single(await server.WaitForAsync(1, TimeSpan.FromSeconds(10)));
        var entry = await WaitForStateAsync(outbox, queued.Id, e => e.State == VoicemailState.Sent);
        await OutboxPass.CompleteAsync(outbox, signal);
        await sender.StopAsync(Ct);

        Assert.Equal(1, ReceivedFrom(server, "+358451112233"));
        Assert.Equal(VoicemailState.Sent, entry.State);
        Assert.Equal(1, entry.Attempts);
        Assert.Equal("alice@example.com", Assert.Single(mail.To.Mailboxes).Address);
        Assert.Equal(queued.MessageId.Trim('<', '>'), mail.MessageId);
        Assert.Contains("+358451112233", mail.Subject, StringComparison.Ordinal);
        Assert.Contains("+358451112233", mail.TextBody, StringComparison.Ordinal);
        Assert.Equal("audio/wav", Assert.Single(mail.Attachments).ContentType.MimeType);
    }

    [Fact]
    public async Task Server_down_then_up_the_message_arrives_exactly_once()
    {
        using var server = SmtpTestServer.Create();
        var outbox = Outbox();
        using var sender = Sender(server);
        await sender.StartAsync(Ct);
        var queued = await outbox.EnqueueAsync(Message(), Ct);

        // Down: connection refused, retried with backoff, still pending with the error recorded.
        var waiting = await WaitForStateAsync(outbox, queued.Id, e => e.Attempts >= 2);
        Assert.Equal(VoicemailState.Pending, waiting.State);
        Assert.NotNull(waiting.LastError);

        await server.StartAsync();
        await server.WaitForAsync(1, TimeSpan.FromSeconds(10));
        var sent = await WaitForStateAsync(outbox, queued.Id, e => e.State == VoicemailState.Sent);
        await OutboxPass.CompleteAsync(outbox);
        await sender.StopAsync(Ct);

        Assert.Equal(VoicemailState.Sent, sent.State);
        Assert.Equal(1, ReceivedFrom(server, "+358451112233"));
    }

    [Fact]
    public async Task A_4xx_is_retried_and_the_message_arrives_once_when_the_server_accepts()
    {
        using var server = await SmtpTestServer.StartNewAsync();
        server.SetMode("4xx");
        var outbox = Outbox();
        using var sender = Sender(server);
        await sender.StartAsync(Ct);
        var queued = await outbox.EnqueueAsync(Message(), Ct);

        var waiting = await WaitForStateAsync(outbox, queued.Id, e => e.Attempts >= 2);
        Assert.Equal(VoicemailState.Pending, waiting.State);
        Assert.StartsWith("451", waiting.LastError, StringComparison.Ordinal);

        server.SetMode("ok");
        await server.WaitForAsync(1, TimeSpan.FromSeconds(10));
        await WaitForStateAsync(outbox, queued.Id, e => e.State == VoicemailState.Sent);
        await OutboxPass.CompleteAsync(outbox);
        await sender.StopAsync(Ct);

        Assert.Equal(1, ReceivedFrom(server, "+358451112233"));
    }

    [Fact]
    public async Task A_5xx_marks_the_message_failed_with_the_servers_reason_and_resend_queues_it_again()
    {
        using var server = await SmtpTestServer.StartNewAsync();
        server.SetMode("5xx");
        var outbox = Outbox();
        using var sender = Sender(server);
        await sender.StartAsync(Ct);
        var queued = await outbox.EnqueueAsync(Message(), Ct);

        var failed = await WaitForStateAsync(outbox, queued.Id, e => e.State == VoicemailState.Failed);
        // The marker fails too (still 5xx); by then a failed message that was tried again would show a second attempt.
        Assert.Equal(VoicemailState.Failed, (await OutboxPass.CompleteAsync(outbox)).State);
        Assert.Equal(VoicemailState.Failed, failed.State);
        Assert.Equal(1, (await outbox.ListAsync(cancellationToken: Ct)).Single(e => e.Id == queued.Id).Attempts);
        Assert.StartsWith("550", failed.LastError, StringComparison.Ordinal);
        Assert.Contains("No such user", failed.LastError, StringComparison.Ordinal);
        Assert.Empty(server.Received());

        server.SetMode("ok");
        Assert.True(await outbox.ResendAsync(queued.Id, Ct));
        await server.WaitForAsync(1, TimeSpan.FromSeconds(10));
        await WaitForStateAsync(outbox, queued.Id, e => e.State == VoicemailState.Sent);
        await sender.StopAsync(Ct);
        Assert.Equal(1, ReceivedFrom(server, "+358451112233"));
    }

    [Fact]
    public async Task Messages_left_while_stopped_are_sent_once_by_the_next_start_and_not_again_by_the_one_after()
    {
        using var server = await SmtpTestServer.StartNewAsync();
        var outbox = Outbox();
        var ids = new List<long>();
        for (var i = 0; i < 3; i++)
        {
            ids.Add((await outbox.EnqueueAsync(Message($"+35845111223{i}"), Ct)).Id);
        }

        using (var first = Sender(server))
        {
            await first.StartAsync(Ct);
            await server.WaitForAsync(3, TimeSpan.FromSeconds(15));
            foreach (var id in ids)
            {
                await WaitForStateAsync(outbox, id, e => e.State == VoicemailState.Sent);
            }

            await first.StopAsync(Ct);
        }

        using (var second = Sender(server))
        {
            await second.StartAsync(Ct);
            Assert.Equal(VoicemailState.Sent, (await OutboxPass.CompleteAsync(outbox)).State);
            await second.StopAsync(Ct);
        }

        var received = server.Received().Where(m => !(m.Subject ?? "").Contains(OutboxPass.MarkerCaller, StringComparison.Ordinal)).ToList();
        Assert.Equal(3, received.Count);
        Assert.Equal(3, received.Select(m => m.MessageId).Distinct().Count());
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        try
        {
            Directory.Delete(_dir, recursive: true);
        }
        catch (IOException)
        {
        }
    }
}
