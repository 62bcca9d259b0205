using LeadDesk.Ari.Client.Models;
using LeadDesk.Store.Voicemail;

namespace LeadDesk.RouteController.Recovery;

/// <summary>What ARI, the registry and the voicemail journal say after a (re)connection: the facts a <see cref="RecoveryPlan"/> is made from.</summary>
/// <param name="Channels">Every channel Asterisk has.</param>
/// <param name="Bridges">Every bridge Asterisk has.</param>
/// <param name="ApplicationChannelIds">The channels our ARI application is subscribed to.</param>
/// <param name="ApplicationBridgeIds">The bridges our ARI application is subscribed to.</param>
/// <param name="Calls">The calls this process still follows: each caller channel with its live legs.</param>
/// <param name="TrackedChannelIds">Every channel (caller or leg) the registry maps to a call of this process.</param>
/// <param name="TrackedBridgeIds">The bridges of the calls this process still follows.</param>
/// <param name="Journal">The voicemail journal's unfinished messages.</param>
/// <param name="ConnectedAt">When the websocket came up.</param>
internal sealed record RecoveryFacts(
    IReadOnlyList<Channel> Channels,
    IReadOnlyList<Bridge> Bridges,
    IReadOnlyCollection<string> ApplicationChannelIds,
    IReadOnlyCollection<string> ApplicationBridgeIds,
    IReadOnlyList<TrackedCall> Calls,
    IReadOnlyCollection<string> TrackedChannelIds,
    IReadOnlyCollection<string> TrackedBridgeIds,
    IReadOnlyList<MessageInProgress> Journal,
    DateTimeOffset ConnectedAt);

/// <summary>A call this process follows: its caller channel and the legs it believes live.</summary>
internal sealed record TrackedCall(string CallerChannelId, IReadOnlyList<string> LiveLegs);

/// <summary>A channel of a followed call that Asterisk no longer has.</summary>
internal sealed record VanishedChannel(string CallerChannelId, string ChannelId);

/// <summary>A channel a previous process handed to the dialplan: Asterisk's call now.</summary>
internal sealed record LeftInDialplan(string ChannelId, string Application);

/// <summary>A bridge holding exactly the two sides of a conversation nobody follows: followed from now on.</summary>
internal sealed record AdoptedBridge(string BridgeId, string First, string Second);

/// <summary>What is left of a conversation (one side went during the gap, or it holds strangers): destroyed.</summary>
internal sealed record OrphanBridge(string BridgeId, int ChannelCount);

/// <summary>A journal message whose caller is still recording in our application: the recording is taken over.</summary>
internal sealed record AdoptedVoicemail(Channel Channel, MessageInProgress Message);

/// <summary>What becomes of a call-log row a previous process left open.</summary>
public enum OpenRowFate
{
    /// <summary>Started after the connect, or its call is followed by this process: it completes its own row.</summary>
    Leave,

    /// <summary>Its call was adopted: the adopted call completes this row when it ends.</summary>
    GiveToAdoptedCall,

    /// <summary>Nobody follows its call: that call ended without us, so the row is closed as failed.</summary>
    CloseAsFailed,
}

/// <summary>
/// The fate of every channel, bridge and voicemail-journal row after a (re)connection, decided from what ARI and
/// the journal say before anything is done; <see cref="CallReconciler"/> carries it out. Asterisk replays nothing
/// from the gap: calls whose channels vanished are ended; conversations still bridged are adopted; messages still
/// recording are taken over and those whose caller is gone recovered from the spool; anyone else waiting in our
/// application since before the connect is released with a tone; channels created after it are new calls whose
/// StasisStart is on its way, left to the dispatcher.
/// </summary>
internal sealed record RecoveryPlan(
    IReadOnlyList<VanishedChannel> Vanished,
    IReadOnlyList<LeftInDialplan> LeaveInDialplan,
    IReadOnlyList<AdoptedBridge> AdoptBridges,
    IReadOnlyList<OrphanBridge> DestroyBridges,
    IReadOnlyList<AdoptedVoicemail> AdoptVoicemail,
    IReadOnlyList<MessageInProgress> RecoverVoicemail,
    IReadOnlyList<Channel> Release,
    IReadOnlyList<string> LeftToDispatcher)
{
    /// <summary>Decides every fate; nothing here talks to Asterisk or the store.</summary>
    public static RecoveryPlan From(RecoveryFacts facts)
    {
        var live = new Dictionary<string, Channel>(StringComparer.Ordinal);
        foreach (var channel in facts.Channels)
        {
            live[channel.Id] = channel;
        }

        var vanished = facts.Calls
            .SelectMany(call => call.LiveLegs.Append(call.CallerChannelId)
                .Where(id => !live.ContainsKey(id))
                .Select(id => new VanishedChannel(call.CallerChannelId, id)))
            .ToList();

        var tracked = facts.TrackedChannelIds.ToHashSet(StringComparer.Ordinal);
        var ours = facts.ApplicationChannelIds
            .Where(id => live.ContainsKey(id) && !tracked.Contains(id))
            .ToHashSet(StringComparer.Ordinal);

        // A caller a previous process handed to the dialplan (a queue, a custom destination) is still in the
        // application's list because that process subscribed to it before the hand-off. It is Asterisk's call now:
        // waiting in a queue it must survive any number of controller restarts. Its events stop; it is left be.
        var inDialplan = new List<LeftInDialplan>();
        foreach (var id in facts.ApplicationChannelIds.Where(ours.Contains).Distinct(StringComparer.Ordinal))
        {
            if (!IsInStasis(live[id]))
            {
                ours.Remove(id);
                inDialplan.Add(new LeftInDialplan(id, live[id].Dialplan.AppName ?? ""));
            }
        }

        var adopted = new List<AdoptedBridge>();
        var orphans = new List<OrphanBridge>();
        var ourBridges = facts.ApplicationBridgeIds.ToHashSet(StringComparer.Ordinal);
        var trackedBridges = facts.TrackedBridgeIds.ToHashSet(StringComparer.Ordinal);
        foreach (var bridge in facts.Bridges.Where(b => ourBridges.Contains(b.Id) && !trackedBridges.Contains(b.Id)))
        {
            var members = bridge.Channels.Where(ours.Contains).ToArray();
            if (members.Length == 2 && bridge.Channels.Count == 2)
            {
                adopted.Add(new AdoptedBridge(bridge.Id, members[0], members[1]));
                ours.ExceptWith(members);
                tracked.UnionWith(members);
                trackedBridges.Add(bridge.Id);
            }
            else
            {
                // The other side is released below like any caller we have no state for.
                orphans.Add(new OrphanBridge(bridge.Id, bridge.Channels.Count));
            }
        }

        // Messages a previous run left recording (or recorded but never put in the outbox): their callers are
        // adopted, not released; those whose caller is gone (or no longer in our application) are recovered
        // from Asterisk's spool.
        var adoptVoicemail = new List<AdoptedVoicemail>();
        var recover = new List<MessageInProgress>();
        foreach (var message in facts.Journal.Where(m => !tracked.Contains(m.ChannelId)))
        {
            if (ours.Remove(message.ChannelId) && live.TryGetValue(message.ChannelId, out var channel))
            {
                adoptVoicemail.Add(new AdoptedVoicemail(channel, message));
            }
            else
            {
                recover.Add(message);
            }
        }

        var release = new List<Channel>();
        var newCalls = new List<string>();
        foreach (var id in facts.ApplicationChannelIds.Where(ours.Contains).Distinct(StringComparer.Ordinal))
        {
            if (live[id].CreationTime < facts.ConnectedAt)
            {
                release.Add(live[id]);
            }
            else
            {
                newCalls.Add(id);
            }
        }

        return new RecoveryPlan(vanished, inDialplan, adopted, orphans, adoptVoicemail, recover, release, newCalls);
    }

    /// <summary>The fate of an open call-log row, from when it started and whether (and how) its call is followed.</summary>
    public static OpenRowFate FateOfOpenRow(DateTimeOffset rowStartedAt, DateTimeOffset connectedAt, bool followed, bool adopted) =>
        rowStartedAt >= connectedAt ? OpenRowFate.Leave
        : !followed ? OpenRowFate.CloseAsFailed
        : adopted ? OpenRowFate.GiveToAdoptedCall
        : OpenRowFate.Leave;

    /// <summary>A channel in our Stasis application, as opposed to one the dialplan runs while we only watch it.</summary>
    private static bool IsInStasis(Channel channel) =>
        string.Equals(channel.Dialplan.AppName, "Stasis", StringComparison.OrdinalIgnoreCase);
}
