using AsteriskConfig.Tests.Parsing;

namespace AsteriskConfig.Tests;

/// <summary>pjsip.conf: a UDP transport, the carrier by IP into from-carrier, agents with auth into from-agents.</summary>
public class PjsipConfigTests
{
    private static readonly AsteriskConfigFile Conf = RepoConfig.Load("pjsip.conf");

    private static IEnumerable<ConfSection> OfType(string type) =>
        Conf.Sections.Where(s => !s.IsTemplate && Conf.Get(s, "type") == type);

    private static ConfSection Single(string name, string type) =>
        OfType(type).SingleOrDefault(s => s.Name == name) ?? throw new Xunit.Sdk.XunitException($"pjsip.conf has no [{name}] with type = {type}");

    [Fact]
    public void Parses_and_every_section_has_a_type()
    {
        Assert.Empty(Conf.Errors);
        Assert.Empty(Conf.ExecDirectives);
        var untyped = Conf.Sections.Where(s => !s.IsTemplate && Conf.Get(s, "type") is null).Select(s => s.ToString()).ToList();
        Assert.True(untyped.Count == 0, "sections without type: " + string.Join(", ", untyped));
    }

    [Fact]
    public void Has_a_udp_transport()
    {
        Assert.Contains(OfType("transport"), t => Conf.Get(t, "protocol") == "udp" && Conf.Get(t, "bind") is not null);
    }

    [Fact]
    public void Carrier_is_identified_by_ip_and_lands_in_from_carrier()
    {
        var identifies = OfType("identify").ToList();
        Assert.True(identifies.Count > 0, "no type = identify section: the carrier must be recognised by its IP");
        foreach (var id in identifies)
        {
            Assert.True(Conf.GetAll(id, "match").Any(), $"{id}: identify without match =");
            var endpoint = Single(Conf.Get(id, "endpoint") ?? "", "endpoint");
            Assert.Equal("from-carrier", Conf.Get(endpoint, "context"));
            Assert.True(Conf.Get(endpoint, "auth") is null, $"{endpoint}: an IP-identified carrier must not also accept digest auth (a guessed password would be a carrier)");
        }
        var carrier = Single("carrier", "endpoint");
        Assert.True(carrier.Bases.Count > 0, "the carrier endpoint should come from a template (carrier-endpoint)");
        Assert.Equal("no", Conf.Get(carrier, "allow_transfer"));
        Assert.Equal("no", Conf.Get(carrier, "allow_subscribe"));
    }

    [Theory]
    [InlineData("1001")]
    [InlineData("1002")]
    public void Agent_phone_registers_and_authenticates_into_from_agents(string ext)
    {
        var endpoint = Single(ext, "endpoint");
        Assert.Equal("from-agents", Conf.Get(endpoint, "context"));
        Assert.True(endpoint.Bases.Count > 0, $"[{ext}] should use the agent template");
        var aor = Single(Conf.Get(endpoint, "aors") ?? "", "aor");
        Assert.True(int.TryParse(Conf.Get(aor, "max_contacts"), out var max) && max >= 1, $"aor [{aor.Name}] needs max_contacts >= 1 so the phone can register");
        var auth = Single(Conf.Get(endpoint, "auth") ?? "", "auth");
        Assert.Equal(ext, Conf.Get(auth, "username"));
        Assert.StartsWith("CHANGE_ME_", Conf.Get(auth, "password") ?? "");
    }

    [Fact]
    public void Every_endpoint_lands_in_a_known_context_and_needs_auth_unless_identified_by_ip()
    {
        var identified = OfType("identify").Select(i => Conf.Get(i, "endpoint")).ToHashSet();
        foreach (var ep in OfType("endpoint"))
        {
            Assert.True(ep.Name != "anonymous", "an endpoint named `anonymous` would accept unidentified calls");
            var ctx = Conf.Get(ep, "context");
            Assert.True(ctx is "from-carrier" or "from-agents", $"[{ep.Name}] has context {ctx}; endpoints must land in from-carrier or from-agents");
            Assert.True(identified.Contains(ep.Name) || Conf.Get(ep, "auth") is not null, $"[{ep.Name}] is neither identified by IP nor authenticated");
        }
        var global = OfType("global").SingleOrDefault();
        if (global is not null)
            Assert.DoesNotContain("anonymous", Conf.Get(global, "endpoint_identifier_order") ?? "");
    }

    [Fact]
    public void The_carrier_trunk_presents_our_caller_id_and_never_sends_connected_line_updates()
    {
        // Issue 15: the agent's extension must not reach the carrier, neither in the INVITE nor in an UPDATE or
        // re-INVITE when the agent's and the lead's legs are bridged.
        var carrier = Single("carrier", "endpoint");
        Assert.Equal("yes", Conf.Get(carrier, "send_pai"));
        Assert.Equal("no", Conf.Get(carrier, "send_connected_line"));
        Assert.Null(Conf.Get(carrier, "from_user"));
        Assert.Null(Conf.Get(carrier, "callerid"));
    }

    [Fact]
    public void The_carrier_is_not_qualified_so_calls_to_it_never_depend_on_options()
    {
        // Issue 30: a carrier that ignores OPTIONS would be marked Unavailable, and every outbound and emergency call
        // would then fail at once. Qualify is the site's choice, documented in pjsip.conf and docs/asterisk-config.md.
        var aor = Single(Conf.Get(Single("carrier", "endpoint"), "aors") ?? "", "aor");
        Assert.Equal("0", Conf.Get(aor, "qualify_frequency") ?? "0");
    }
}
