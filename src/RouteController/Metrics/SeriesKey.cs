using System.Diagnostics.Metrics;

namespace LeadDesk.RouteController.Metrics;

/// <summary>
/// A measurement's instrument and tags as the caller passed them (up to three): found again without building the
/// label text, which is the allocation the call path would otherwise make on every count.
/// </summary>
internal readonly record struct SeriesKey(
    Instrument Instrument, string? Key1, object? Value1, string? Key2, object? Value2, string? Key3, object? Value3);
