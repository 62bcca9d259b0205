using System.Diagnostics;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using LeadDesk.Admin.Web.Hosting;
using LeadDesk.Store;
using LeadDesk.Store.Numbers;
using LeadDesk.Store.Queues;
using LeadDesk.Store.Routes;
using LeadDesk.Store.Users;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace LeadDesk.Bench;

/// <summary>
/// The web admin's Inbound routes API at 100,000 numbers: the time of a filtered first page
/// (<c>GET /api/routes?type=...&amp;limit=50</c>) over real loopback HTTP with a signed-in session, as the page asks it.
/// </summary>
internal static class WebAdminBench
{
    public static async Task<JsonDocument> RunAsync(string directory, int numberCount, int requests)
    {
        var databasePath = Path.Combine(directory, "web.db");
        var store = RoutingStore.Open(databasePath);
        var normalizer = new PhoneNumberNormalizer("FI");
        static string Number(int i) => StoreBench.Number(i);
        await StoreBench.SeedAsync(store, normalizer, numberCount, 100);
        var routes = new RouteTable(store, normalizer);

        // 60 % to agents, 10 % to a queue, the rest not assigned.
        var perAgent = numberCount * 6 / 10 / 100;
        for (var a = 0; a < 100; a++)
        {
            await routes.ApplyAsync(NumberEntry.From(Enumerable.Range(a * perAgent, perAgent).Select(Number)), RouteTarget.Agent($"agent{a}"), "bench");
        }

        await new QueueRegistry(store).AddAsync("sales");
        await routes.ApplyAsync(NumberEntry.From(Enumerable.Range(perAgent * 100, numberCount / 10).Select(Number)), RouteTarget.Queue("sales"), "bench");
        await new UserDirectory(store).AddAsync("bench", UserRole.Admin, null, "bench password 1");

        var app = AdminWebApp.Build(["--urls=http://127.0.0.1:0", $"--Database:Path={databasePath}"], b => b.Logging.ClearProviders());
        await app.StartAsync();
        try
        {
            var address = new Uri(app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single());
            using var http = new HttpClient(new SocketsHttpHandler { CookieContainer = new CookieContainer() }) { BaseAddress = address };
            var token = (await http.GetFromJsonAsync<JsonElement>("/api/antiforgery")).GetProperty("token").GetString();
            using var signIn = new HttpRequestMessage(HttpMethod.Post, "/api/session") { Content = JsonContent.Create(new { name = "bench", password = "bench password 1" }) };
            signIn.Headers.Add("X-CSRF-TOKEN", token);
            (await http.SendAsync(signIn)).EnsureSuccessStatusCode();

            var queries = new Dictionary<string, string>
            {
                ["type=unassigned"] = "/api/routes?type=unassigned&limit=50",
                ["type=agent"] = "/api/routes?type=agent&limit=50",
                ["type=queue sorted by number desc"] = "/api/routes?type=queue&sort=number&desc=true&limit=50",
                ["search agent name"] = "/api/routes?q=agent%2042&limit=50",
                ["search number fragment"] = "/api/routes?q=4010500&limit=50",
                ["search short number fragment"] = "/api/routes?q=4012&limit=50",
            };
            var figures = new Dictionary<string, object>();
            foreach (var (name, url) in queries)
            {
                for (var i = 0; i < 20; i++)
                {
                    (await http.GetAsync(url)).EnsureSuccessStatusCode();
                }

                var ms = new List<double>(requests);
                for (var i = 0; i < requests; i++)
                {
                    var started = Stopwatch.GetTimestamp();
                    using var response = await http.GetAsync(url);
                    await response.Content.ReadAsByteArrayAsync();
                    response.EnsureSuccessStatusCode();
                    ms.Add(Stopwatch.GetElapsedTime(started).TotalMilliseconds);
                }

                ms.Sort();
                double Rank(double q) => ms[Math.Clamp((int)Math.Ceiling(q * ms.Count) - 1, 0, ms.Count - 1)];
                figures[name] = new { p50Ms = Math.Round(Rank(0.5), 2), p95Ms = Math.Round(Rank(0.95), 2), maxMs = Math.Round(ms[^1], 2), count = ms.Count };
                Console.WriteLine($"  GET {url,-58} p50 {Rank(0.5),6:0.00} ms  p95 {Rank(0.95),6:0.00} ms  (n={ms.Count})");
            }

            return JsonSerializer.SerializeToDocument(new { numbers = numberCount, firstPage = figures });
        }
        finally
        {
            await app.StopAsync();
            await app.DisposeAsync();
        }
    }
}
