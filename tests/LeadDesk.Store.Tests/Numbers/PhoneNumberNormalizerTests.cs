using LeadDesk.Store;
using LeadDesk.Store.Numbers;

namespace LeadDesk.Store.Tests.Numbers;

public class PhoneNumberNormalizerTests
{
    private readonly PhoneNumberNormalizer _fi = new();

    [Theory]
    [InlineData("+358401234567", "+358401234567")]
    [InlineData("+358 40 123 4567", "+358401234567")]
    [InlineData("358401234567", "+358401234567")]
    [InlineData("0401234567", "+358401234567")]
    [InlineData("040-123 4567", "+358401234567")]
    [InlineData("+46701234567", "+46701234567")]
    [InlineData("4915112345678", "+4915112345678")]
    public void Carrier_and_admin_forms_become_e164(string input, string expected) =>
        Assert.Equal(expected, _fi.Normalize(input));

    [Fact]
    public void The_default_region_is_fi_and_configurable()
    {
        Assert.Equal("FI", new PhoneNumberNormalizer(null).DefaultRegion);
        Assert.Equal("+46701234567", new PhoneNumberNormalizer("SE").Normalize("0701234567"));
    }

    [Theory]
    [InlineData("")]
    [InlineData("abc")]
    [InlineData("'; DROP TABLE inbound_numbers; --")]
    [InlineData("0401234567 OR 1=1")]
    [InlineData("+358401234567\n")]
    [InlineData("040\u00001234567")]
    [InlineData("+999123456789")]
    [InlineData("12")]
    [InlineData("++358401234567")]
    public void Hostile_or_broken_input_is_refused_with_a_reason(string input)
    {
        Assert.False(_fi.TryNormalize(input, out var e164, out var reason));
        Assert.Null(e164);
        Assert.False(string.IsNullOrWhiteSpace(reason));
        Assert.DoesNotContain('\n', reason);
        Assert.Throws<RoutingRefusedException>(() => _fi.Normalize(input));
    }

    [Fact]
    public void A_10_kb_argument_is_refused_and_not_echoed_in_full()
    {
        var huge = new string('1', 10_240);
        Assert.False(_fi.TryNormalize(huge, out _, out var reason));
        Assert.True(reason.Length < 200);
    }

    [Fact]
    public void Caller_ids_that_cannot_be_normalised_are_kept_as_sent()
    {
        Assert.True(_fi.TryNormalizeCaller("0401234567", out var normal));
        Assert.Equal("+358401234567", normal);
        Assert.False(_fi.TryNormalizeCaller("anonymous", out var raw));
        Assert.Equal("anonymous", raw);
    }

    [Fact]
    public void An_unknown_region_is_a_configuration_error() =>
        Assert.Throws<ArgumentException>(() => new PhoneNumberNormalizer("XX"));
}
