using LeadDesk.Store.Validation;
using Microsoft.Extensions.Options;

namespace LeadDesk.RouteController.Health;

/// <summary>Rules for <see cref="HealthOptions"/>: empty (off) or an absolute http(s) URL Kestrel can listen on.</summary>
internal sealed class HealthOptionsValidator : IValidateOptions<HealthOptions>
{
    public ValidateOptionsResult Validate(string? name, HealthOptions options) =>
        new SettingProblems(HealthOptions.SectionName)
            .HttpUrl(nameof(options.Url), options.Url, optional: true)
            .Require(
                string.IsNullOrWhiteSpace(options.Url) || !Uri.TryCreate(options.Url, UriKind.Absolute, out var uri) || string.IsNullOrEmpty(uri.Query),
                nameof(options.Url),
                options.Url,
                "must not have a query string")
            .Result();
}
