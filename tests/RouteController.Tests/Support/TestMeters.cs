using System.Diagnostics.Metrics;
using Microsoft.Extensions.DependencyInjection;

namespace RouteController.Tests.Support;

/// <summary>The meter factory a host would give, for parts a test builds by hand.</summary>
internal static class TestMeters
{
    public static IMeterFactory Factory() =>
        new ServiceCollection().AddMetrics().BuildServiceProvider().GetRequiredService<IMeterFactory>();
}
