using AsteriskConfig.Tests.Parsing;

namespace AsteriskConfig.Tests;

/// <summary>modules.conf: what LeadDesk needs is loaded; nothing that opens a hole is.</summary>
public class ModulesConfigTests
{
    private static readonly AsteriskConfigFile Conf = RepoConfig.Load("modules.conf");
    private static ConfSection Modules => Conf.First("modules") ?? throw new InvalidOperationException("modules.conf has no [modules]");

    /// <summary>Modules listed with load / require / preload (preload-require).</summary>
    public static HashSet<string> LoadedModules() =>
        Modules.Entries.Where(e => e.Key is "load" or "require" or "preload" or "preload-require").Select(e => e.Value).ToHashSet(StringComparer.Ordinal);

    private static HashSet<string> NotLoaded() =>
        Modules.Entries.Where(e => e.Key == "noload").Select(e => e.Value).ToHashSet(StringComparer.Ordinal);

    [Fact]
    public void Autoload_is_off_so_only_listed_modules_load()
    {
        Assert.Empty(Conf.Errors);
        Assert.True(Conf.Get(Modules, "autoload") == "no",
            "modules.conf must say autoload = no: with autoload every installed module (chan_iax2, pbx_dundi, func_shell, ...) would load");
    }

    [Theory]
    // ARI and Stasis
    [InlineData("res_http_websocket.so")]
    [InlineData("res_stasis.so")]
    [InlineData("res_stasis_answer.so")]
    [InlineData("res_stasis_playback.so")]
    [InlineData("res_stasis_recording.so")]
    [InlineData("res_stasis_snoop.so")]
    [InlineData("res_ari.so")]
    [InlineData("res_ari_model.so")]
    [InlineData("res_ari_applications.so")]
    [InlineData("res_ari_asterisk.so")]
    [InlineData("res_ari_bridges.so")]
    [InlineData("res_ari_channels.so")]
    [InlineData("res_ari_endpoints.so")]
    [InlineData("res_ari_events.so")]
    [InlineData("res_ari_playbacks.so")]
    [InlineData("res_ari_recordings.so")]
    [InlineData("res_ari_sounds.so")]
    [InlineData("app_stasis.so")]
    // SIP
    [InlineData("res_sorcery_config.so")]
    [InlineData("res_sorcery_memory.so")]
    [InlineData("res_sorcery_astdb.so")]
    [InlineData("res_pjproject.so")]
    [InlineData("res_pjsip.so")]
    [InlineData("res_pjsip_session.so")]
    [InlineData("res_pjsip_pubsub.so")]
    [InlineData("chan_pjsip.so")]
    [InlineData("res_pjsip_sdp_rtp.so")]
    [InlineData("res_rtp_asterisk.so")]
    [InlineData("res_pjsip_authenticator_digest.so")]
    [InlineData("res_pjsip_endpoint_identifier_ip.so")]
    [InlineData("res_pjsip_endpoint_identifier_user.so")]
    [InlineData("res_pjsip_registrar.so")]
    // dialplan, queue, media
    [InlineData("pbx_config.so")]
    [InlineData("app_queue.so")]
    [InlineData("app_playtones.so")]
    [InlineData("res_musiconhold.so")]
    [InlineData("res_timing_timerfd.so")]
    [InlineData("bridge_simple.so")]
    [InlineData("bridge_native_rtp.so")]
    [InlineData("bridge_softmix.so")]
    [InlineData("bridge_holding.so")]
    [InlineData("codec_ulaw.so")]
    [InlineData("codec_alaw.so")]
    [InlineData("format_wav.so")]
    [InlineData("format_gsm.so")]
    [InlineData("format_pcm.so")]
    public void Needed_module_is_loaded(string module) =>
        Assert.True(LoadedModules().Contains(module), $"modules.conf must load {module} (autoload is off)");

    [Theory]
    [InlineData("chan_sip.so")]
    [InlineData("chan_iax2.so")]
    [InlineData("chan_unistim.so")]
    [InlineData("chan_skinny.so")]
    [InlineData("chan_mgcp.so")]
    [InlineData("chan_websocket.so")]
    [InlineData("pbx_dundi.so")]
    [InlineData("pbx_lua.so")]
    [InlineData("pbx_ael.so")]
    [InlineData("pbx_realtime.so")]
    [InlineData("pbx_spool.so")]
    [InlineData("res_agi.so")]
    [InlineData("res_pjsip_transport_websocket.so")]
    [InlineData("res_pjsip_messaging.so")]
    [InlineData("res_phoneprov.so")]
    [InlineData("res_xmpp.so")]
    [InlineData("app_system.so")]
    [InlineData("app_exec.so")]
    [InlineData("app_originate.so")]
    [InlineData("app_disa.so")]
    [InlineData("func_shell.so")]
    [InlineData("func_env.so")]
    [InlineData("res_manager_devicestate.so")]
    public void Dangerous_module_is_not_loaded(string module) =>
        Assert.False(LoadedModules().Contains(module), $"modules.conf loads {module}: it opens a port or lets a call/file run programs");

    [Fact]
    public void Func_curl_is_there_only_for_the_realtime_queue_members_and_no_dialplan_calls_curl()
    {
        // CURL() in a dialplan fed with caller data is a request forgery: loaded only because res_config_curl
        // (the queue members from the controller) needs it, and the shipped dialplan never calls it.
        Assert.True(LoadedModules().Contains("res_config_curl.so"), "func_curl.so is loaded for res_config_curl.so only");
        var dialplan = File.ReadAllText(Path.Combine(RepoConfig.Directory, "extensions.conf"));
        Assert.DoesNotContain("CURL(", dialplan, StringComparison.OrdinalIgnoreCase);
        var realtime = RepoConfig.Load("extconfig.conf");
        var settings = realtime.First("settings") ?? throw new Xunit.Sdk.XunitException("extconfig.conf has no [settings]");
        var mappings = realtime.GetAll(settings, "queue_members");
        var mapping = Assert.Single(mappings);
        Assert.Equal("curl,http://127.0.0.1:8090/realtime/queue_members", mapping);
        Assert.Single(settings.Entries);
    }

    [Theory]
    [InlineData("app_system.so")]
    [InlineData("func_shell.so")]
    [InlineData("pbx_lua.so")]
    [InlineData("pbx_ael.so")]
    [InlineData("pbx_spool.so")]
    [InlineData("res_agi.so")]
    [InlineData("chan_iax2.so")]
    [InlineData("pbx_dundi.so")]
    public void Most_dangerous_modules_are_also_noloaded_in_case_autoload_is_switched_on(string module) =>
        Assert.True(NotLoaded().Contains(module), $"modules.conf should say `noload => {module}`");

    [Fact]
    public void AMI_is_disabled_or_on_loopback()
    {
        var manager = RepoConfig.Load("manager.conf");
        var general = manager.First("general") ?? throw new InvalidOperationException("manager.conf has no [general]");
        var enabled = manager.Get(general, "enabled") ?? "no";
        var bind = manager.Get(general, "bindaddr") ?? "0.0.0.0";
        Assert.True(IsNo(enabled) || bind is "127.0.0.1" or "::1",
            $"manager.conf: AMI is enabled = {enabled} on bindaddr {bind}; keep it off, or on loopback");
        Assert.True(IsNo(manager.Get(general, "webenabled") ?? "no"), "manager.conf: webenabled would expose AMI over the ARI HTTP server");
        var users = manager.Sections.Where(s => !s.IsTemplate && s.Name != "general").Select(s => s.Name).ToList();
        Assert.True(users.Count == 0 || IsNo(enabled), "manager.conf defines AMI users: " + string.Join(", ", users));
    }

    internal static bool IsNo(string v) => v.Trim().ToLowerInvariant() is "no" or "false" or "0" or "off" or "n";
}
