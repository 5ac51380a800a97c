using CustomerSegmentation.DemoData;
using CustomerSegmentation.Loyalty;
using CustomerSegmentation.Pipeline;
using CustomerSegmentation.Profiling;
using CustomerSegmentation.Scaling;

namespace CustomerSegmentation.Tests.Pipeline;

/// <summary>K-means on RFM: signed logs and z-scores for the clustering, original units for the profiles.</summary>
public sealed class RfmSegmentationTests
{
    [Fact]
    public void RFM_customers_are_segmented_on_log_standardized_values_and_profiled_in_days_orders_and_money()
    {
        RfmResult rfm = new RfmAnalyzer().Analyze(SyntheticTransactions.Generate(600, 7));
        SpendTierAssignment tiers = SpendTiers.Default.Assign(rfm);

        SegmentationResult result = rfm.ToSegmentationPipeline(tiers).ChooseK(2, 8).WithSeed(1).Run();

        Assert.Equal(FeatureScaling.LogStandard, result.Scaler.Method);
        Assert.Equal<string>(RfmResult.FeatureNames, result.Customers.Features.FeatureNames);
        Assert.Equal(rfm.Records.Length, result.Assignments.Count);
        foreach (SegmentProfile profile in result.Profiles)
        {
            var members = rfm.Records.Where((_, i) => result.Assignments[i].Segment == profile.Id).ToList();
            Assert.Equal(members.Average(r => (double)r.Recency), profile["Recency"].Mean, 6);
            Assert.Equal(members.Average(r => (double)r.Monetary), profile["Monetary"].Mean, 2);
            Assert.InRange(profile["Recency"].Centre, profile["Recency"].Min, profile["Recency"].Max);
            Assert.Equal(profile.Size, profile.Categories["RFM segment"].Sum(c => c.Count));
            Assert.Equal(profile.Size, profile.Categories["Spend tier"].Sum(c => c.Count));
        }

        SegmentationModel loaded = SegmentationModel.FromJson(result.Model.ToJson());
        Assert.Equal(FeatureScaling.LogStandard, loaded.Scaler.Method);
        Assert.Equal(result.Assignments.Select(a => a.Segment), loaded.PredictSegments(result.Customers.Features));
    }
}
