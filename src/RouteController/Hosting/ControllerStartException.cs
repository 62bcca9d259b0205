namespace LeadDesk.RouteController.Hosting;

/// <summary>
/// The controller cannot start as configured (a health port another process holds, ...). The message is the one
/// line Program prints: it names the setting and the problem, e.g. <c>Health:Url 'http://127.0.0.1:8090/' cannot be
/// served: the address is already in use</c>.
/// </summary>
public sealed class ControllerStartException(string message, Exception? inner = null) : Exception(message, inner);
