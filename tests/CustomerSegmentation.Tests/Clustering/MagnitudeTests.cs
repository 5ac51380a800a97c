using CustomerSegmentation.Clustering;
using CustomerSegmentation.Data;
using CustomerSegmentation.Pipeline;

namespace CustomerSegmentation.Tests.Clustering;

/// <summary>
/// Unscaled data whose squared distances would overflow float32 is rejected with a message naming the feature and a
/// scaling, never clustered into a silently wrong partition; ordinary large magnitudes still cluster.
/// </summary>
public sealed class MagnitudeTests
{
    /// <summary>Two well separated groups of 500 rows each, in units of <paramref name="magnitude"/>, plus a small second feature.</summary>
    private static FeatureMatrix TwoGroups(double magnitude)
    {
        var big = new double[1000];
        var small = new double[1000];
        for (int i = 0; i < big.Length; i++)
        {
            double jitter = (i % 7) * 0.01;
            big[i] = (i < 500 ? 0.1 + jitter : 0.9 + jitter) * magnitude;
            small[i] = i % 3;
        }

        return FeatureMatrix.FromColumns([big, small], ["amount", "visits"]);
    }

    public static TheoryData<double> Overflowing => [1e30, 3e38];

    public static TheoryData<double> Ordinary => [1e6, 1e10, 1e15];

    [Theory]
    [MemberData(nameof(Overflowing))]
    public void KMeans_rejects_magnitudes_whose_squared_distances_overflow(double magnitude)
    {
        var error = Assert.Throws<ArgumentException>(() => new KMeansClusterer(new KMeansOptions { K = 2, Seed = 1 }).Fit(TwoGroups(magnitude)));
        Assert.Contains("'amount'", error.Message);
        Assert.DoesNotContain("'visits'", error.Message);
        Assert.Contains("float32", error.Message);
        Assert.Contains("Standard", error.Message);
        Assert.Equal("data", error.ParamName);
    }

    [Theory]
    [MemberData(nameof(Overflowing))]
    public void MiniBatch_rejects_magnitudes_whose_squared_distances_overflow(double magnitude)
    {
        var error = Assert.Throws<ArgumentException>(() => new MiniBatchKMeans(new MiniBatchKMeansOptions { K = 2, Seed = 1 }).Fit(TwoGroups(magnitude)));
        Assert.Contains("'amount'", error.Message);
        Assert.Contains("MinMax", error.Message);
    }

    [Theory]
    [MemberData(nameof(Overflowing))]
    public void Pipeline_without_scaling_rejects_them_and_names_the_scalings(double magnitude)
    {
        SegmentationPipeline pipeline = SegmentationPipeline.FromMatrix(TwoGroups(magnitude)).WithoutScaling().WithK(2).WithSeed(3);
        var error = Assert.Throws<ArgumentException>(() => pipeline.Run());
        Assert.Contains("'amount'", error.Message);
        Assert.Contains("Standardize()", error.Message);
        Assert.Contains("ScaleMinMax()", error.Message);
    }

    [Theory]
    [MemberData(nameof(Overflowing))]
    public void Pipeline_with_standardising_clusters_the_same_data(double magnitude)
    {
        SegmentationResult result = SegmentationPipeline.FromMatrix(TwoGroups(magnitude)).Standardize().WithK(2).WithSeed(3).Run();
        Assert.Equal([500, 500], result.Profiles.Select(p => p.Size).Order().ToArray());
    }

    [Theory]
    [MemberData(nameof(Ordinary))]
    public void Ordinary_large_magnitudes_still_cluster_unscaled(double magnitude)
    {
        ClusteringResult kmeans = new KMeansClusterer(new KMeansOptions { K = 2, Seed = 1 }).Fit(TwoGroups(magnitude));
        Assert.Equal([500, 500], kmeans.ClusterSizes.Order().ToArray());
        ClusteringResult miniBatch = new MiniBatchKMeans(new MiniBatchKMeansOptions { K = 2, Seed = 1 }).Fit(TwoGroups(magnitude));
        Assert.Equal([500, 500], miniBatch.ClusterSizes.Order().ToArray());
        SegmentationResult pipeline = SegmentationPipeline.FromMatrix(TwoGroups(magnitude)).WithoutScaling().WithK(2).WithSeed(3).Run();
        Assert.Equal([500, 500], pipeline.Profiles.Select(p => p.Size).Order().ToArray());
    }

    [Theory]
    [MemberData(nameof(Overflowing))]
    public void Predicting_new_rows_far_beyond_the_fitted_range_is_refused_not_sent_to_the_first_centre(double magnitude)
    {
        FeatureMatrix fitted = TwoGroups(1e3);
        ClusteringResult result = new KMeansClusterer(new KMeansOptions { K = 2, Seed = 1 }).Fit(fitted);
        SegmentationModel model = SegmentationPipeline.FromMatrix(fitted).WithoutScaling().WithK(2).Run().Model;
        FeatureMatrix far = FeatureMatrix.FromRows([[magnitude, 1], [-magnitude, 2]], ["amount", "visits"]);

        var direct = Assert.Throws<ArgumentException>(() => result.Predict(far));
        var throughModel = Assert.Throws<ArgumentException>(() => model.PredictSegments(far));
        var oneCustomer = Assert.Throws<ArgumentException>(() => model.PredictSegment([magnitude, 1]));

        Assert.All(new[] { direct, throughModel, oneCustomer }, e => Assert.Contains("'amount'", e.Message));
        Assert.Contains("float32", direct.Message);
        Assert.Equal(result.Labels.ToArray(), result.Predict(fitted));
    }
}
