using CustomerSegmentation.Loyalty;

namespace CustomerSegmentation.Tests.Loyalty.Tiers;

public sealed class SpendTiersTests
{
    [Theory]
    [InlineData("-10", "Bronze")]
    [InlineData("0", "Bronze")]
    [InlineData("999.99", "Bronze")]
    [InlineData("1000", "Silver")]
    [InlineData("2499.99", "Silver")]
    [InlineData("2500", "Gold")]
    [InlineData("4999.99", "Gold")]
    [InlineData("5000", "Platinum")]
    public void Default_bands_have_inclusive_lower_bounds(string spend, string tier) =>
        Assert.Equal(tier, SpendTiers.Default.TierOf(decimal.Parse(spend, System.Globalization.CultureInfo.InvariantCulture)).Name);

    [Fact]
    public void Fixture_customers_are_tiered_and_summarised()
    {
        RfmResult result = new RfmAnalyzer().Analyze(RfmFixture.Read());
        SpendTierAssignment tiers = SpendTiers.Default.Assign(result);

        // Annualised over 91 days: A 2005.49 and D 1203.30 Silver, G 3609.89 Gold; Bronze B 200.55 + C, E, H 601.65 each + F 320.88 + I 160.44 + J 80.22 = 2567.04.
        Assert.Equal<string>(["Silver", "Bronze", "Bronze", "Silver", "Bronze", "Bronze", "Gold", "Bronze", "Bronze", "Bronze"], tiers.Tiers);
        Assert.Equal<string>(result.CustomerIds, tiers.CustomerIds);
        Assert.Equal(
            [(7, 0.7, 640m, 2567.04m, (decimal?)1000m), (2, 0.2, 800m, 3208.79m, 2500m), (1, 0.1, 900m, 3609.89m, 5000m), (0, 0d, 0m, 0m, null)],
            tiers.Summaries.Select(s => (s.CustomerCount, s.Share, s.TotalMonetary, s.TotalAnnualisedSpend, s.UpperBound)));
    }

    [Fact]
    public void Invalid_bands_are_rejected_naming_the_tier()
    {
        Assert.Contains("At least one", Assert.Throws<ArgumentException>(() => new SpendTiers([])).Message, StringComparison.Ordinal);
        Assert.Contains("'Gold' starts at 2,500; it must start at 0", Assert.Throws<ArgumentException>(() => new SpendTiers([new("Gold", 2500m)])).Message, StringComparison.Ordinal);
        Assert.Contains(
            "'Silver' starts at 1,000, not above 'Gold' at 2,500",
            Assert.Throws<ArgumentException>(() => new SpendTiers([new("Basic", 0m), new("Gold", 2500m), new("Silver", 1000m)])).Message,
            StringComparison.Ordinal);
        Assert.Contains("'gold' appears twice", Assert.Throws<ArgumentException>(() => new SpendTiers([new("Gold", 0m), new("gold", 10m)])).Message, StringComparison.Ordinal);
        Assert.Contains("tier 1 has a blank name", Assert.Throws<ArgumentException>(() => new SpendTiers([new("Basic", 0m), new(" ", 10m)])).Message, StringComparison.Ordinal);
        Assert.Throws<ArgumentNullException>(() => new SpendTiers([new("Basic", 0m), null!]));
    }
}
