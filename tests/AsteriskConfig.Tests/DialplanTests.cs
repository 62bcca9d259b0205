using System.Text.RegularExpressions;
using AsteriskConfig.Tests.Parsing;

namespace AsteriskConfig.Tests;

/// <summary>asterisk-config/extensions.conf: the rules of issue 6 and the controller contract of issue 5.</summary>
public class DialplanTests
{
    private static readonly Dialplan Dp = RepoConfig.Dialplan();

    private static string Lines(IEnumerable<string> lines) => string.Join(Environment.NewLine, lines);

    [Fact]
    public void Parses_without_errors_or_exec()
    {
        Assert.True(Dp.Errors.Count == 0, "extensions.conf:" + Environment.NewLine + Lines(Dp.Errors));
        Assert.True(Dp.File.ExecDirectives.Count == 0, "#exec runs programs when Asterisk reads the file: " + Lines(Dp.File.ExecDirectives));
    }

    [Theory]
    [InlineData("from-carrier")]
    [InlineData("from-agents")]
    [InlineData("leaddesk-queues")]
    [InlineData("leaddesk-fallback")]
    [InlineData("leaddesk-outbound")]
    public void Context_exists(string context) =>
        Assert.True(Dp.Contexts.ContainsKey(context), $"extensions.conf has no [{context}] (contexts: {string.Join(", ", Dp.Contexts.Keys)})");

    [Fact]
    public void The_carrier_reaches_only_Stasis_and_the_fallback()
    {
        var v = CarrierPolicy.Violations(Dp);
        Assert.True(v.Count == 0, "toll-fraud rule broken, what a carrier call can reach:" + Environment.NewLine + Lines(v));
        // And the check saw the fallback, i.e. it followed the GotoIf (not vacuous).
        Assert.Contains("leaddesk-fallback", Reachability.From(Dp, "from-carrier").Contexts.Keys);
    }

    [Fact]
    public void Every_Stasis_call_from_the_carrier_is_exactly_the_contract()
    {
        var stasis = Reachability.From(Dp, "from-carrier").Steps.Where(IsStasis).ToList();
        Assert.True(stasis.Count > 0, "[from-carrier] never calls Stasis");
        var wrong = stasis.Where(s => s.Arguments != "leaddesk,inbound,${EXTEN}").ToList();
        Assert.True(wrong.Count == 0, "carrier calls must enter Stasis(leaddesk,inbound,${EXTEN}):" + Environment.NewLine + Lines(wrong.Select(s => s.ToString())));
    }

    [Fact]
    public void Carrier_extensions_are_number_patterns_or_special_extensions_only()
    {
        var allowed = new Regex(@"^(_\+X[X.]*|_X[X.]*|h|i|t)$");
        var bad = Dp.Contexts["from-carrier"].Extensions.Where(e => !allowed.IsMatch(e)).ToList();
        Assert.True(bad.Count == 0, "[from-carrier] must match only `+`/digit numbers (and h, i, t): " + string.Join(", ", bad));
        Assert.Contains("_+X.", Dp.Contexts["from-carrier"].Extensions);
        Assert.Contains("_X.", Dp.Contexts["from-carrier"].Extensions);
    }

    [Fact]
    public void Special_carrier_extensions_only_end_the_call()
    {
        foreach (var special in new[] { "h", "i", "t" })
            foreach (var step in Dp.Contexts["from-carrier"].StepsOf(special))
                Assert.True(step.Application is "Hangup" or "NoOp", $"{step}: the special extension `{special}` may only NoOp/Hangup (a carrier can dial it literally)");
    }

    /// <summary>
    /// `.` in a pattern matches any character, so each `_X.`-style extension must check the whole
    /// number before Stasis: the expression's regex is evaluated here as Asterisk's `:` operator does
    /// (anchored at the start).
    /// </summary>
    [Theory]
    [InlineData("+358401234567", true)]
    [InlineData("358401234567", true)]
    [InlineData("0401234567", true)]
    [InlineData("358abc", false)]
    [InlineData("+358 40", false)]
    [InlineData("0401234567@evil", false)]
    [InlineData("1,greeting", false)]
    [InlineData("++358", false)]
    public void Only_plus_and_digit_numbers_reach_Stasis(string dialled, bool reachesStasis)
    {
        var extension = Dp.Contexts["from-carrier"].Extensions.FirstOrDefault(p => AsteriskPattern.Matches(p, dialled));
        if (extension is null)
        {
            Assert.False(reachesStasis, $"{dialled} matches no extension in [from-carrier] (chan_pjsip would answer 404)");
            return;
        }
        var reached = RunsStasis(Dp.Contexts["from-carrier"].StepsOf(extension).ToList(), dialled);
        Assert.True(reached == reachesStasis, $"{dialled} (extension {extension}) {(reached ? "reaches" : "does not reach")} Stasis");
    }

    /// <summary>Walks an extension's priorities, evaluating `GotoIf($["${EXTEN}" : "re"]?label)` guards.</summary>
    private static bool RunsStasis(List<DialplanStep> steps, string exten)
    {
        for (var i = 0; i < steps.Count; i++)
        {
            var s = steps[i];
            if (IsStasis(s)) return true;
            if (s.Application == "Hangup") return false;
            if (s.Application != "GotoIf") continue;
            var m = Regex.Match(s.Arguments, @"^\$\[""\$\{EXTEN\}"" : ""(?<re>[^""]+)""\]\?(?<label>[\w-]+)$");
            Assert.True(m.Success, $"{s}: unexpected GotoIf before Stasis (expected $[\"${{EXTEN}}\" : \"regex\"]?label)");
            if (Regex.IsMatch(exten, "^(?:" + m.Groups["re"].Value + ")"))
            {
                var target = steps.FindIndex(x => x.Label == m.Groups["label"].Value);
                Assert.True(target > i, $"{s}: label {m.Groups["label"].Value} not found after it");
                i = target - 1;
            }
        }
        return false;
    }

    [Fact]
    public void A_failed_Stasis_goes_to_the_deliberate_fallback()
    {
        var carrier = Dp.Contexts["from-carrier"];
        foreach (var ext in carrier.Extensions)
        {
            var steps = carrier.StepsOf(ext).ToList();
            var stasis = steps.FindIndex(IsStasis);
            if (stasis < 0) continue;
            var next = steps.Skip(stasis + 1).FirstOrDefault();
            Assert.True(next is { Application: "GotoIf" } && next.Arguments.Contains("${STASISSTATUS}", StringComparison.Ordinal)
                        && next.Arguments.Contains("FAILED", StringComparison.Ordinal) && next.Arguments.Contains("leaddesk-fallback,", StringComparison.Ordinal),
                $"[from-carrier] {ext}: the priority after Stasis must send STASISSTATUS=FAILED to [leaddesk-fallback] (found {next?.ToString() ?? "nothing"}); otherwise Asterisk answers the carrier with a bare 603");
        }

        var fallback = Dp.Contexts["leaddesk-fallback"].StepsOf("s").ToList();
        string Apps() => string.Join(" -> ", fallback.Select(s => s.Application));
        Assert.Contains(fallback, s => s.Application == "Queue" && s.Arguments.StartsWith("${LEADDESK_FALLBACK_QUEUE}", StringComparison.Ordinal));
        Assert.Contains(fallback, s => s.Application == "GotoIf" && s.Arguments.Contains("${LEADDESK_FALLBACK_QUEUE}\" = \"\"", StringComparison.Ordinal));
        var progress = fallback.FindIndex(s => s.Application == "Progress");
        var tone = fallback.FindIndex(s => s.Application == "Playtones" && s.Arguments == "congestion");
        var hangup = fallback.FindLastIndex(s => s.Application == "Hangup");
        Assert.True(progress >= 0 && tone > progress && hangup > tone, $"fallback must be Progress -> Playtones(congestion) -> ... -> Hangup(cause); it is {Apps()}");
        Assert.True(fallback.Any(s => s.Application == "Wait"), $"the congestion tone must play for a while (Wait): {Apps()}");
        Assert.True(int.TryParse(fallback[hangup].Arguments, out var cause) && cause is 34 or 41 or 42 or 38,
            $"{fallback[hangup]}: the rejection needs an explicit temporary-failure cause (34/38/41/42 = SIP 503), not a default or 603");
        Assert.True(!fallback.Any(s => s.Application == "Answer"), "the fallback must not answer (early media only: the caller is not charged)");
    }

    [Fact]
    public void The_fallback_queue_is_off_by_default_and_if_set_is_a_known_queue()
    {
        Assert.True(Dp.Globals.TryGetValue("LEADDESK_FALLBACK_QUEUE", out var q), "[globals] must define LEADDESK_FALLBACK_QUEUE");
        if (q!.Length == 0) return;
        Assert.True(Dp.Contexts["leaddesk-queues"].Extensions.Contains(q), $"LEADDESK_FALLBACK_QUEUE={q} has no extension in [leaddesk-queues]");
    }

    [Fact]
    public void Agents_have_the_greeting_code_and_dial_nothing_but_emergency_numbers_themselves()
    {
        var agents = Dp.Contexts["from-agents"];
        Assert.True(agents.StepsOf("*97").Any(s => IsStasis(s) && s.Arguments == "leaddesk,greeting"),
            "[from-agents] must have exten *97 -> Stasis(leaddesk,greeting)");
        var allowed = new HashSet<string>(StringComparer.OrdinalIgnoreCase)
        {
            "Stasis", "NoOp", "Answer", "Hangup", "Goto", "GotoIf", "Wait", "Playback", "Progress", "Playtones", "StopPlaytones", "Dial",
        };
        var v = CarrierPolicy.Violations(Dp, "from-agents", allowed, new HashSet<string> { "from-agents", "leaddesk-agents-down" });
        Assert.True(v.Count == 0, "agent phones reach something they must not:" + Environment.NewLine + Lines(v));

        // The only Dial an agent's phone reaches is the emergency one, labelled, straight to the trunk.
        var dials = Reachability.From(Dp, "from-agents").Steps.Where(s => s.Application == "Dial").ToList();
        Assert.NotEmpty(dials);
        foreach (var dial in dials)
        {
            Assert.True(dial.Label == "emergency" && dial.Arguments == "PJSIP/${EXTEN}@${LEADDESK_OUTBOUND_TRUNK}",
                $"{dial}: agents may only dial emergency numbers themselves (label 'emergency', PJSIP/${{EXTEN}}@${{LEADDESK_OUTBOUND_TRUNK}})");
        }

        var stasis = agents.Steps.Where(IsStasis).Select(s => s.Arguments).Distinct().Order().ToList();
        Assert.Equal(["leaddesk,greeting", "leaddesk,outbound,${EXTEN}"], stasis);
    }

    [Fact]
    public void Emergency_numbers_reach_the_trunk_before_and_without_Stasis()
    {
        Assert.True(Dp.Globals.TryGetValue("LEADDESK_EMERGENCY_NUMBERS", out var list) && list!.Split(',').Contains("112"),
            "[globals] must list LEADDESK_EMERGENCY_NUMBERS, 112 among them");
        var agents = Dp.Contexts["from-agents"];
        var own = agents.StepsOf("112").ToList();
        Assert.DoesNotContain(own, IsStasis);
        Assert.Contains(own, s => s.Application == "Dial" && s.Label == "emergency");

        // The short-number pattern checks the list before anything else can happen.
        var shortNumbers = agents.StepsOf("_X.").ToList();
        var check = shortNumbers.FindIndex(s => s.Application == "GotoIf" && s.Arguments.Contains("FIELDNUM(LEADDESK_EMERGENCY_NUMBERS", StringComparison.Ordinal));
        Assert.True(check >= 0 && !shortNumbers.Take(check).Any(IsStasis), "[from-agents] _X. must check LEADDESK_EMERGENCY_NUMBERS first");
        Assert.DoesNotContain(shortNumbers, IsStasis);
    }

    [Theory]
    [InlineData("0401234567", "_0X.")]
    [InlineData("00358401234567", "_0X.")]
    [InlineData("+358401234567", "_+X.")]
    public void Numbers_people_dial_go_to_the_controller_and_a_failed_Stasis_only_plays_congestion(string dialled, string extension)
    {
        var steps = Dp.Contexts["from-agents"].StepsOf(extension).ToList();
        Assert.True(RunsStasis(steps, dialled), $"{dialled} must reach Stasis(leaddesk,outbound,${{EXTEN}})");
        var stasis = steps.FindIndex(IsStasis);
        Assert.Equal("leaddesk,outbound,${EXTEN}", steps[stasis].Arguments);
        Assert.DoesNotContain(steps, s => s.Application == "Dial");
        var next = steps.ElementAtOrDefault(stasis + 1);
        Assert.True(next is { Application: "GotoIf" } && next.Arguments.Contains("STASISSTATUS", StringComparison.Ordinal) && next.Arguments.Contains("leaddesk-agents-down", StringComparison.Ordinal),
            $"after Stasis, STASISSTATUS=FAILED must go to [leaddesk-agents-down] (found {next?.ToString() ?? "nothing"})");
        Assert.Contains(Dp.Contexts["leaddesk-agents-down"].Steps, s => s.Application == "Playtones" && s.Arguments == "congestion");
        Assert.DoesNotContain(Reachability.From(Dp, "leaddesk-agents-down").Steps, s => s.Application == "Dial");
    }

    [Fact]
    public void The_carrier_still_reaches_no_Dial_and_not_the_agents_contexts()
    {
        var r = Reachability.From(Dp, "from-carrier");
        Assert.DoesNotContain(r.Steps, s => s.Application == "Dial");
        Assert.DoesNotContain("from-agents", r.Contexts.Keys);
        Assert.DoesNotContain("leaddesk-agents-down", r.Contexts.Keys);
    }

    [Fact]
    public void Queue_context_has_one_explicit_extension_per_queue_and_only_Queue()
    {
        var queues = Dp.Contexts["leaddesk-queues"];
        var patterns = queues.Extensions.Where(e => e.StartsWith('_')).ToList();
        Assert.True(patterns.Count == 0, "[leaddesk-queues] must not have patterns (an unknown queue name must match nothing): " + string.Join(", ", patterns));
        Assert.True(queues.Includes.Count == 0 && queues.Switches.Count == 0, "[leaddesk-queues] must not include other contexts or use switches");
        foreach (var step in queues.Steps)
        {
            Assert.True(step.Application is "Queue" or "NoOp" or "Hangup" or "Answer" or "GotoIf",
                $"{step}: only Queue (and the Answer before it, GotoIf on its members, NoOp, Hangup) belong in [leaddesk-queues]");
            if (step.Application == "Queue")
                Assert.True(Dialplan.SplitArguments(step.Arguments)[0] == step.Extension,
                    $"{step}: extension {step.Extension} must queue into the queue of the same name");
        }
        Assert.Contains(queues.StepsOf("support"), s => s.Application == "Queue");
        foreach (var queue in queues.Extensions)
        {
            // Never silence while members ring: the caller is answered (then hears music on hold) before Queue(),
            // and only when a member is logged in (else 486, unanswered).
            var steps = queues.StepsOf(queue).ToList();
            var answer = steps.FindIndex(s => s.Application == "Answer");
            var enter = steps.FindIndex(s => s.Application == "Queue");
            Assert.True(answer >= 0 && answer < enter, $"[leaddesk-queues] {queue}: Answer() must come before Queue()");
            Assert.True(steps.Take(answer).Any(s => s.Application == "GotoIf" && s.Arguments.Contains($"QUEUE_MEMBER({queue},logged)", StringComparison.Ordinal)),
                $"[leaddesk-queues] {queue}: answer only when QUEUE_MEMBER({queue},logged) is not 0");
        }

        var conf = RepoConfig.Load("queues.conf");
        var defined = conf.Sections.Where(s => !s.IsTemplate && s.Name != "general").Select(s => s.Name).ToHashSet();
        var missingInConf = queues.Extensions.Where(e => !defined.Contains(e)).ToList();
        var missingInDialplan = defined.Where(q => !queues.Extensions.Contains(q)).ToList();
        Assert.True(missingInConf.Count == 0, "[leaddesk-queues] extensions without a queue in queues.conf: " + string.Join(", ", missingInConf));
        Assert.True(missingInDialplan.Count == 0, "queues in queues.conf without an extension in [leaddesk-queues] (the controller could not send calls there): " + string.Join(", ", missingInDialplan));
    }

    [Fact]
    public void Outbound_context_is_reachable_only_by_the_controller()
    {
        foreach (var start in new[] { "from-carrier", "from-agents", "leaddesk-agents-down", "leaddesk-queues", "leaddesk-fallback" })
            Assert.DoesNotContain("leaddesk-outbound", Reachability.From(Dp, start).Contexts.Keys);
        var includers = Dp.Contexts.Values.Where(c => c.Includes.Any(i => i.Target == "leaddesk-outbound")).Select(c => c.Name).ToList();
        Assert.True(includers.Count == 0, "[leaddesk-outbound] must not be included anywhere: " + string.Join(", ", includers));
        Assert.Contains(Dp.Contexts["leaddesk-outbound"].Steps, s => s.Application == "Dial" && s.Arguments.Contains("${LEADDESK_OUTBOUND_TRUNK}", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_application_and_function_used_is_provided_by_a_loaded_module()
    {
        var loaded = ModulesConfigTests.LoadedModules();
        var missing = new List<string>();
        foreach (var step in Dp.Contexts.Values.SelectMany(c => c.Steps))
        {
            if (!AsteriskModules.ApplicationModule.TryGetValue(step.Application, out var module))
                missing.Add($"{step}: {step.Application} is not in the test's application table (add it with its module)");
            else if (module is not null && !loaded.Contains(module))
                missing.Add($"{step}: {step.Application} needs {module}, which modules.conf does not load");
            foreach (Match f in Regex.Matches(step.Arguments, @"\$\{(?<f>[A-Z_]+)\("))
                if (AsteriskModules.FunctionModule.TryGetValue(f.Groups["f"].Value, out var fm) && !loaded.Contains(fm))
                    missing.Add($"{step}: {f.Groups["f"].Value}() needs {fm}, which modules.conf does not load");
                else if (!AsteriskModules.FunctionModule.ContainsKey(f.Groups["f"].Value))
                    missing.Add($"{step}: function {f.Groups["f"].Value}() is not in the test's function table");
        }
        Assert.True(missing.Count == 0, Lines(missing));
    }

    private static bool IsStasis(DialplanStep s) => s.Application.Equals("Stasis", StringComparison.OrdinalIgnoreCase);
}
