namespace LeadDesk.Admin.Web.Hosting;

/// <summary>The body of every refused API call: one line meant for the person at the page.</summary>
public sealed record ApiError(string Error);
