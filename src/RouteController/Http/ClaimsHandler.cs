using System.Globalization;
using System.Text.Json;
using LeadDesk.RouteController.Agents;
using Microsoft.AspNetCore.Http;

namespace LeadDesk.RouteController.Http;

/// <summary>
/// <c>GET /claims</c>: the agents this controller holds on a call now, as a JSON array of
/// <c>{"agentId":"alice","callId":"...","since":"2025-06-02T08:59:00.000Z"}</c> (<c>[]</c> when nobody is on a
/// call). On a SQLite site the claims live only in this process's memory; the web admin's "on a call now" reads them
/// here (<c>WebAdmin:ControllerUrl</c>). On a PostgreSQL site it is this controller's share of the claims table.
/// </summary>
internal sealed class ClaimsHandler(AgentClaims claims)
{
    public const string Path = "/claims";

    public Task HandleAsync(HttpContext context)
    {
        using var body = new MemoryStream();
        using (var json = new Utf8JsonWriter(body))
        {
            json.WriteStartArray();
            foreach (var claim in claims.HeldHere())
            {
                json.WriteStartObject();
                json.WriteString("agentId", claim.AgentId);
                json.WriteString("callId", claim.CallId);
                json.WriteString("since", claim.Since.ToUniversalTime().ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture));
                json.WriteEndObject();
            }

            json.WriteEndArray();
        }

        context.Response.Headers.CacheControl = "no-store";
        return Answer.WriteAsync(context.Response, StatusCodes.Status200OK, "application/json", body.ToArray());
    }
}
