using System.Collections.Immutable;
using System.Globalization;

using CustomerSegmentation.Data;
using CustomerSegmentation.Pipeline;

namespace CustomerSegmentation.Plotly;

/// <summary>
/// What the segment charts show: every customer's features in original units, its segment, its id, the segment
/// centres and optional extra hover columns. Immutable; validated when constructed.
/// </summary>
internal sealed class SegmentPlotData
{
    /// <summary>Creates and validates the plot data.</summary>
    /// <param name="features">The customers' features in original units (one row per customer); one feature or more.</param>
    /// <param name="labels">The segment of each row, 0 to <c>segmentNames.Count - 1</c>.</param>
    /// <param name="segmentNames">The name of each segment, shown in the legend; non-blank.</param>
    /// <param name="customerIds">The id of each row, shown on hover.</param>
    /// <param name="centroids">The centre of each segment in original units, one value per feature.</param>
    /// <param name="hoverColumns">Extra per-row columns shown on hover (for example Genre); none by default.</param>
    /// <exception cref="ArgumentNullException">An argument, a name, an id or a centroid is null.</exception>
    /// <exception cref="ArgumentException">
    /// No feature; no segments; a count that does not match the number of rows or segments; a label
    /// outside the segments; a blank segment name; a centroid of the wrong length or with a NaN or infinite value.
    /// The message names the offending row, segment or column.
    /// </exception>
    public SegmentPlotData(
        FeatureMatrix features,
        IReadOnlyList<int> labels,
        IReadOnlyList<string> segmentNames,
        IReadOnlyList<string> customerIds,
        IReadOnlyList<IReadOnlyList<double>> centroids,
        IReadOnlyList<HoverColumn>? hoverColumns = null)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(labels);
        ArgumentNullException.ThrowIfNull(segmentNames);
        ArgumentNullException.ThrowIfNull(customerIds);
        ArgumentNullException.ThrowIfNull(centroids);
        if (features.FeatureCount < 1)
        {
            throw new ArgumentException("The customers plot needs at least one feature, but the data has none.", nameof(features));
        }

        int n = features.RowCount;
        int k = segmentNames.Count;
        if (k == 0)
        {
            throw new ArgumentException("At least one segment name is required.", nameof(segmentNames));
        }

        for (int s = 0; s < k; s++)
        {
            if (string.IsNullOrWhiteSpace(segmentNames[s]))
            {
                throw new ArgumentException($"Segment {s} has a blank name; every segment needs a name for the legend.", nameof(segmentNames));
            }
        }

        RequireRowCount(labels.Count, n, "labels", nameof(labels));
        RequireRowCount(customerIds.Count, n, "customer ids", nameof(customerIds));
        for (int i = 0; i < n; i++)
        {
            if ((uint)labels[i] >= (uint)k)
            {
                throw new ArgumentException(
                    $"Row {i} has label {labels[i]}, but there are {k} segments (labels 0 to {k - 1}).", nameof(labels));
            }

            if (customerIds[i] is null)
            {
                throw new ArgumentNullException(nameof(customerIds), $"The customer id of row {i} is null.");
            }
        }

        if (centroids.Count != k)
        {
            throw new ArgumentException($"There are {centroids.Count} centroids but {k} segments; give one centroid per segment.", nameof(centroids));
        }

        var centres = ImmutableArray.CreateBuilder<ImmutableArray<double>>(k);
        for (int s = 0; s < k; s++)
        {
            IReadOnlyList<double> centre = centroids[s] ?? throw new ArgumentNullException(nameof(centroids), $"The centroid of segment {s} is null.");
            if (centre.Count != features.FeatureCount)
            {
                throw new ArgumentException(
                    $"The centroid of segment {s} ('{segmentNames[s]}') has {centre.Count} values but there are {features.FeatureCount} features.",
                    nameof(centroids));
            }

            for (int j = 0; j < centre.Count; j++)
            {
                if (!double.IsFinite(centre[j]))
                {
                    throw new ArgumentException(
                        $"The centroid of segment {s} ('{segmentNames[s]}') has the value {centre[j].ToString(CultureInfo.InvariantCulture)} for feature '{features.FeatureNames[j]}'; centroids must be finite.",
                        nameof(centroids));
                }
            }

            centres.Add([.. centre]);
        }

        var columns = ImmutableArray.CreateBuilder<HoverColumn>();
        foreach (HoverColumn? column in hoverColumns ?? [])
        {
            if (column is null || column.Name is null)
            {
                throw new ArgumentNullException(nameof(hoverColumns), "A hover column or its name is null.");
            }

            if (column.Values.IsDefault || column.Values.Length != n)
            {
                int count = column.Values.IsDefault ? 0 : column.Values.Length;
                throw new ArgumentException($"Hover column '{column.Name}' has {count} values but there are {n} rows.", nameof(hoverColumns));
            }

            columns.Add(column);
        }

        Features = features;
        Labels = [.. labels];
        SegmentNames = [.. segmentNames];
        CustomerIds = [.. customerIds];
        Centroids = centres.MoveToImmutable();
        HoverColumns = columns.ToImmutable();
    }

    /// <summary>The customers' features in original units.</summary>
    public FeatureMatrix Features { get; }

    /// <summary>The segment of each row (0-based index into <see cref="SegmentNames"/>).</summary>
    public ImmutableArray<int> Labels { get; }

    /// <summary>The segment names, in segment order; used in the legend.</summary>
    public ImmutableArray<string> SegmentNames { get; }

    /// <summary>The customer id of each row.</summary>
    public ImmutableArray<string> CustomerIds { get; }

    /// <summary>The centre of each segment in original units, one value per feature.</summary>
    public ImmutableArray<ImmutableArray<double>> Centroids { get; }

    /// <summary>Extra per-row columns shown on hover, in order.</summary>
    public ImmutableArray<HoverColumn> HoverColumns { get; }

    /// <summary>The number of customers (rows).</summary>
    public int RowCount => Features.RowCount;

    /// <summary>The number of segments.</summary>
    public int SegmentCount => SegmentNames.Length;

    /// <summary>
    /// The plot data of a segmentation, from its public members only: the customers in original units, each one's
    /// segment (1..K, stored here as 0..K-1), the segments named "number · label", the model's centres in original
    /// units and every extra column kept as a hover column.
    /// </summary>
    public static SegmentPlotData From(SegmentationResult result)
        => new(
            result.Customers.Features,
            [.. result.Assignments.Select(a => a.Segment - 1)],
            [.. result.Profiles.Select(p => string.Create(CultureInfo.InvariantCulture, $"{p.Id} · {p.Label}"))],
            result.Customers.Ids,
            [.. result.Model.Segments.Select(s => (IReadOnlyList<double>)s.Centre)],
            [.. result.Customers.Attributes.Select(a => new HoverColumn(a.Key, a.Value))]);

    private static void RequireRowCount(int count, int rows, string what, string parameter)
    {
        if (count != rows)
        {
            throw new ArgumentException($"There are {count} {what} but {rows} rows; give exactly one per row.", parameter);
        }
    }
}
