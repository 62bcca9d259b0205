namespace LeadDesk.Admin.Web.SignIn;

/// <summary>The token a page sends back in <see cref="HeaderName"/> with every change.</summary>
public sealed record AntiforgeryToken(string Token, string HeaderName);
