using CustomerSegmentation.Data;
using CustomerSegmentation.Profiling;
using CustomerSegmentation.Scaling;
using CustomerSegmentation.Tests.Scaling;

using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CustomerSegmentation.Tests.Profiling;

/// <summary>Customers (2 to 40, 1 to 3 features from integers, some features constant) and labels into 1 to 4 clusters, none empty.</summary>
public sealed record ProfileCase(FeatureMatrix Data, int[] Labels, int Clusters)
{
    public override string ToString()
        => $"K = {Clusters}, labels [{string.Join(" ", Labels)}], {Data.RowCount}x{Data.FeatureCount}: [{string.Join("; ", Enumerable.Range(0, Data.FeatureCount).Select(j => string.Join(" ", Data.Column(j).ToArray())))}]";
}

public static class ProfileGenerators
{
    public static Arbitrary<ProfileCase> Cases()
    {
        Gen<ProfileCase> gen =
            from n in Gen.Choose(2, 40)
            from d in Gen.Choose(1, 3)
            from k in Gen.Choose(1, Math.Min(4, n))
            from columns in ScalingGenerators.Column(n).ArrayOf(d)
            from rest in Gen.Choose(0, k - 1).ArrayOf(n)
            select new ProfileCase(
                FeatureMatrix.FromColumns([.. columns], [.. Enumerable.Range(0, d).Select(j => $"f{j}")]),
                [.. Enumerable.Range(0, n).Select(i => i < k ? i : rest[i])],
                k);
        return Arb.From(gen);
    }
}

public sealed class SegmentProfileProperties
{
    [Property(Arbitrary = [typeof(ProfileGenerators)], MaxTest = 200)]
    public void A_segments_z_score_is_the_mean_of_its_customers_standardized_values(ProfileCase c)
    {
        FeatureMatrix data = c.Data;
        FeatureMatrix standardized = FeatureScaler.Fit(data, FeatureScaling.Standard).Transform(data);
        double[][] centres = [.. Enumerable.Range(0, c.Clusters).Select(_ => new double[data.FeatureCount])];

        var profiles = SegmentProfiler.Profile(CustomerTable.FromFeatures(data), c.Labels, centres, []);

        foreach (SegmentProfile profile in profiles)
        {
            int[] rows = [.. Enumerable.Range(0, data.RowCount).Where(i => c.Labels[i] == profile.Cluster)];
            for (int j = 0; j < data.FeatureCount; j++)
            {
                double[] scaled = [.. rows.Select(i => (double)standardized[i, j])];
                // The standardized values are stored as float32: allow their rounding, relative to their size.
                double tolerance = 1e-6 * (1 + scaled.Max(Math.Abs));
                Assert.Equal(scaled.Average(), profile.Features[j].ZScore, tolerance);
            }
        }
    }
}
