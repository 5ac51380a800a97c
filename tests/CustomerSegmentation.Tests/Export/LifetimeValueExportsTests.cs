using System.Text.Json;

using CustomerSegmentation.DemoData;
using CustomerSegmentation.Export;
using CustomerSegmentation.Loyalty;
using CustomerSegmentation.Pipeline;

namespace CustomerSegmentation.Tests.Export;

public sealed class LifetimeValueExportsTests
{
    private static readonly LifetimeValueResult Result = new LifetimeValueAnalyzer().Analyze(
        SyntheticLifetimes.Simulate(new BgNbdParameters(0.25, 4.4, 0.8, 2.4), new GammaGammaParameters(6, 4, 15), 500, 3));

    [Fact]
    public void Customers_csv_has_a_header_and_one_row_per_customer_that_reads_back()
    {
        var writer = new StringWriter();
        Result.WriteCustomersCsv(writer);
        string[] lines = writer.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

        Assert.Equal(501, lines.Length);
        Assert.Equal("CustomerId,Frequency,Recency,T,ProbabilityAlive,ExpectedPurchases,ExpectedAverageSpend,Clv", lines[0]);
        string[] first = lines[1].Split(',');
        Assert.Equal(Result.Customers[0].CustomerId, first[0]);
        Assert.Equal(Result.Customers[0].Clv, double.Parse(first[7], System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void Json_holds_the_customers_and_the_fitted_parameters()
    {
        using JsonDocument customers = JsonDocument.Parse(Result.ToCustomersJson());
        using JsonDocument model = JsonDocument.Parse(Result.ToModelJson());

        Assert.Equal(500, customers.RootElement.GetArrayLength());
        Assert.Equal(Result.Customers[1].ProbabilityAlive, customers.RootElement[1].GetProperty("probabilityAlive").GetDouble());
        Assert.Equal("Weeks", model.RootElement.GetProperty("unit").GetString());
        JsonElement r = model.RootElement.GetProperty("bgNbd").GetProperty("parameters")[0];
        Assert.Equal("r", r.GetProperty("name").GetString());
        Assert.Equal(Result.Purchases.Parameters.R, r.GetProperty("value").GetDouble());
        Assert.Equal(Result.Spend.SpendFrequencyCorrelation, model.RootElement.GetProperty("gammaGamma").GetProperty("spendFrequencyCorrelation").GetDouble());
    }

    [Fact]
    public void The_values_segment_through_the_pipeline_by_clv_p_alive_and_recency()
    {
        SegmentationResult segments = Result.ToSegmentationPipeline().WithK(3).WithSeed(1).Run();

        Assert.Equal(3, segments.K);
        Assert.Equal(["CLV", "P(alive)", "Recency"], segments.Model.FeatureNames.ToArray());
        Assert.Equal(500, segments.Profiles.Sum(p => p.Size));
    }
}
