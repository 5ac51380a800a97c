using System.Collections.Immutable;
using CustomerSegmentation.Clustering;
using CustomerSegmentation.Data;

namespace CustomerSegmentation.Pipeline;

/// <summary>
/// A pipeline's categorical features and the way the user chose to cluster them: natively (K-prototypes), one-hot
/// encoded for a numeric clusterer, or none at all. Categories are built from the customers' text attributes, so every
/// source that delivers text columns as attributes (CSV, databases, in-memory tables) gets the same categories.
/// </summary>
internal sealed class CategoricalFeatures
{
    private readonly ImmutableArray<string> _names;
    private readonly double? _oneHotWeight;
    private readonly bool _native;

    private CategoricalFeatures(ImmutableArray<string> names, double? oneHotWeight, bool native)
    {
        _names = names;
        _oneHotWeight = oneHotWeight;
        _native = native;
    }

    /// <summary>Checks the user's choices before anything is read.</summary>
    /// <exception cref="ArgumentException">A categorical feature is also named as a numeric one.</exception>
    /// <exception cref="InvalidOperationException">Categorical features without a way to cluster them, or with both ways.</exception>
    public static CategoricalFeatures For(ImmutableArray<string> names, ImmutableArray<string>? numeric, double? oneHotWeight, bool native)
    {
        string[] both = [.. names.Where(n => numeric?.Contains(n, StringComparer.OrdinalIgnoreCase) == true)];
        if (both.Length > 0)
        {
            throw new ArgumentException(
                $"{string.Join(", ", both.Select(b => $"'{b}'"))} is named by both WithFeatures and WithCategorical; a column is either numeric or categorical.",
                nameof(names));
        }

        if (names.Length > 0 && oneHotWeight is null && !native)
        {
            throw new InvalidOperationException(
                $"The categorical features {string.Join(", ", names.Select(n => $"'{n}'"))} need a way to be clustered: call UseKPrototypes() to cluster them natively (by category mismatches), or WithOneHotEncoding() to encode them as 0/1 columns for K-means or any numeric clusterer.");
        }

        if (oneHotWeight is not null && native)
        {
            throw new InvalidOperationException(
                "Both UseKPrototypes() and WithOneHotEncoding() were called: K-prototypes clusters categories natively, so drop WithOneHotEncoding(), or cluster the one-hot columns with UseKMeans().");
        }

        return new CategoricalFeatures(names, oneHotWeight, native);
    }

    /// <summary>The categorical columns, built from the customers' attributes of those names.</summary>
    /// <exception cref="ArgumentException">Too many distinct values, numeric-looking values, an identifier, or an empty value (the message says which and what to do).</exception>
    public ImmutableArray<CategoricalColumn> Read(CustomerTable customers, int maxLevels)
        => [.. _names.Select(name => CategoricalColumn.FromValues(name, customers.Attributes[name], maxLevels))];

    /// <summary>The matrix the clusterer gets: the scaled numeric features, with the categories beside them (native) or appended one-hot.</summary>
    public FeatureMatrix Attach(FeatureMatrix scaled, ImmutableArray<CategoricalColumn> categories)
        => categories.IsEmpty ? scaled
            : _native ? scaled.WithCategoricals(categories)
            : OneHotEncoding.Of(categories, _oneHotWeight!.Value).Append(scaled, categories);

    /// <summary>The one-hot encoding a model must repeat before predicting, or null.</summary>
    public OneHotEncoding? Encoding(ImmutableArray<CategoricalColumn> categories)
        => categories.IsEmpty || _native ? null : OneHotEncoding.Of(categories, _oneHotWeight!.Value);

    /// <summary>Each customer's squared distance to its segment: squared Euclidean, plus gamma per mismatch for K-prototypes.</summary>
    public static double[] SquaredDistances(FeatureMatrix clustered, ClusteringResult clustering)
    {
        double[] distances = ClusteringResult.SquaredDistancesToOwnCentroid(clustered, clustering.Centroids, clustering.Labels.AsSpan());
        if (clustering.Model is KPrototypesModel prototypes)
        {
            CategoricalColumn[] columns = prototypes.Encoded(clustered);
            for (int f = 0; f < columns.Length; f++)
            {
                CategoricalColumn column = columns[f];
                for (int i = 0; i < distances.Length; i++)
                {
                    distances[i] += column.ValueAt(i) == prototypes.Modes[clustering.Labels[i]][f] ? 0 : prototypes.Gamma;
                }
            }
        }

        return distances;
    }
}
