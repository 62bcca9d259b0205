using System.Diagnostics.Metrics;
using LeadDesk.RouteController.Metrics;

namespace RouteController.Tests.Metrics;

public sealed class PrometheusNamesTests
{
    [Fact]
    public void Names_follow_prometheus_conventions_for_type_and_unit()
    {
        using var meter = new Meter("PrometheusNamesTests");

        Assert.Equal("leaddesk_calls_ended_total", PrometheusNames.Of(meter.CreateCounter<long>("leaddesk.calls.ended", "{call}")));
        Assert.Equal("dotnet_process_cpu_time_seconds_total", PrometheusNames.Of(meter.CreateObservableCounter("dotnet.process.cpu.time", () => 1.0, "s")));
        Assert.Equal("dotnet_process_memory_working_set_bytes", PrometheusNames.Of(meter.CreateObservableUpDownCounter("dotnet.process.memory.working_set", () => 1L, "By")));
        Assert.Equal("leaddesk_call_decision_duration_seconds", PrometheusNames.Of(meter.CreateHistogram<double>("leaddesk.call.decision.duration", "s")));
        Assert.Equal("gauge", PrometheusNames.TypeOf(meter.CreateObservableGauge("leaddesk.calls.active", () => 0)));
        Assert.Equal("histogram", PrometheusNames.TypeOf(meter.CreateHistogram<double>("x", "s")));
    }

    [Fact]
    public void Labels_are_sorted_and_escaped_so_a_hostile_value_cannot_break_the_exposition()
    {
        KeyValuePair<string, object?>[] tags = [new("route", "a\"b\\c\nd"), new("direction", "inbound"), new("gc.heap.generation", "gen0")];

        Assert.Equal("direction=\"inbound\",gc_heap_generation=\"gen0\",route=\"a\\\"b\\\\c\\nd\"", PrometheusNames.Labels(tags));
        Assert.Equal("", PrometheusNames.Labels([]));
    }
}
