namespace LeadDesk.Routing.Tests;

public class ToolchainTests
{
    [Fact]
    public void Runs() => Assert.True(Environment.ProcessorCount > 0);

    [Fact]
    public void SkipsDynamically() => Assert.Skip("checking dynamic skip");
}
