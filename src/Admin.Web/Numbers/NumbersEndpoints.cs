using LeadDesk.Admin.Web.Hosting;
using LeadDesk.Store;
using LeadDesk.Store.Numbers;
using LeadDesk.Store.Validation;

namespace LeadDesk.Admin.Web.Numbers;

/// <summary>
/// <c>/api/numbers</c>: the number inventory (<c>numbers add|import|remove</c>): add one or many from a pasted list or
/// a CSV file with a preview first, change a label or ownership, remove. All through <see cref="NumberInventory"/>,
/// the CLI's own class: the same checks, the same messages, all or nothing.
/// </summary>
internal static class NumbersEndpoints
{
    /// <summary>The bulk add's own body limit: 100,000 lines of <c>number,label</c> with long labels fit with room.</summary>
    public const long ImportBytes = 16 * 1024 * 1024;

    /// <summary>The most lines one add takes (the inventory's working size; more is a file for <c>numbers import</c>).</summary>
    public const int MaxLines = 100_000;

    public static void Map(RouteGroupBuilder api)
    {
        var numbers = api.MapGroup("/numbers").RequireAuthorization(AdminWebApp.AdminPolicy).WithTags("Numbers");

        numbers.MapPost("/", async (NumbersRequest request, NumberInventory inventory, CancellationToken ct) =>
            {
                var rows = Rows(request);
                if (request.Preview)
                {
                    var preview = await inventory.PreviewAsync(rows, ct).ConfigureAwait(false);
                    return Results.Ok(new NumbersPreview(
                        preview.Count(p => p.Action == NumberPreviewAction.Add),
                        preview.Count(p => p.Action == NumberPreviewAction.Update),
                        preview.Count(p => p.Action == NumberPreviewAction.Unchanged),
                        preview.Count(p => p.Action == NumberPreviewAction.Refused),
                        preview.Take(1000).Select(p => new NumbersPreviewRow(p.Line, p.Given, p.Number, p.Label, p.Action.ToString().ToLowerInvariant(), p.Why)).ToList()));
                }

                var (added, updated, unchanged) = await inventory.AddAsync(rows, ct).ConfigureAwait(false);
                return Results.Ok(new NumbersResult(added, updated, unchanged, 0));
            })
            .WithMetadata(new BodyLimit(ImportBytes))
            .WithSummary("Add numbers from a list (one number or 'number,label' a line, optional header 'number,label,owned'): preview=true says what would be added and what is refused and why; otherwise all or nothing. Body limit 16 MB (100,000 lines)");

        numbers.MapPut("/{number}", async (string number, NumberChangeRequest request, NumberInventory inventory, PhoneNumberNormalizer normalizer, CancellationToken ct) =>
            {
                var entry = new NumberEntry(number);
                var e164 = entry.Normalize(normalizer);
                _ = await inventory.FindAsync(e164, ct).ConfigureAwait(false)
                    ?? throw new RoutingRefusedException($"{entry.Describe()} ({e164}) is not in the number inventory.");
                var clear = request.Label is not null && string.IsNullOrWhiteSpace(request.Label);
                var label = clear || request.Label is null ? null : InputRules.Label(request.Label);
                var (added, updated, unchanged) = await inventory.AddAsync([new NumberImportRow(entry, label, request.Owned, clear)], ct).ConfigureAwait(false);
                return new NumbersResult(added, updated, unchanged, 0);
            })
            .WithSummary("Change one number's label (empty clears it) or ownership (not owned: refused while routed)");

        numbers.MapDelete("/{number}", async (string number, NumberInventory inventory, CancellationToken ct) =>
                new NumbersResult(0, 0, 0, await inventory.RemoveAsync([new NumberEntry(number)], ct).ConfigureAwait(false)))
            .WithSummary("Remove a number from the inventory (refused while it is routed or someone's caller ID)");
    }

    private static IReadOnlyList<NumberImportRow> Rows(NumbersRequest request)
    {
        var label = string.IsNullOrWhiteSpace(request.Label) ? null : InputRules.Label(request.Label);
        IReadOnlyList<NumberImportRow> rows;
        using (var reader = new StringReader(request.Text ?? ""))
        {
            rows = NumberCsvReader.ReadList(reader, label, request.Owned);
        }

        if (rows.Count == 0)
        {
            throw new RoutingRefusedException("No numbers were given: paste one a line, or choose a CSV file of number,label lines.");
        }

        if (rows.Count > MaxLines)
        {
            throw new RoutingRefusedException($"{rows.Count} lines is more than {MaxLines} at once: split the list, or use 'leaddesk-admin numbers import'.");
        }

        return rows;
    }
}

/// <summary>Numbers to add: <see cref="Text"/> is a pasted list or a CSV file's text; <see cref="Label"/> and <see cref="Owned"/> apply to rows without their own.</summary>
public sealed record NumbersRequest(string? Text, string? Label = null, bool? Owned = null, bool Preview = false);

/// <summary>One number's change: a new label (empty clears it) and/or ownership; null leaves it.</summary>
public sealed record NumberChangeRequest(string? Label, bool? Owned);

/// <summary>What a committed change did.</summary>
public sealed record NumbersResult(int Added, int Updated, int Unchanged, int Removed);

/// <summary>What an add would do; <see cref="Rows"/> holds the first 1,000 lines (the counts cover all).</summary>
public sealed record NumbersPreview(int Add, int Update, int Unchanged, int Refused, IReadOnlyList<NumbersPreviewRow> Rows);

/// <param name="Action"><c>add</c>, <c>update</c>, <c>unchanged</c> or <c>refused</c>.</param>
public sealed record NumbersPreviewRow(int? Line, string Given, string? Number, string? Label, string Action, string? Why);
