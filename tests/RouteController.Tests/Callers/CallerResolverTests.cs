using LeadDesk.Ari.Client.Models;
using LeadDesk.RouteController.Callers;
using LeadDesk.Store.Numbers;

namespace RouteController.Tests.Callers;

public class CallerResolverTests
{
    private static readonly CallerResolver Resolver = new(new PhoneNumberNormalizer("FI"));

    [Theory]
    [InlineData("358451112233", "+358451112233")]
    [InlineData("0451112233", "+358451112233")]
    [InlineData("1001", "1001")]
    [InlineData("sipp", "anonymous")]
    [InlineData("", "anonymous")]
    public void Normalises_where_it_can_and_lets_the_rule_decide(string number, string shown) =>
        Assert.Equal(shown, Resolver.Resolve(new CallerId { Number = number, Name = "sipp" }).Shown);

    [Fact]
    public void No_caller_id_at_all_is_anonymous() =>
        Assert.True(Resolver.Resolve(null).IsAnonymous);
}
