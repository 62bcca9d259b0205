using LeadDesk.Store.Outbound;
using LeadDesk.Store.Numbers;
using PhoneNumbers;

namespace LeadDesk.Store.Tests.Outbound;

/// <summary>The dial policy, one row per rule: what an agent may dial and what never reaches a dial string.</summary>
public sealed class DialPolicyTests
{
    private static readonly PhoneNumberNormalizer Finnish = new("FI");
    private static readonly string[] OnlyFinland = ["FI"];

    private static string Example(string region, PhoneNumberType type) =>
        PhoneNumberUtil.GetInstance().Format(PhoneNumberUtil.GetInstance().GetExampleNumberForType(region, type), PhoneNumberFormat.E164);

    [Theory]
    [InlineData("0451234567")]
    [InlineData("045 123 4567")]
    [InlineData("+358451234567")]
    [InlineData("00358451234567")]
    public void A_valid_number_in_an_allowed_region_is_dialled_in_its_E164_form(string dialled) =>
        Assert.Equal(new DialVerdict.Allowed("+358451234567", "FI"), DialPolicy.Check(dialled, Finnish, OnlyFinland));

    [Theory]
    [InlineData("0451234567#")]
    [InlineData("045${EXTEN}")]
    [InlineData("045,1234567")]
    [InlineData("045&1234567")]
    [InlineData("O451234567")]
    [InlineData("045123456+7")]
    [InlineData("")]
    public void A_string_with_anything_a_phone_number_does_not_have_is_not_a_number(string dialled) =>
        Assert.Equal(DialRefusal.NotANumber, Assert.IsType<DialVerdict.Refused>(DialPolicy.Check(dialled, Finnish, OnlyFinland)).Reason);

    [Fact]
    public void More_than_twenty_digits_is_not_a_number_however_it_starts() =>
        Assert.Contains("more than 20 digits",
            Assert.IsType<DialVerdict.Refused>(DialPolicy.Check("+358" + new string('1', 56), Finnish, OnlyFinland)).Detail, StringComparison.Ordinal);

    [Fact]
    public void A_possible_but_invalid_number_is_refused() =>
        Assert.Equal(DialRefusal.NotANumber, Assert.IsType<DialVerdict.Refused>(DialPolicy.Check("+3580000000", Finnish, OnlyFinland)).Reason);

    [Fact]
    public void A_premium_rate_number_is_refused_even_in_an_allowed_region() =>
        Assert.Equal(DialRefusal.PremiumRate,
            Assert.IsType<DialVerdict.Refused>(DialPolicy.Check(Example("FI", PhoneNumberType.PREMIUM_RATE), Finnish, OnlyFinland)).Reason);

    [Fact]
    public void A_shared_cost_number_is_refused_even_in_an_allowed_region()
    {
        // Finland has no shared-cost range in libphonenumber's metadata: take a region that has one, and allow it.
        var util = PhoneNumberUtil.GetInstance();
        var region = util.GetSupportedRegions().Order(StringComparer.Ordinal).First(r => util.GetExampleNumberForType(r, PhoneNumberType.SHARED_COST) is not null);

        var verdict = DialPolicy.Check(Example(region, PhoneNumberType.SHARED_COST), Finnish, ["FI", region]);

        Assert.Equal(DialRefusal.SharedCost, Assert.IsType<DialVerdict.Refused>(verdict).Reason);
    }

    [Fact]
    public void A_valid_number_outside_the_allowed_regions_is_refused_naming_its_region()
    {
        var refused = Assert.IsType<DialVerdict.Refused>(DialPolicy.Check("+46701234567", Finnish, OnlyFinland));
        Assert.Equal(DialRefusal.RegionNotAllowed, refused.Reason);
        Assert.Contains("region SE", refused.Detail, StringComparison.Ordinal);
    }

    [Fact]
    public void The_same_number_is_allowed_once_its_region_is() =>
        Assert.Equal(new DialVerdict.Allowed("+46701234567", "SE"), DialPolicy.Check("+46701234567", Finnish, ["FI", "SE"]));
}
