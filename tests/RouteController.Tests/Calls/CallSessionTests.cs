using LeadDesk.Ari.Client.Events;
using LeadDesk.RouteController.Calls;

namespace RouteController.Tests.Calls;

public class CallSessionTests
{
    private const string Caller = "1795464539.37";
    private const string Leg = "1795464539.37-leg-1";

    private static AriEvent Event(string type, string channelId, string extra = "") =>
        AriEventParser.Parse($$"""
            {"type":"{{type}}","timestamp":"2026-11-23T20:08:46.672+0000","application":"leaddesk",
             "channel":{"id":"{{channelId}}","name":"PJSIP/x","state":"Ring","caller":{"name":"","number":""},
             "connected":{"name":"","number":""},"accountcode":"",
             "dialplan":{"context":"from-carrier","exten":"358401234567","priority":2,"app_name":"Stasis","app_data":"leaddesk,inbound"},
             "creationtime":"2026-11-23T20:08:46.671+0000","language":"en"}{{extra}}}
            """);

    private static CallSession NewSession()
    {
        var session = new CallSession(Caller, TimeProvider.System);
        session.AddLeg(Leg);
        return session;
    }

    [Fact]
    public async Task A_busy_leg_ends_with_cause_17_and_486_as_Asterisk_reports_it()
    {
        var session = NewSession();
        session.Post(Event("ChannelHangupRequest", Leg, ""","cause":17"""));
        session.Post(Event("ChannelDestroyed", Leg, ""","cause":17,"cause_txt":"User busy","tech_cause":486"""));

        var signal = await session.NextSignalAsync(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken);

        var ended = Assert.IsType<CallSignal.LegEnded>(signal);
        Assert.Equal(new HangupCause(17, 486), ended.Cause);
        Assert.False(ended.Answered);
    }

    [Fact]
    public async Task A_remote_BYE_from_the_caller_is_the_caller_gone()
    {
        var session = NewSession();
        // A remote BYE: ChannelHangupRequest without a cause, then StasisEnd, and no ChannelDestroyed.
        session.Post(Event("ChannelHangupRequest", Caller));
        session.Post(Event("StasisEnd", Caller));

        Assert.IsType<CallSignal.CallerGone>(await session.NextSignalAsync(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken));
        Assert.True(session.CallerGone);
    }

    [Fact]
    public async Task An_answered_leg_hanging_up_ends_the_leg_before_ChannelDestroyed()
    {
        var session = NewSession();
        session.Post(Event("StasisStart", Leg, ""","args":["leg","1795464539.37"]"""));
        session.Post(Event("ChannelHangupRequest", Leg));

        Assert.IsType<CallSignal.LegAnswered>(await session.NextSignalAsync(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken));
        var ended = Assert.IsType<CallSignal.LegEnded>(await session.NextSignalAsync(TimeSpan.FromSeconds(1), TestContext.Current.CancellationToken));
        Assert.True(ended.Answered);
    }

    [Fact]
    public async Task After_a_continue_StasisEnd_does_not_mean_the_caller_left()
    {
        var session = NewSession();
        session.MarkHandedToDialplan();
        session.Post(Event("StasisEnd", Caller));

        Assert.IsType<CallSignal.TimedOut>(await session.NextSignalAsync(TimeSpan.FromMilliseconds(50), TestContext.Current.CancellationToken));
        Assert.False(session.CallerGone);
    }

    [Fact]
    public async Task Events_of_channels_that_are_not_part_of_the_call_are_not_signals()
    {
        var session = NewSession();
        session.Post(Event("ChannelDestroyed", "someone-else", ""","cause":16,"cause_txt":"Normal Clearing" """));

        Assert.IsType<CallSignal.TimedOut>(await session.NextSignalAsync(TimeSpan.FromMilliseconds(50), TestContext.Current.CancellationToken));
    }

    [Fact]
    public async Task An_unbounded_wait_waits_for_the_next_event_instead_of_timing_out_at_once()
    {
        var session = NewSession();
        var waiting = session.NextSignalAsync(Timeout.InfiniteTimeSpan, TestContext.Current.CancellationToken);

        // An "already expired" reading of the infinite wait answers synchronously, before anything is posted.
        Assert.False(waiting.IsCompleted);
        session.Post(Event("StasisEnd", Caller));
        Assert.IsType<CallSignal.CallerGone>(await waiting.WaitAsync(TimeSpan.FromSeconds(5), TestContext.Current.CancellationToken));
    }

    public static TheoryData<string> WaitsAfterTheCallerLeft => ["next signal, bounded", "next signal, unbounded", "next signal, not woken by drain", "playback"];

    /// <summary>
    /// CallSession's promise: once the caller is gone every wait answers CallerGone at once. A flow that reacts to
    /// the caller leaving with one more wait (a goodbye playback, the next menu prompt) must not sit out its limit
    /// on a channel that is no longer there.
    /// </summary>
    [Theory]
    [MemberData(nameof(WaitsAfterTheCallerLeft))]
    public async Task Once_the_caller_is_gone_every_later_wait_answers_CallerGone_at_once(string wait)
    {
        var ct = TestContext.Current.CancellationToken;
        var session = NewSession();
        session.Post(Event("ChannelHangupRequest", Caller));
        Assert.IsType<CallSignal.CallerGone>(await session.NextSignalAsync(TimeSpan.FromSeconds(1), ct));

        // Limits far longer than the test's own bound: sitting them out fails the test instead of passing late.
        var limit = TimeSpan.FromMinutes(5);
        Task<object> later = wait switch
        {
            "next signal, bounded" => Box(session.NextSignalAsync(limit, ct)),
            "next signal, unbounded" => Box(session.NextSignalAsync(Timeout.InfiniteTimeSpan, ct)),
            "next signal, not woken by drain" => Box(session.NextSignalAsync(limit, ct, wakeOnDrain: false)),
            _ => Box(session.WaitForPlaybackAsync("pb-goodbye", limit, ct)),
        };

        object result;
        try
        {
            result = await later.WaitAsync(TimeSpan.FromSeconds(5), ct);
        }
        catch (TimeoutException)
        {
            Assert.Fail($"{wait}: still waiting 5 s after the caller left");
            throw;
        }

        if (wait == "playback")
        {
            Assert.False((bool)result, "the playback wait reported the playback done, not the caller gone");
        }
        else
        {
            Assert.IsType<CallSignal.CallerGone>(result);
        }
    }

    private static async Task<object> Box<T>(Task<T> task) => (await task)!;
}
