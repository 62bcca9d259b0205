using AsteriskConfig.Tests.Parsing;

namespace AsteriskConfig.Tests;

/// <summary>The small Asterisk config parser the other tests rely on.</summary>
public class ParserTests
{
    [Fact]
    public void Reads_sections_keys_arrows_and_comments()
    {
        var f = AsteriskConfigFile.Parse("""
            ; a comment
            [general]
            enabled = yes ; trailing comment
            secret = a\;b
            ;-- a block
            hidden = 1
            --;
            [ctx]
            exten => 1,1,NoOp(x)
            """);
        Assert.Empty(f.Errors);
        var general = Assert.Single(f.Named("general"));
        Assert.Equal("yes", f.Get(general, "enabled"));
        Assert.Equal("a;b", f.Get(general, "secret"));
        Assert.Null(f.Get(general, "hidden"));
        var exten = Assert.Single(f.First("ctx")!.Entries);
        Assert.True(exten.IsArrow);
        Assert.Equal("1,1,NoOp(x)", exten.Value);
    }

    [Fact]
    public void Templates_are_inherited_in_order_and_are_not_sections()
    {
        var f = AsteriskConfigFile.Parse("""
            [base](!)
            type = endpoint
            context = a
            [more](!,base)
            allow = ulaw
            [1001](more)
            context = b
            """);
        Assert.Empty(f.Named("base"));
        var s = Assert.Single(f.Named("1001"));
        Assert.Equal("b", f.Get(s, "context"));
        Assert.Equal("endpoint", f.Get(s, "type"));
        Assert.Equal("ulaw", f.Get(s, "allow"));
    }

    [Fact]
    public void Follows_include_and_records_exec()
    {
        var f = AsteriskConfigFile.Parse("""
            [a]
            x = 1
            #include "more.conf"
            #exec /bin/generate
            """, includes: new Dictionary<string, string> { ["more.conf"] = "[b]\ny = 2\n" });
        Assert.Equal("2", f.Get(f.First("b")!, "y"));
        Assert.Single(f.ExecDirectives);
    }

    [Fact]
    public void Dialplan_numbers_priorities_labels_and_same_lines()
    {
        var dp = Dialplan.Parse("""
            [c]
            exten => _X.,1,NoOp(a,b)
             same => n(lbl),GotoIf($["${X}" : "[0-9]+$"]?other,s,1:lbl)
             same => n,Hangup
            exten => s,1,Dial(Local/1@x,30)
            include => d
            [d]
            """);
        Assert.Empty(dp.Errors);
        var steps = dp.Contexts["c"].StepsOf("_X.").ToList();
        Assert.Equal([1, 2, 3], steps.Select(s => s.Priority));
        Assert.Equal("lbl", steps[1].Label);
        Assert.Equal("GotoIf", steps[1].Application);
        Assert.Equal("Hangup", steps[2].Application);
        Assert.Equal("a,b", steps[0].Arguments);
        Assert.Equal("d", Assert.Single(dp.Contexts["c"].Includes).Target);
    }
}
