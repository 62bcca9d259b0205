namespace LeadDesk.Testing;

/// <summary>
/// The one way the tests wait for something another thread or process does: ask again every few milliseconds
/// until it holds or a deadline passes, then fail saying what was awaited (and, where there is one, the last
/// value seen). Never a fixed sleep: a fast machine does not wait longer than it must, a slow one gets the whole
/// deadline. Compiled into every project under tests/ (see tests/Directory.Build.props).
/// </summary>
internal static class Poll
{
    /// <summary>How often the condition is asked again.</summary>
    public static readonly TimeSpan Interval = TimeSpan.FromMilliseconds(20);

    /// <summary>Waits until <paramref name="condition"/> holds; throws <see cref="TimeoutException"/> after <paramref name="within"/>.</summary>
    public static Task UntilAsync(Func<bool> condition, TimeSpan within, string what = "condition", CancellationToken ct = default) =>
        UntilAsync(() => Task.FromResult(condition()), within, what, ct);

    /// <summary>Waits until <paramref name="condition"/> holds; throws <see cref="TimeoutException"/> after <paramref name="within"/>.</summary>
    public static async Task UntilAsync(Func<Task<bool>> condition, TimeSpan within, string what = "condition", CancellationToken ct = default)
    {
        var deadline = DateTime.UtcNow + within;
        while (!await condition().ConfigureAwait(false))
        {
            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what}: not met within {within}");
            }

            await Task.Delay(Interval, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Reads with <paramref name="read"/> until <paramref name="done"/> says the value is the awaited one, and returns
    /// it; after <paramref name="within"/>, throws <see cref="TimeoutException"/> naming the last value read.
    /// </summary>
    public static async Task<T> UntilAsync<T>(Func<Task<T>> read, Func<T, bool> done, TimeSpan within, string what = "value", CancellationToken ct = default)
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            var value = await read().ConfigureAwait(false);
            if (done(value))
            {
                return value;
            }

            if (DateTime.UtcNow > deadline)
            {
                throw new TimeoutException($"{what}: not met within {within}; last: {value}");
            }

            await Task.Delay(Interval, ct).ConfigureAwait(false);
        }
    }

    /// <summary>
    /// Asks <paramref name="attempt"/> until it returns without throwing <typeparamref name="TException"/> (a
    /// listener not up yet); after <paramref name="within"/> the last exception is thrown.
    /// </summary>
    public static async Task<T> UntilNoAsync<TException, T>(Func<Task<T>> attempt, TimeSpan within, CancellationToken ct = default)
        where TException : Exception
    {
        var deadline = DateTime.UtcNow + within;
        while (true)
        {
            try
            {
                return await attempt().ConfigureAwait(false);
            }
            catch (TException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(Interval, ct).ConfigureAwait(false);
            }
        }
    }
}
