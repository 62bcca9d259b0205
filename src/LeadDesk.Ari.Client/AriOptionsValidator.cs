using System.Globalization;
using Microsoft.Extensions.Options;

namespace LeadDesk.Ari.Client;

/// <summary>
/// The rules for the <c>Ari</c> section, checked when the host starts: a well-formed absolute http(s) base URL, an
/// application name, positive timeouts and delays, at least one connection. Each failure is one line naming the
/// setting and the value, e.g. <c>Ari:BaseUrl 'not-a-url' is not an absolute http(s) URL</c>.
/// </summary>
public sealed class AriOptionsValidator : IValidateOptions<AriOptions>
{
    public ValidateOptionsResult Validate(string? name, AriOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var problems = new List<string>();
        void Check(bool ok, string key, object? value, string problem)
        {
            if (!ok)
            {
                problems.Add($"{AriOptions.SectionName}:{key} '{Convert.ToString(value, CultureInfo.InvariantCulture)}' {problem}");
            }
        }

        Check(Uri.TryCreate(options.BaseUrl, UriKind.Absolute, out var uri)
            && (uri.Scheme == Uri.UriSchemeHttp || uri.Scheme == Uri.UriSchemeHttps) && !string.IsNullOrEmpty(uri.Host)
            && string.IsNullOrEmpty(uri.Query),
            nameof(options.BaseUrl), options.BaseUrl, "is not an absolute http(s) URL");
        Check(!string.IsNullOrWhiteSpace(options.Application) && options.Application.All(c => char.IsAsciiLetterOrDigit(c) || c is '-' or '_' or '.'),
            nameof(options.Application), options.Application, "must be a Stasis application name (letters, digits, '-', '_', '.')");
        Check(options.MaxConnections >= 1, nameof(options.MaxConnections), options.MaxConnections, "must be at least 1");
        foreach (var (key, value) in new[]
        {
            (nameof(options.RequestTimeout), options.RequestTimeout),
            (nameof(options.IdleConnectionTimeout), options.IdleConnectionTimeout),
            (nameof(options.ReconnectInitialDelay), options.ReconnectInitialDelay),
            (nameof(options.ReconnectMaxDelay), options.ReconnectMaxDelay),
            (nameof(options.ReconnectLoopbackMaxDelay), options.ReconnectLoopbackMaxDelay),
            (nameof(options.ReconnectResetAfter), options.ReconnectResetAfter),
            (nameof(options.PingInterval), options.PingInterval),
            (nameof(options.PingTimeout), options.PingTimeout),
            (nameof(options.ConnectTimeout), options.ConnectTimeout),
        })
        {
            Check(value > TimeSpan.Zero, key, value, "must be a positive duration (e.g. 00:00:05)");
        }

        Check(options.ReconnectMaxDelay >= options.ReconnectInitialDelay, nameof(options.ReconnectMaxDelay), options.ReconnectMaxDelay,
            $"must not be shorter than Ari:ReconnectInitialDelay ({options.ReconnectInitialDelay})");
        return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
    }
}
