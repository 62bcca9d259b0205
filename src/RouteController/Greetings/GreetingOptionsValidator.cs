using LeadDesk.Store.Validation;
using Microsoft.Extensions.Options;

namespace LeadDesk.RouteController.Greetings;

/// <summary>Rules for <see cref="GreetingOptions"/>: positive waits and lengths, every prompt named.</summary>
internal sealed class GreetingOptionsValidator : IValidateOptions<GreetingOptions>
{
    public ValidateOptionsResult Validate(string? name, GreetingOptions options)
    {
        var problems = new SettingProblems(GreetingOptions.SectionName)
            .Positive(nameof(options.KeyTimeout), options.KeyTimeout)
            .AtLeast(nameof(options.MaxSeconds), options.MaxSeconds, 1)
            .AtLeast(nameof(options.MaxSilenceSeconds), options.MaxSilenceSeconds, 1);
        foreach (var (key, media) in new[]
        {
            (nameof(options.MainMenu), options.MainMenu), (nameof(options.ReviewMenu), options.ReviewMenu),
            (nameof(options.RecordPrompt), options.RecordPrompt), (nameof(options.Beep), options.Beep),
            (nameof(options.Saved), options.Saved), (nameof(options.Deleted), options.Deleted),
            (nameof(options.InvalidKey), options.InvalidKey), (nameof(options.NotAnAgent), options.NotAnAgent),
            (nameof(options.Goodbye), options.Goodbye),
        })
        {
            problems.NotEmpty(key, media);
        }

        problems.HttpUrl(nameof(options.MediaUrl), options.MediaUrl, optional: true);
        return problems.Result();
    }
}
