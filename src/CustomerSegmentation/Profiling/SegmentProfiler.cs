using System.Collections.Immutable;
using CustomerSegmentation.Data;
using MathNet.Numerics.Statistics;

namespace CustomerSegmentation.Profiling;

/// <summary>Builds <see cref="SegmentProfile"/>s from customers in original units and their cluster labels.</summary>
internal static class SegmentProfiler
{
    /// <param name="customers">The customers, features in original units, with any categorical columns.</param>
    /// <param name="labels">Each customer's cluster, 0..K-1.</param>
    /// <param name="centres">Each cluster's centre in original units (K x features).</param>
    /// <param name="categoricalColumns">The attribute columns to describe by composition.</param>
    /// <param name="cancellationToken">Checked before each segment's feature and column (each one pass over its members).</param>
    /// <param name="categoricalFeatures">The attribute columns that are categorical features: a mode holding at least 70% of a segment enters its label ("Mostly female · High spending").</param>
    /// <returns>The profiles in segment order (largest first).</returns>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static ImmutableArray<SegmentProfile> Profile(
        CustomerTable customers,
        ReadOnlySpan<int> labels,
        IReadOnlyList<IReadOnlyList<double>> centres,
        IReadOnlyList<string> categoricalColumns,
        CancellationToken cancellationToken = default,
        IReadOnlyList<string>? categoricalFeatures = null)
    {
        cancellationToken.ThrowIfCancellationRequested();
        FeatureMatrix data = customers.Features;
        int k = centres.Count;
        int n = data.RowCount;
        // Each cluster's rows in an array of its exact size (counted first), so that large tables leave no grown lists behind.
        var sizes = new int[k];
        foreach (int label in labels)
        {
            sizes[label]++;
        }

        var members = new int[k][];
        for (int c = 0; c < k; c++)
        {
            members[c] = new int[sizes[c]];
            sizes[c] = 0;
        }

        for (int i = 0; i < n; i++)
        {
            int c = labels[i];
            members[c][sizes[c]++] = i;
        }

        int[] order = Enumerable.Range(0, k).OrderByDescending(c => members[c].Length).ThenBy(c => c).ToArray();
        var population = new ColumnStatistics[data.FeatureCount];
        for (int j = 0; j < data.FeatureCount; j++)
        {
            population[j] = ColumnStatistics.Of(data.Column(j));
        }

        var features = new ImmutableArray<FeatureProfile>[k];
        var zScores = new double[k][];
        for (int s = 0; s < k; s++)
        {
            int cluster = order[s];
            var values = new double[members[cluster].Length];
            features[s] = [.. Enumerable.Range(0, data.FeatureCount).Select(j =>
            {
                cancellationToken.ThrowIfCancellationRequested();
                return Describe(data.FeatureNames[j], data.Column(j), members[cluster], values, centres[cluster][j], population[j]);
            })];
            zScores[s] = features[s].Select(f => f.ZScore).ToArray();
        }

        FeatureWording?[] wordings = [.. data.FeatureNames.Select(f => customers.FeatureWordings.GetValueOrDefault(f))];
        // Categorical features enter the label by their mode when it is a clear majority of the segment.
        string[] prefixes = [.. order.Select(cluster => SegmentLabels.CategoryWords((categoricalFeatures ?? []).Select(feature =>
        {
            CategoryShare? mode = Composition(customers.Attributes[feature], members[cluster]).FirstOrDefault();
            return (mode?.Value ?? string.Empty, mode?.Share ?? 0);
        })))];
        string[] names = SegmentLabels.Create(data.FeatureNames, zScores, Enumerable.Range(1, k).ToArray(), wordings, prefixes);
        var profiles = ImmutableArray.CreateBuilder<SegmentProfile>(k);
        for (int s = 0; s < k; s++)
        {
            int cluster = order[s];
            int[] rows = members[cluster];
            var categories = categoricalColumns.ToDictionary(
                column => column,
                column =>
                {
                    cancellationToken.ThrowIfCancellationRequested();
                    return Composition(customers.Attributes[column], rows);
                },
                StringComparer.OrdinalIgnoreCase);
            profiles.Add(new SegmentProfile(s + 1, cluster, names[s], rows.Length, (double)rows.Length / n, features[s], categories));
        }

        return profiles.MoveToImmutable();
    }

    /// <summary>
    /// One feature of one segment, its values sorted in <paramref name="values"/> (one per row, overwritten); the
    /// segment's spread and its z-score both use the population standard deviation.
    /// </summary>
    private static FeatureProfile Describe(string name, ReadOnlySpan<float> column, int[] rows, double[] values, double centre, ColumnStatistics population)
    {
        if (rows.Length == 0)
        {
            return new FeatureProfile(name, centre, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN, double.NaN);
        }

        for (int r = 0; r < values.Length; r++)
        {
            values[r] = column[rows[r]];
        }

        Array.Sort(values);
        ColumnStatistics segment = ColumnStatistics.Of(values);
        double populationSd = population.StandardDeviation;
        double z = populationSd > 0 ? (segment.Mean - population.Mean) / populationSd : 0;
        return new FeatureProfile(
            name,
            centre,
            segment.Mean,
            SortedArrayStatistics.QuantileCustom(values, 0.5, QuantileDefinition.R7),
            segment.StandardDeviation,
            segment.Min,
            SortedArrayStatistics.QuantileCustom(values, 0.25, QuantileDefinition.R7),
            SortedArrayStatistics.QuantileCustom(values, 0.75, QuantileDefinition.R7),
            segment.Max,
            z);
    }

    private static ImmutableArray<CategoryShare> Composition(ImmutableArray<string> column, int[] rows)
        => [.. rows.GroupBy(i => column[i], StringComparer.Ordinal)
            .Select(g => new CategoryShare(g.Key, g.Count(), (double)g.Count() / rows.Length))
            .OrderByDescending(c => c.Count)
            .ThenBy(c => c.Value, StringComparer.Ordinal)];
}
