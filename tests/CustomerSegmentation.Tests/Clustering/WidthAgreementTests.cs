using CustomerSegmentation.Clustering;
using CustomerSegmentation.Clustering.Kernels;
using CustomerSegmentation.Data;

namespace CustomerSegmentation.Tests.Clustering;

/// <summary>
/// A whole fit at every vector width this machine runs gives the scalar width's labels (the kernels themselves are
/// tested in CustomerSegmentation.Kernels.Tests). CI reruns this class with AVX-512, AVX2 and all hardware intrinsics off.
/// </summary>
[Trait("Category", "Kernel")]
public sealed class WidthAgreementTests
{
    public static TheoryData<int, int> WidthsAndFeatures()
    {
        var data = new TheoryData<int, int>();
        foreach (VectorWidth width in VectorWidths.Supported)
        {
            for (int d = 1; d <= 20; d++)
            {
                data.Add((int)width, d);
            }
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(WidthsAndFeatures))]
    public void Every_width_gives_the_same_labels(int lanes, int features)
    {
        var width = (VectorWidth)lanes;
        double[][] rows = RandomData.Blobs(300, features, 4, seed: features);
        FeatureMatrix matrix = RandomData.Matrix(rows);
        var options = new KMeansOptions { K = 4, Seed = 7 };

        ClusteringResult scalar = new KMeansClusterer(options, VectorWidth.Scalar).Fit(matrix);
        ClusteringResult vector = new KMeansClusterer(options, width).Fit(matrix);

        Assert.Equal(scalar.Labels.ToArray(), vector.Labels.ToArray());
        Assert.Equal(scalar.Inertia, vector.Inertia, scalar.Inertia * 1e-9);
    }
}
