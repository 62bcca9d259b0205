using System.Text.RegularExpressions;

namespace AsteriskConfig.Tests.Parsing;

/// <summary>
/// What a call that enters one context can end up running: the closure over <c>include =></c>,
/// Goto / GotoIf / Gosub / GosubIf / GotoIfTime targets, Local/ channels and hangup handlers.
/// Reachability is per context (every extension of a reached context counts as reachable),
/// which over-approximates and so cannot miss a path.
/// </summary>
public sealed partial class Reachability
{
    public string Start { get; }
    /// <summary>Reached context and how it was reached (null for the start).</summary>
    public Dictionary<string, string?> Contexts { get; } = new(StringComparer.Ordinal);
    public List<DialplanStep> Steps { get; } = [];
    /// <summary>Paths that cannot be followed statically (a variable target, an unknown context, a switch).</summary>
    public List<string> Problems { get; } = [];

    private static readonly HashSet<string> GotoLike = new(StringComparer.OrdinalIgnoreCase) { "Goto", "Gosub" };
    private static readonly HashSet<string> ConditionalGoto = new(StringComparer.OrdinalIgnoreCase) { "GotoIf", "GosubIf", "GotoIfTime", "ExecIf", "ExecIfTime" };

    private Reachability(string start) => Start = start;

    public static Reachability From(Dialplan dialplan, string start)
    {
        var r = new Reachability(start);
        var queue = new Queue<string>();
        if (!dialplan.Contexts.ContainsKey(start)) { r.Problems.Add($"context [{start}] does not exist"); return r; }
        r.Contexts[start] = null;
        queue.Enqueue(start);
        while (queue.Count > 0)
        {
            var context = dialplan.Contexts[queue.Dequeue()];
            foreach (var sw in context.Switches)
                r.Problems.Add($"{sw}: a switch hands extension lookups to another dialplan source, which these checks cannot follow");
            foreach (var (target, entry) in context.Includes)
                r.Reach(dialplan, queue, target, $"{entry}");
            foreach (var step in context.Steps)
            {
                r.Steps.Add(step);
                foreach (var target in r.TargetsOf(step))
                    r.Reach(dialplan, queue, target, step.ToString());
            }
        }
        return r;
    }

    private void Reach(Dialplan dialplan, Queue<string> queue, string target, string via)
    {
        if (target.Contains("${", StringComparison.Ordinal) || target.Contains("$[", StringComparison.Ordinal))
        {
            Problems.Add($"{via}: jumps to a context computed at run time ({target}), which a caller may steer");
            return;
        }
        if (!dialplan.Contexts.ContainsKey(target))
        {
            Problems.Add($"{via}: goes to context [{target}], which does not exist");
            return;
        }
        if (Contexts.TryAdd(target, via)) queue.Enqueue(target);
    }

    /// <summary>Contexts a step can send the call (or a channel it creates) to.</summary>
    private IEnumerable<string> TargetsOf(DialplanStep step)
    {
        var app = step.Application;
        if (GotoLike.Contains(app))
        {
            if (ContextOfLabel(step.Context, step.Arguments) is { } c) yield return c;
        }
        else if (ConditionalGoto.Contains(app))
        {
            var q = Dialplan.IndexOfTopLevel(step.Arguments, '?');
            if (q < 0) { Problems.Add($"{step}: no `?` in {app}"); yield break; }
            var branches = step.Arguments[(q + 1)..];
            if (app.StartsWith("Exec", StringComparison.OrdinalIgnoreCase))
            {
                // ExecIf(cond?App(args):App(args)) runs arbitrary applications; the allow-list rejects it.
                yield break;
            }
            var colon = Dialplan.IndexOfTopLevel(branches, ':');
            var labels = colon < 0 ? [branches] : new[] { branches[..colon], branches[(colon + 1)..] };
            foreach (var label in labels.Where(l => l.Trim().Length > 0))
                if (ContextOfLabel(step.Context, label) is { } c) yield return c;
        }
        // A Local channel runs dialplan in the context after '@' (Dial, Queue members, Originate, ...).
        foreach (Match m in LocalChannel().Matches(step.Arguments))
            yield return m.Groups["ctx"].Value;
        // Hangup handlers: Set(CHANNEL(hangup_handler_push)=context,exten,priority).
        var hh = HangupHandler().Match(step.Arguments);
        if (hh.Success && ContextOfLabel(step.Context, hh.Groups["label"].Value) is { } handler) yield return handler;
    }

    /// <summary>The context of a Goto-style label: <c>[[context,]extension,]priority</c> (Gosub may add <c>(args)</c>).</summary>
    private static string? ContextOfLabel(string current, string label)
    {
        // Gosub(ctx,ext,pri(args)): the args stay inside the last part.
        var parts = Dialplan.SplitArguments(label.Trim());
        return parts.Count >= 3 ? parts[0] : current;
    }

    [GeneratedRegex(@"Local/(?<ext>[^@/&,)\s]+)@(?<ctx>[^/&,)\s]+)", RegexOptions.IgnoreCase)]
    private static partial Regex LocalChannel();

    [GeneratedRegex(@"hangup_handler_(push|wipe)\)\s*=\s*(?<label>[^)]*)", RegexOptions.IgnoreCase)]
    private static partial Regex HangupHandler();
}

/// <summary>The toll-fraud rule: what a carrier call may run.</summary>
public static partial class CarrierPolicy
{
    public const string CarrierContext = "from-carrier";

    /// <summary>Stasis plus the fallback applications (all built in, or app_queue / app_playtones).</summary>
    public static readonly IReadOnlySet<string> AllowedApplications = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
    {
        "Stasis", "NoOp", "Verbose", "Log", "Set", "Goto", "GotoIf", "Answer", "Progress", "Ringing",
        "Playtones", "StopPlaytones", "Wait", "Queue", "Hangup", "Busy", "Congestion",
    };

    /// <summary>Contexts a carrier call may reach: its own and the controller-down fallback.</summary>
    public static readonly IReadOnlySet<string> AllowedContexts = new HashSet<string>(StringComparer.Ordinal)
    {
        CarrierContext, "leaddesk-fallback",
    };

    /// <summary>Every violation of the rule, each a sentence naming the file, line and path; empty when the dialplan is safe.</summary>
    public static List<string> Violations(Dialplan dialplan, string start = CarrierContext, IReadOnlySet<string>? allowedApplications = null, IReadOnlySet<string>? allowedContexts = null)
    {
        allowedApplications ??= AllowedApplications;
        allowedContexts ??= AllowedContexts;
        var r = Reachability.From(dialplan, start);
        var violations = new List<string>(r.Problems);
        foreach (var (context, via) in r.Contexts)
            if (!allowedContexts.Contains(context))
                violations.Add($"[{context}] is reachable from [{start}] (via {via}); only {string.Join(", ", allowedContexts.Order())} may be");
        foreach (var step in r.Steps)
        {
            if (!allowedApplications.Contains(step.Application))
                violations.Add($"{step}: {step.Application} is reachable from [{start}]; allowed there: {string.Join(", ", allowedApplications.Order())}");
            if (DangerousFunction().Match(step.Arguments) is { Success: true } f)
                violations.Add($"{step}: the function {f.Groups[1].Value}() is reachable from [{start}] (runs programs, reads files or re-evaluates caller data)");
            if (step.Application.Equals("Queue", StringComparison.OrdinalIgnoreCase))
            {
                var args = Dialplan.SplitArguments(step.Arguments);
                // Queue(queuename,options,URL,announceoverride,timeout,AGI,gosub,rule,position)
                if (args.Count > 5 && args[5].Length > 0) violations.Add($"{step}: Queue runs an AGI ({args[5]})");
                if (args.Count > 6 && args[6].Length > 0) violations.Add($"{step}: Queue runs a Gosub on the member channel ({args[6]})");
            }
        }
        return violations;
    }

    [GeneratedRegex(@"\b(SHELL|EVAL|EVAL_EXTEN|FILE|CURL|CURLOPT|ODBC_\w+|ODBC|REALTIME\w*|SYSINFO|ENV|DB|DB_DELETE|AGI)\s*\(", RegexOptions.IgnoreCase)]
    private static partial Regex DangerousFunction();
}
