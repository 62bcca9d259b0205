using LeadDesk.Ari.Client.Rest;
using LeadDesk.RouteController.Calls;
using LeadDesk.RouteController.Routing;
using LeadDesk.RouteController.Treatments;

namespace RouteController.Tests.Treatments;

public class CallerTreatmentTests
{
    private static readonly RoutingOptions Options = new() { BusyToneSeconds = 5, NotInServiceSeconds = 12 };

    [Fact]
    public void Busy_is_an_early_media_busy_tone_then_486_where_Asterisk_has_progress()
    {
        var treatment = Assert.IsType<CallerTreatment.EarlyMedia>(CallerTreatment.Busy(canProgress: true, Options));

        Assert.Equal("tone:busy", treatment.Media);
        Assert.Equal(TimeSpan.FromSeconds(5), treatment.Duration);
        Assert.Equal(HangupReason.Busy, treatment.Then);
    }

    [Fact]
    public void Busy_without_progress_is_a_plain_486() =>
        Assert.Equal(new CallerTreatment.Reject(HangupReason.Busy), CallerTreatment.Busy(canProgress: false, Options));

    [Fact]
    public void Not_in_service_plays_the_announcement_then_releases_as_unallocated()
    {
        var treatment = Assert.IsType<CallerTreatment.EarlyMedia>(CallerTreatment.NotInService(canProgress: true, Options));

        Assert.Equal("sound:ss-noservice", treatment.Media);
        Assert.Equal(HangupReason.Unallocated, treatment.Then);
    }

    [Fact]
    public void Not_in_service_without_progress_lets_the_carrier_announce_it() =>
        Assert.Equal(new CallerTreatment.Reject(HangupReason.Unallocated), CallerTreatment.NotInService(canProgress: false, Options));

    [Fact]
    public void A_failure_is_never_silence()
    {
        Assert.Equal("tone:congestion", Assert.IsType<CallerTreatment.EarlyMedia>(CallerTreatment.Failure(canProgress: true)).Media);
        Assert.Equal(new CallerTreatment.Reject(HangupReason.Congestion), CallerTreatment.Failure(canProgress: false));
    }
}
