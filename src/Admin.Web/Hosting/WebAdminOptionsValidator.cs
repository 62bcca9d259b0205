using System.Text.RegularExpressions;
using LeadDesk.Store.Validation;
using Microsoft.Extensions.Options;

namespace LeadDesk.Admin.Web.Hosting;

/// <summary>Rules for <see cref="WebAdminOptions"/> and ASP.NET Core's <c>AllowedHosts</c>, said the controller's way.</summary>
internal sealed partial class WebAdminOptionsValidator(IConfiguration configuration) : IValidateOptions<WebAdminOptions>
{
    public ValidateOptionsResult Validate(string? name, WebAdminOptions options)
    {
        var problems = new SettingProblems(WebAdminOptions.Section)
            .Require(options.SignInPermits is >= 1 and <= 10_000, nameof(options.SignInPermits), options.SignInPermits, "must be between 1 and 10000")
            .Positive(nameof(options.SignInWindow), options.SignInWindow)
            .Require(options.LockoutFailures is >= 1 and <= 1000, nameof(options.LockoutFailures), options.LockoutFailures, "must be between 1 and 1000")
            .Positive(nameof(options.LockoutDuration), options.LockoutDuration)
            .Require(options.LockoutMaxDuration >= options.LockoutDuration, nameof(options.LockoutMaxDuration), options.LockoutMaxDuration, "must be at least WebAdmin:LockoutDuration")
            .Positive(nameof(options.SessionIdle), options.SessionIdle)
            .NotEmpty(nameof(options.Ffmpeg), options.Ffmpeg)
            .Require(Uri.TryCreate(options.ControllerUrl, UriKind.Absolute, out var controller) && (controller.Scheme == Uri.UriSchemeHttp || controller.Scheme == Uri.UriSchemeHttps), nameof(options.ControllerUrl), options.ControllerUrl, "is not an absolute http(s) URL");
        foreach (var proxy in WebAdminOptions.Split(options.KnownProxies))
        {
            problems.Require(WebAdminOptions.ParseNetwork(proxy) is not null, nameof(options.KnownProxies), proxy, "is not an IP address or network (10.0.0.5, 10.0.0.0/24)");
        }

        var region = configuration["Routing:DefaultRegion"];
        var result = problems.Problems.ToList();
        result.AddRange(new SettingProblems("Routing").Region("DefaultRegion", region).Problems);
        if (configuration["AllowedHosts"] is { } hosts && !string.IsNullOrWhiteSpace(hosts))
        {
            var entries = WebAdminOptions.Split(hosts).ToList();
            result.AddRange(entries.Where(h => !HostPattern().IsMatch(h)).Select(h => $"AllowedHosts '{h}' is not a host name, address or *.domain"));
        }

        return result.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(result);
    }

    // A name (with an optional leading *.), an IPv4 address, a bracketed IPv6 address, or * alone.
    [GeneratedRegex(@"^(\*|(\*\.)?[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?(\.[A-Za-z0-9]([A-Za-z0-9-]*[A-Za-z0-9])?)*|\[[0-9A-Fa-f:.]+\])$")]
    private static partial Regex HostPattern();
}
