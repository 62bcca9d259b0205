namespace LeadDesk.Admin.Web.SignIn;

/// <summary>The sign-in form.</summary>
public sealed record SignInRequest(string? Name, string? Password);
