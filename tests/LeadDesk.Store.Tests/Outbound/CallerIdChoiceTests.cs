using LeadDesk.Store.Numbers;
using LeadDesk.Store.Outbound;
using LeadDesk.Store.Routes;

namespace LeadDesk.Store.Tests.Outbound;

/// <summary>The caller-ID order, one row each: card, then campaign, then default; only owned inventory numbers.</summary>
public sealed class CallerIdChoiceTests
{
    private const string Card = "+358401000001";
    private const string CampaignNumber = "+358401000002";
    private const string Default = "+358401000003";

    private static Func<string, InboundNumber?> Inventory(params (string Number, bool Owned)[] numbers) =>
        n => numbers.Where(x => x.Number == n).Select(x => new InboundNumber(x.Number, null, x.Owned, DestinationType.Unassigned, null, null, null)).FirstOrDefault();

    private static readonly Func<string, InboundNumber?> AllOwned = Inventory((Card, true), (CampaignNumber, true), (Default, true));

    [Fact]
    public void The_cards_caller_id_comes_first()
    {
        var d = CallerIdChoice.Choose(new CallerIdInputs(Card, "sales", CampaignNumber, null, Default), AllOwned);
        Assert.Equal((Card, CallerIdSource.Card), (d.Number, d.Source));
    }

    [Fact]
    public void Without_a_card_caller_id_the_campaigns_is_used()
    {
        var d = CallerIdChoice.Choose(new CallerIdInputs(null, "sales", CampaignNumber, null, Default), AllOwned);
        Assert.Equal((CampaignNumber, CallerIdSource.Campaign), (d.Number, d.Source));
    }

    [Fact]
    public void Without_card_or_campaign_the_company_default_is_used()
    {
        var d = CallerIdChoice.Choose(new CallerIdInputs(null, null, null, null, Default), AllOwned);
        Assert.Equal((Default, CallerIdSource.Default), (d.Number, d.Source));
    }

    [Fact]
    public void With_none_the_call_is_refused()
    {
        var d = CallerIdChoice.Choose(new CallerIdInputs(null, null, null, null, null), AllOwned);
        Assert.True(d.Refused);
        Assert.Null(d.Source);
    }

    [Fact]
    public void A_number_marked_not_owned_is_passed_over_for_the_next_and_the_reason_kept()
    {
        var d = CallerIdChoice.Choose(new CallerIdInputs(Card, "sales", CampaignNumber, null, Default), Inventory((Card, false), (CampaignNumber, true)));
        Assert.Equal(CampaignNumber, d.Number);
        Assert.Contains(d.Skipped, s => s.Contains("not owned", StringComparison.Ordinal));
    }

    [Fact]
    public void A_number_no_longer_in_the_inventory_is_passed_over()
    {
        var d = CallerIdChoice.Choose(new CallerIdInputs(Card, null, null, null, Default), Inventory((Default, true)));
        Assert.Equal(Default, d.Number);
        Assert.Contains(d.Skipped, s => s.Contains("not in the number inventory", StringComparison.Ordinal));
    }

    [Fact]
    public void When_every_candidate_is_unusable_the_call_is_refused_saying_why()
    {
        var d = CallerIdChoice.Choose(new CallerIdInputs(Card, "sales", CampaignNumber, null, Default), Inventory((Card, false), (CampaignNumber, false), (Default, false)));
        Assert.True(d.Refused);
        Assert.Equal(3, d.Skipped.Count);
    }

    [Fact]
    public void The_caller_name_is_the_campaigns_or_empty_never_the_agents()
    {
        Assert.Equal("Acme", CallerIdChoice.Choose(new CallerIdInputs(null, "sales", CampaignNumber, "Acme", null), AllOwned).CallerName);
        Assert.Equal("", CallerIdChoice.Choose(new CallerIdInputs(Card, null, null, null, null), AllOwned).CallerName);
    }
}
