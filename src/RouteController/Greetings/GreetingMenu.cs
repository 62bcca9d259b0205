namespace LeadDesk.RouteController.Greetings;

/// <summary>Which of the two menus of the greeting call the agent is in.</summary>
internal enum GreetingMenuLevel
{
    /// <summary><c>1</c> hear, <c>2</c> record, <c>*</c> delete, <c>#</c> leave.</summary>
    Main,

    /// <summary>After a recording: <c>1</c> keep, <c>2</c> record again, <c>3</c> listen.</summary>
    Review,
}

/// <summary>What a key press asks for.</summary>
internal enum GreetingChoice
{
    /// <summary>A key that means nothing here: say so and ask again.</summary>
    Invalid,

    /// <summary>A key to ignore without a word, e.g. the <c>#</c> that ended the recording arriving late.</summary>
    Ignore,

    HearCurrent,
    Record,
    Delete,
    Leave,
    Keep,
    RecordAgain,
    HearNew,
}

/// <summary>The menu keys of README.md's "Agents' greetings"; no I/O, so every key is tested without a call.</summary>
internal static class GreetingMenu
{
    public static GreetingChoice Choose(GreetingMenuLevel level, char key) => (level, key) switch
    {
        (GreetingMenuLevel.Main, '1') => GreetingChoice.HearCurrent,
        (GreetingMenuLevel.Main, '2') => GreetingChoice.Record,
        (GreetingMenuLevel.Main, '*') => GreetingChoice.Delete,
        (GreetingMenuLevel.Main, '#') => GreetingChoice.Leave,
        (GreetingMenuLevel.Review, '1') => GreetingChoice.Keep,
        (GreetingMenuLevel.Review, '2') => GreetingChoice.RecordAgain,
        (GreetingMenuLevel.Review, '3') => GreetingChoice.HearNew,

        // '#' ends a recording, and Asterisk reports the key as well: it must not be read as an answer to the
        // review menu, which may already be playing when the event arrives.
        (GreetingMenuLevel.Review, '#') => GreetingChoice.Ignore,
        _ => GreetingChoice.Invalid,
    };
}
