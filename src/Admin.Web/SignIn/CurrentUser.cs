namespace LeadDesk.Admin.Web.SignIn;

/// <summary>Who is signed in, for the page to choose its tabs (the server checks every call regardless).</summary>
public sealed record CurrentUser(string Name, string Role, string? AgentId);
