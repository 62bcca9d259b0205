namespace LeadDesk.Store.Numbers;

/// <summary>What adding one given number would do (<see cref="NumberInventory.PreviewAsync"/>).</summary>
/// <param name="Line">The line of the pasted list or file it came from.</param>
/// <param name="Given">The number as given.</param>
/// <param name="Number">Its E.164 form; null when it is not a phone number.</param>
/// <param name="Why">For a refused row: the one-line reason, as the add would refuse it.</param>
public sealed record NumberPreviewRow(int? Line, string Given, string? Number, string? Label, NumberPreviewAction Action, string? Why);

/// <summary>What adding a number would do.</summary>
public enum NumberPreviewAction
{
    Add,
    Update,
    Unchanged,
    Refused,
}
