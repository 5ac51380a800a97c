using CustomerSegmentation.Clustering;
using CustomerSegmentation.Pipeline;
using CustomerSegmentation.Profiling;
using FsCheck.Xunit;

namespace CustomerSegmentation.Tests.Pipeline;

/// <summary>Laws every segmentation keeps, whatever the customers.</summary>
public sealed class SegmentationProperties
{
    private static SegmentationResult Run(Customers c) => SegmentationPipeline.FromTable(c.Table).WithK(c.K).WithSeed(c.Seed).UseKMeans(new KMeansOptions { NInit = 2 }).Run();

    [Property(Arbitrary = [typeof(PipelineGenerators)], MaxTest = 60)]
    public void Segment_sizes_sum_to_the_customers_and_shares_to_one(Customers customers)
    {
        SegmentationResult result = Run(customers);

        Assert.Equal(customers.Table.RowCount, result.Profiles.Sum(p => p.Size));
        Assert.Equal(1.0, result.Profiles.Sum(p => p.Share), 9);
        Assert.All(result.Profiles, p => Assert.Equal(p.Size, result.Assignments.Count(a => a.Segment == p.Id)));
        Assert.All(result.Profiles, p => Assert.Equal(p.Size, p.Categories["Genre"].Sum(c => c.Count)));
    }

    [Property(Arbitrary = [typeof(PipelineGenerators)], MaxTest = 60)]
    public void A_profiles_mean_is_the_mean_of_its_members(Customers customers)
    {
        SegmentationResult result = Run(customers);
        var features = customers.Table.Features;

        foreach (SegmentProfile profile in result.Profiles.Where(p => p.Size > 0))
        {
            int[] members = [.. result.Assignments.Select((a, i) => (a, i)).Where(p => p.a.Segment == profile.Id).Select(p => p.i)];
            for (int j = 0; j < features.FeatureCount; j++)
            {
                double mean = members.Average(i => (double)features[i, j]);
                Assert.Equal(mean, profile.Features[j].Mean, 9);
                Assert.InRange(profile.Features[j].Median, profile.Features[j].Min, profile.Features[j].Max);
            }
        }
    }

    [Property(Arbitrary = [typeof(PipelineGenerators)], MaxTest = 60)]
    public void A_saved_and_loaded_model_predicts_exactly_like_the_fitted_one(Customers customers)
    {
        SegmentationResult result = Run(customers);
        SegmentationModel loaded = SegmentationModel.FromJson(result.Model.ToJson());

        int[] fitted = [.. result.Assignments.Select(a => a.Segment)];
        Assert.Equal(fitted, result.Model.PredictSegments(customers.Table.Features));
        Assert.Equal(fitted, loaded.PredictSegments(customers.Table.Features));
        for (int i = 0; i < customers.Table.RowCount; i++)
        {
            Assert.Equal(fitted[i], loaded.PredictSegment(customers.Table.Features.GetRow(i)));
        }

        Assert.Equal(result.Model.ToJson(), loaded.ToJson());
    }
}
