using System.Runtime.InteropServices;
using CustomerSegmentation.Data;
using MathNet.Numerics.Random;

namespace CustomerSegmentation.Selection;

/// <summary>
/// Where the gap statistic's reference data sets come from (Tibshirani, Walther &amp; Hastie 2001): data with no
/// clusters, spread over the same region as the customers. A new choice is a new subclass.
/// </summary>
public abstract class GapReference
{
    private protected GapReference()
    {
    }

    /// <summary>Uniform over the bounding box of the features (each feature between its minimum and maximum). The default.</summary>
    public static GapReference BoundingBox { get; } = new BoundingBoxReference();

    /// <summary>
    /// Uniform over the box aligned with the principal components of the features (Tibshirani et al.'s second choice),
    /// which follows the shape of the data when its features are correlated.
    /// </summary>
    public static GapReference PrincipalComponents { get; } = new PrincipalComponentsReference();

    /// <summary>The choice's name, e.g. "BoundingBox".</summary>
    public abstract string Name { get; }

    /// <summary>The choice in words, for reasons, e.g. "uniform over the bounding box".</summary>
    internal abstract string Description { get; }

    /// <summary>The name.</summary>
    /// <returns><see cref="Name"/>.</returns>
    public override string ToString() => Name;

    /// <summary>Measures <paramref name="data"/> once and returns a generator of reference sets of the same shape.</summary>
    internal abstract Func<Xoshiro256StarStar, FeatureMatrix> Sampler(FeatureMatrix data);

    /// <summary>Rows drawn uniformly in the box [low, high] per coordinate, mapped to feature space by <paramref name="toFeatures"/>.</summary>
    /// <param name="data">Gives the row count and the feature names.</param>
    /// <param name="low">The box's lower corner.</param>
    /// <param name="high">The box's upper corner.</param>
    /// <param name="random">The draws.</param>
    /// <param name="toFeatures">Maps a point of the box to feature values (in place into the second span); null for the identity.</param>
    private protected static FeatureMatrix UniformBox(FeatureMatrix data, double[] low, double[] high, Xoshiro256StarStar random, Action<double[], double[]>? toFeatures)
    {
        const int BlockRows = 4096;
        int n = data.RowCount;
        int d = data.FeatureCount;
        float[][] columns = FeatureMatrix.AllocateColumns(d, n);
        var point = new double[d];
        var values = new double[d];
        byte[] bits = new byte[BlockRows * d * sizeof(ulong)];
        for (int blockStart = 0; blockStart < n; blockStart += BlockRows)
        {
            // One bulk fill per block of rows (a call per number costs as much as the fits); 53 bits per uniform in [0, 1).
            random.NextBytes(bits);
            ReadOnlySpan<ulong> uniforms = MemoryMarshal.Cast<byte, ulong>(bits);
            int blockEnd = Math.Min(n, blockStart + BlockRows);
            for (int i = blockStart; i < blockEnd; i++)
            {
                for (int j = 0; j < d; j++)
                {
                    double u = (uniforms[((i - blockStart) * d) + j] >> 11) * (1.0 / (1UL << 53));
                    point[j] = low[j] + ((high[j] - low[j]) * u);
                }

                if (toFeatures is null)
                {
                    point.CopyTo(values, 0);
                }
                else
                {
                    toFeatures(point, values);
                }

                for (int j = 0; j < d; j++)
                {
                    columns[j][i] = (float)values[j];
                }
            }
        }

        return FeatureMatrix.Wrap(columns, n, data.FeatureNames);
    }
}

/// <summary>Uniform between each feature's minimum and maximum.</summary>
internal sealed class BoundingBoxReference : GapReference
{
    public override string Name => "BoundingBox";

    internal override string Description => "uniform over the bounding box";

    internal override Func<Xoshiro256StarStar, FeatureMatrix> Sampler(FeatureMatrix data)
    {
        var low = new double[data.FeatureCount];
        var high = new double[data.FeatureCount];
        for (int j = 0; j < data.FeatureCount; j++)
        {
            ColumnStatistics statistics = ColumnStatistics.Of(data.Column(j));
            (low[j], high[j]) = (statistics.Min, statistics.Max);
        }

        return random => UniformBox(data, low, high, random, toFeatures: null);
    }
}
