using MimeKit;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.Timeout;
using LeadDesk.Store.Voicemail;
using LeadDesk.RouteController.Voicemail;

namespace LeadDesk.RouteController.Voicemail.Mail;

/// <summary>
/// Works the voicemail outbox: every due message is built and sent; accepted ones are marked sent at once,
/// 5xx ones failed with the server's reason, everything else retried later with backoff. All state is in the
/// database, so a restart (or a second instance after this one stopped) carries on without losing or resending.
/// </summary>
internal sealed partial class VoicemailSender(
    VoicemailOutbox outbox,
    VoicemailOutboxSignal signal,
    SmtpTransport transport,
    SmtpOptions smtp,
    VoicemailOptions options,
    TimeProvider time,
    Metrics.CallMetrics metrics,
    Hosting.ControllerIdentity controller,
    ILogger<VoicemailSender> logger) : BackgroundService
{
    // One message per claim: a delivery may take up to 4 x Smtp:Timeout, and a batch's last message would otherwise
    // outlive its send claim (VoicemailOutbox.SendClaim) and be taken and mailed by another controller as well.
    private const int BatchSize = 1;

    // One bound on a whole delivery (connect + login + upload + quit), on top of MailKit's per-operation
    // timeout, so a server that trickles bytes cannot hold the outbox forever.
    private readonly ResiliencePipeline _attempt = new ResiliencePipelineBuilder()
        .AddTimeout(new TimeoutStrategyOptions { Timeout = smtp.Timeout * 4 })
        .Build();

    private readonly TimeZoneInfo _zone = options.ResolveTimeZone();

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        LogStarted(smtp.ToString());
        try
        {
            await SendUntilStoppedAsync(stoppingToken).ConfigureAwait(false);
        }
        finally
        {
            // What this run took but did not get to is free for the next start (or another controller) at once,
            // not only after the send claim runs out.
            try
            {
                await outbox.ReleaseClaimsAsync(controller.Id, CancellationToken.None).ConfigureAwait(false);
            }
            catch (Exception e) when (e is System.Data.Common.DbException or InvalidOperationException)
            {
                LogOutboxFailed(e, e.Message);
            }
        }
    }

    private async Task SendUntilStoppedAsync(CancellationToken stoppingToken)
    {
        while (!stoppingToken.IsCancellationRequested)
        {
            var more = false;
            try
            {
                more = await SendDueAsync(stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
            {
                return;
            }
            catch (Exception e)
            {
                // The database itself failed (locked, disk): nothing is lost, the next round tries again.
                LogOutboxFailed(e, e.Message);
            }

            if (more)
            {
                continue;
            }

            try
            {
                await signal.WaitAsync(options.PollInterval, stoppingToken).ConfigureAwait(false);
            }
            catch (OperationCanceledException)
            {
                return;
            }
        }
    }

    /// <summary>Sends one batch of due messages; true when there may be more due right away.</summary>
    internal async Task<bool> SendDueAsync(CancellationToken ct)
    {
        var due = await outbox.TakeDueAsync(time.GetUtcNow(), BatchSize, ct, controller.Id).ConfigureAwait(false);
        foreach (var entry in due)
        {
            ct.ThrowIfCancellationRequested();
            await SendOneAsync(entry, ct).ConfigureAwait(false);
        }

        return due.Count == BatchSize;
    }

    private async Task SendOneAsync(VoicemailEntry entry, CancellationToken ct)
    {
        MimeMessage mail;
        try
        {
            mail = VoicemailMail.Build(entry, smtp.From, _zone);
        }
        catch (Exception e) when (e is ParseException or FormatException or ArgumentException)
        {
            // A bad From or To address: no retry can fix it, the admin must (then `voicemail resend`).
            LogFailed(entry.Id, entry.Message.ToAddress, e.Message);
            await outbox.MarkFailedAsync(entry.Id, "cannot build the mail: " + e.Message, CancellationToken.None).ConfigureAwait(false);
            return;
        }

        using (mail)
        {
            try
            {
                await _attempt.ExecuteAsync(async t => await transport.SendAsync(mail, t).ConfigureAwait(false), ct).ConfigureAwait(false);
            }
            catch (OperationCanceledException) when (ct.IsCancellationRequested)
            {
                // Stopping mid-delivery: the row stays pending and the next start sends it.
                throw;
            }
            catch (Exception e) when (SmtpFailure.IsPermanent(e))
            {
                var reason = SmtpFailure.Describe(e);
                metrics.SmtpFailed(permanent: true);
                LogFailed(entry.Id, entry.Message.ToAddress, reason);
                await outbox.MarkFailedAsync(entry.Id, reason, CancellationToken.None).ConfigureAwait(false);
                return;
            }
            catch (Exception e) when (e is not OperationCanceledException || e is TimeoutRejectedException)
            {
                var attempts = entry.Attempts + 1;
                var next = time.GetUtcNow() + RetryBackoff.Delay(attempts, options.RetryInitialDelay, options.RetryMaxDelay, Random.Shared);
                var reason = SmtpFailure.Describe(e);
                metrics.SmtpFailed(permanent: false);
                LogRetry(entry.Id, attempts, next, reason);
                await outbox.MarkRetryAsync(entry.Id, attempts, next, reason, CancellationToken.None).ConfigureAwait(false);
                return;
            }

            // Marked the moment the server accepted, and not cancellable: a stop now must not make it look unsent.
            await outbox.MarkSentAsync(entry.Id, CancellationToken.None).ConfigureAwait(false);
            LogSent(entry.Id, entry.Message.ToAddress, entry.MessageId);
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Voicemail sender started: {Server}")]
    private partial void LogStarted(string server);

    [LoggerMessage(Level = LogLevel.Information, Message = "Voicemail {Id} sent to {To} as {MessageId}")]
    private partial void LogSent(long id, string to, string messageId);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Voicemail {Id} not sent (attempt {Attempts}), next try at {Next}: {Reason}")]
    private partial void LogRetry(long id, int attempts, DateTimeOffset next, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Voicemail {Id} to {To} failed for good: {Reason}")]
    private partial void LogFailed(long id, string to, string reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "The voicemail outbox could not be read or updated: {Error}")]
    private partial void LogOutboxFailed(Exception e, string error);
}
