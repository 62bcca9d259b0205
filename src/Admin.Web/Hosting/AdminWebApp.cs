using System.Threading.RateLimiting;
using LeadDesk.Admin.Web.Agents;
using LeadDesk.Admin.Web.Destinations;
using LeadDesk.Admin.Web.Routes;
using LeadDesk.Admin.Web.Settings;
using LeadDesk.Admin.Web.SignIn;
using Microsoft.AspNetCore.Authentication.Cookies;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.HttpOverrides;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Options;
using LeadDesk.Store;

namespace LeadDesk.Admin.Web.Hosting;

/// <summary>
/// Builds the web admin: the shared store, cookie sign-in with roles, anti-forgery on every change, a per-address
/// limit on sign-in attempts, security headers, the JSON API with its OpenAPI document, and the static pages.
/// <see cref="Program"/> runs it; tests build it with their own database, port and clock.
/// </summary>
public static class AdminWebApp
{
    /// <summary>Where it listens when neither <c>--urls</c> nor <c>ASPNETCORE_URLS</c> says otherwise: this machine only.</summary>
    public const string DefaultUrl = "http://127.0.0.1:8091";

    public const string AdminPolicy = "admin";
    public const string SupportPolicy = "support";

    /// <summary>Admins only: users and the company's outbound settings (support may not).</summary>
    public const string AdminOnlyPolicy = "admin-only";
    public const string SignInLimiter = "sign-in";

    public static WebApplication Build(string[] args, Action<WebApplicationBuilder>? configure = null)
    {
        var builder = WebApplication.CreateBuilder(new WebApplicationOptions
        {
            Args = args,
            ContentRootPath = AppContext.BaseDirectory,
            WebRootPath = Path.Combine(AppContext.BaseDirectory, "wwwroot"),
        });
        if (string.IsNullOrWhiteSpace(builder.Configuration[WebHostDefaults.ServerUrlsKey]))
        {
            builder.WebHost.UseUrls(DefaultUrl);
        }

        builder.Services.AddValidatedOptions<WebAdminOptions, WebAdminOptionsValidator>(builder.Configuration, WebAdminOptions.Section);
        builder.Services.AddSingleton(TimeProvider.System);

        // Only the hosts this admin is reached by (ASP.NET Core's AllowedHosts; default this machine's names): a
        // request naming any other Host gets 400, so a rebinding DNS name or a stray vhost never reaches a page.
        if (string.IsNullOrWhiteSpace(builder.Configuration["AllowedHosts"]))
        {
            builder.Configuration["AllowedHosts"] = WebAdminOptions.DefaultAllowedHosts;
        }

        // The forwarded headers count from the configured proxies only (not even loopback by default): the client
        // address the sign-in limits count, and https for the Secure cookie, come from them or from the connection.
        builder.Services.AddOptions<ForwardedHeadersOptions>().Configure<IOptions<WebAdminOptions>>((forwarded, options) =>
        {
            forwarded.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            forwarded.KnownProxies.Clear();
            forwarded.KnownIPNetworks.Clear();
            foreach (var network in options.Value.ProxyNetworks())
            {
                forwarded.KnownIPNetworks.Add(network);
            }
        });
        builder.Services.AddWebStore(builder.Configuration);
        builder.Services.AddSingleton<GreetingConverter>();

        var keys = KeysDirectory(builder.Configuration);
        PrivateFiles.EnsureDirectory(Path.GetDirectoryName(keys)!);
        PrivateFiles.EnsureDirectory(keys);
        builder.Services.AddDataProtection()
            .SetApplicationName("LeadDesk.Admin.Web")
            .PersistKeysToFileSystem(new DirectoryInfo(keys));
        builder.Services.AddAuthentication(CookieAuthenticationDefaults.AuthenticationScheme).AddCookie(SessionCookie.Configure);
        builder.Services.AddOptions<CookieAuthenticationOptions>(CookieAuthenticationDefaults.AuthenticationScheme)
            .Configure<IOptions<WebAdminOptions>>((cookie, options) => cookie.ExpireTimeSpan = options.Value.SessionIdle);
        builder.Services.AddAuthorizationBuilder()
            .SetFallbackPolicy(new AuthorizationPolicyBuilder().RequireAuthenticatedUser().Build())
            .AddPolicy(AdminPolicy, p => p.RequireRole(UserClaims.AdminRoles))
            .AddPolicy(SupportPolicy, p => p.RequireRole(UserClaims.SupportRoles))
            .AddPolicy(AdminOnlyPolicy, p => p.RequireRole(LeadDesk.Store.Users.UserRoles.AdminToken));
        builder.Services.AddAntiforgery(o =>
        {
            o.HeaderName = AntiforgeryCheck.HeaderName;
            o.Cookie.Name = "leaddesk.af";
            o.Cookie.SameSite = SameSiteMode.Strict;
        });
        builder.Services.AddRateLimiter(o =>
        {
            o.RejectionStatusCode = StatusCodes.Status429TooManyRequests;
            o.OnRejected = async (context, ct) =>
            {
                var http = context.HttpContext;
                http.RequestServices.GetRequiredService<ILoggerFactory>().CreateLogger("LeadDesk.Admin.Web.SignIn").LogWarning(
                    "Refused sign-in as {Name} from {Address}: too many attempts from this address (429)",
                    SignInLog.Printable(await SignInRequest.ReadNameAsync(http.Request, ct).ConfigureAwait(false)),
                    http.Connection.RemoteIpAddress?.ToString() ?? "unknown");
                await http.Response.WriteAsJsonAsync(new ApiError("Too many sign-in attempts from your address: wait a minute and try again."), ct).ConfigureAwait(false);
            };
            o.AddPolicy(SignInLimiter, http =>
            {
                var limits = http.RequestServices.GetRequiredService<IOptions<WebAdminOptions>>().Value;
                return RateLimitPartition.GetFixedWindowLimiter(
                    http.Connection.RemoteIpAddress?.ToString() ?? "unknown",
                    _ => new FixedWindowRateLimiterOptions { PermitLimit = limits.SignInPermits, Window = limits.SignInWindow, QueueLimit = 0 });
            });
        });
        builder.Services.AddOpenApi();
        builder.Services.ConfigureHttpJsonOptions(o => o.SerializerOptions.Converters.Add(new System.Text.Json.Serialization.JsonStringEnumConverter()));
        configure?.Invoke(builder);

        var app = builder.Build();
        app.UseForwardedHeaders();
        app.UseMiddleware<SecurityHeaders>();
        app.UseRouting();
        app.UseWhen(http => http.Request.Path.StartsWithSegments("/api"), api => api.UseMiddleware<RequestBodyLimit>());

        // The sign-in page and what it loads are the only things served without a session.
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = new PhysicalFileProvider(Path.Combine(app.Environment.WebRootPath, "public")),
            RequestPath = "/public",
        });
        app.UseAuthentication();
        app.UseAuthorization();
        app.UseRateLimiter();
        app.UseDefaultFiles();
        app.UseStaticFiles();

        var api = app.MapGroup("/api").AddEndpointFilter<AntiforgeryCheck>().AddEndpointFilter<RefusalResults>();
        SignInEndpoints.Map(api);
        RoutesEndpoints.Map(api);
        AgentsEndpoints.Map(api);
        DestinationsEndpoints.Map(api);
        SettingsEndpoints.Map(api);
        Numbers.NumbersEndpoints.Map(api);
        Campaigns.CampaignsEndpoints.Map(api);
        Queues.QueuesEndpoints.Map(api);
        Outbound.OutboundEndpoints.Map(api);
        Users.UsersEndpoints.Map(api);
        Calls.CallsEndpoints.Map(api);
        Status.StatusEndpoints.Map(api);
        app.MapOpenApi();
        return app;
    }

    // Next to the database, so sessions survive a restart and the keys live where the data does; with PostgreSQL,
    // where the SQLite file would be by default (the web admin's own data directory).
    private static string KeysDirectory(IConfiguration configuration)
    {
        var location = StoreLocation.Resolve(configuration);
        var db = location.Provider == StoreProvider.Sqlite ? location.Path : StoreLocation.DefaultPath(configuration);
        return Path.Combine(Path.GetDirectoryName(db)!, "web-keys");
    }
}
