using System.Globalization;

namespace CustomerSegmentation.Clustering;

/// <summary>Initial centres given explicitly, in the data's units.</summary>
internal sealed class CentroidInitialization : KMeansInitialization
{
    private readonly double[,] _centroids;

    internal CentroidInitialization(double[,] centroids)
    {
        ArgumentNullException.ThrowIfNull(centroids);
        if (centroids.GetLength(0) == 0 || centroids.GetLength(1) == 0)
        {
            throw new ArgumentException("The initial centroids array is empty; give one row per cluster and one column per feature.", nameof(centroids));
        }

        for (int k = 0; k < centroids.GetLength(0); k++)
        {
            for (int j = 0; j < centroids.GetLength(1); j++)
            {
                if (!double.IsFinite(centroids[k, j]))
                {
                    throw new ArgumentException(
                        $"Initial centroid {k}, feature {j} is {centroids[k, j].ToString(CultureInfo.InvariantCulture)}; centroids must be finite.",
                        nameof(centroids));
                }
            }
        }

        _centroids = (double[,])centroids.Clone();
    }

    /// <summary>The number of centroids (must equal <see cref="KMeansOptions.K"/>).</summary>
    public int ClusterCount => _centroids.GetLength(0);

    /// <summary>The number of features each centroid has (must equal the data's).</summary>
    public int FeatureCount => _centroids.GetLength(1);

    /// <summary>One coordinate of an initial centroid, in the data's units.</summary>
    public double this[int cluster, int feature] => _centroids[cluster, feature];

    /// <inheritdoc />
    public override string ToString() => $"{ClusterCount} given centroids";

    internal override double[] Choose(KMeansInput input, int clusters, System.Random random, CancellationToken cancellationToken)
    {
        if (FeatureCount != input.FeatureCount)
        {
            throw new ArgumentException(
                $"The initial centroids have {FeatureCount} features but the data has {input.FeatureCount} ({string.Join(", ", input.Matrix.FeatureNames)}).",
                "data");
        }

        var centres = new double[clusters * FeatureCount];
        for (int k = 0; k < clusters; k++)
        {
            for (int j = 0; j < FeatureCount; j++)
            {
                centres[(k * FeatureCount) + j] = _centroids[k, j] - input.Offset[j];
            }
        }

        return centres;
    }
}
