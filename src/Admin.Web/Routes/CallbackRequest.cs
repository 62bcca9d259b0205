namespace LeadDesk.Admin.Web.Routes;

/// <summary>A callback window in the CLI's words (<c>7d</c>, <c>12h</c>); empty or null turns it off.</summary>
public sealed record CallbackRequest(string? Window);

/// <summary>The callback window of many numbers at once.</summary>
public sealed record BulkCallbackRequest(IReadOnlyList<string>? Numbers, string? Window);

public sealed record CallbackResponse(string Number, string? Window, string? Previous);

public sealed record BulkCallbackResponse(int Changed, string? Window);
