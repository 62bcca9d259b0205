using System.Collections.Concurrent;

namespace LeadDesk.RouteController.Calls;

/// <summary>
/// The calls in progress, found by any of their channels (which agents are on a call: <see cref="Agents.AgentClaims"/>).
/// Lock-free: the event path of one call never waits for another's.
/// </summary>
internal sealed class CallRegistry
{
    private readonly ConcurrentDictionary<string, CallSession> _byChannel = new(StringComparer.Ordinal);
    private int _active;
    private readonly CancellationTokenSource _drain = new();
    private volatile bool _draining;

    /// <summary>Calls being driven now.</summary>
    public int ActiveCalls => Volatile.Read(ref _active);

    /// <summary>Channel ids known to the registry (callers and legs); a soak test counts them.</summary>
    public int TrackedChannels => _byChannel.Count;

    /// <summary>Set at shutdown: new calls get the busy treatment instead of a route.</summary>
    public bool Draining => _draining;

    /// <summary>Cancelled when draining begins, so every waiting call wakes up to it at once.</summary>
    public CancellationToken DrainToken => _drain.Token;

    public void BeginDraining()
    {
        _draining = true;
        _drain.Cancel();
    }

    public bool TryAdd(CallSession session)
    {
        if (!_byChannel.TryAdd(session.CallerChannelId, session))
        {
            return false;
        }

        Interlocked.Increment(ref _active);
        return true;
    }

    public void AddLeg(CallSession session, string legId)
    {
        session.AddLeg(legId);
        _byChannel[legId] = session;
    }

    public void RemoveLeg(CallSession session, string legId)
    {
        session.RemoveLeg(legId);
        _byChannel.TryRemove(new KeyValuePair<string, CallSession>(legId, session));
    }

    /// <summary>Each call in progress once.</summary>
    public IReadOnlyCollection<CallSession> Sessions =>
        _byChannel.Where(p => p.Key == p.Value.CallerChannelId).Select(p => p.Value).ToArray();

    /// <summary>Every channel (caller or leg) that points at a call.</summary>
    public IReadOnlyCollection<string> ChannelIds => _byChannel.Keys.ToArray();

    public bool TryFind(string channelId, out CallSession session) => _byChannel.TryGetValue(channelId, out session!);

    /// <summary>Forgets the call and every channel that pointed at it.</summary>
    public void Remove(CallSession session)
    {
        foreach (var legId in session.KnownLegs)
        {
            _byChannel.TryRemove(new KeyValuePair<string, CallSession>(legId, session));
        }

        if (_byChannel.TryRemove(new KeyValuePair<string, CallSession>(session.CallerChannelId, session)))
        {
            Interlocked.Decrement(ref _active);
        }
    }
}
