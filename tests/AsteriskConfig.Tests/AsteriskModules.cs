namespace AsteriskConfig.Tests;

/// <summary>Which Asterisk 22 module provides a dialplan application or function (null: built into the core).</summary>
public static class AsteriskModules
{
    public static readonly IReadOnlyDictionary<string, string?> ApplicationModule = new Dictionary<string, string?>(StringComparer.OrdinalIgnoreCase)
    {
        // main/pbx_builtins.c, main/pbx_variables.c
        ["Answer"] = null, ["Hangup"] = null, ["Progress"] = null, ["Ringing"] = null, ["Wait"] = null,
        ["NoOp"] = null, ["Goto"] = null, ["GotoIf"] = null, ["Set"] = null, ["Busy"] = null, ["Congestion"] = null,
        ["Gosub"] = "app_stack.so", ["Return"] = "app_stack.so",
        ["Stasis"] = "app_stasis.so",
        ["Queue"] = "app_queue.so",
        ["Playtones"] = "app_playtones.so", ["StopPlaytones"] = "app_playtones.so",
        ["Dial"] = "app_dial.so",
        ["Playback"] = "app_playback.so",
        ["Verbose"] = "app_verbose.so", ["Log"] = "app_verbose.so",
    };

    public static readonly IReadOnlyDictionary<string, string> FunctionModule = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase)
    {
        ["CALLERID"] = "func_callerid.so",
        ["CHANNEL"] = "func_channel.so",
        ["QUEUE_MEMBER"] = "app_queue.so",
        ["CONNECTEDLINE"] = "func_callerid.so",
        ["FIELDNUM"] = "func_strings.so",
    };
}
