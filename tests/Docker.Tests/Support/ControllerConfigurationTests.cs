namespace Docker.Tests.Support;

/// <summary>The key list the compose and Dockerfile checks rely on is the controller's, read from its assemblies.</summary>
public sealed class ControllerConfigurationTests
{
    [Theory]
    [InlineData("Ari__BaseUrl")]
    [InlineData("Routing__RingTimeoutSeconds")]
    [InlineData("Greeting__KeyTimeout")]
    [InlineData("Voicemail__PollInterval")]
    [InlineData("Smtp__Host")]
    [InlineData("Health__Url")]
    [InlineData("Database__Path")]
    [InlineData("Logging__LogLevel__Default")]
    [InlineData("DOTNET_gcServer")]
    public void Keys_the_controller_binds_are_accepted(string name) => Assert.Null(ControllerConfiguration.Problem(name));

    [Theory]
    [InlineData("Routing__RingTimeout", "Routing options have no property RingTimeout")]
    [InlineData("Greetings__KeyTimeout", "no section Greetings")]
    [InlineData("ARI_BASEURL", "not Section__Key")]
    public void Keys_it_does_not_read_are_named_with_the_reason(string name, string reason) =>
        Assert.Contains(reason, ControllerConfiguration.Problem(name), StringComparison.Ordinal);

    [Fact]
    public void Every_options_section_of_the_controller_is_found()
    {
        Assert.Superset(
            new HashSet<string>(["Ari", "Routing", "Greeting", "Voicemail", "Smtp", "Health", "Database"], StringComparer.Ordinal),
            ControllerConfiguration.Sections.Keys.ToHashSet(StringComparer.Ordinal));
    }
}
