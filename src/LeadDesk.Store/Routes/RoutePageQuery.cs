namespace LeadDesk.Store.Routes;

/// <summary>One page of the Inbound routes table.</summary>
/// <param name="Offset">Rows skipped (0 for the first page).</param>
/// <param name="Limit">Rows per page, 1 to <see cref="MaxLimit"/> (default 50).</param>
public sealed record RoutePageQuery(
    RouteFilter Filter,
    RouteSort Sort = RouteSort.Number,
    bool Descending = false,
    int Offset = 0,
    int Limit = 50)
{
    public const int MaxLimit = 500;
}
