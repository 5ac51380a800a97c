using System.Collections.Immutable;
using CustomerSegmentation.Pipeline;
using CustomerSegmentation.Profiling;

namespace CustomerSegmentation.Export;

/// <summary>
/// The segment profile table as text for people: one row per segment (numbered 1..K) with its label, size, share,
/// each feature's mean ± standard deviation (min–max) in original units, and the composition of each extra column.
/// The Markdown export writes it, and the Plotly report compiles this file to show the same table; it therefore uses
/// only public members of the core.
/// </summary>
internal sealed class ProfileTable
{
    /// <summary>The text of a cell whose column has no value in the segment.</summary>
    public const string Missing = "—";

    private ProfileTable(ImmutableArray<string> headers, ImmutableArray<ImmutableArray<string>> rows)
    {
        Headers = headers;
        Rows = rows;
    }

    /// <summary>The column headers.</summary>
    public ImmutableArray<string> Headers { get; }

    /// <summary>One row per segment, in segment order, one cell per header.</summary>
    public ImmutableArray<ImmutableArray<string>> Rows { get; }

    /// <summary>The table of <paramref name="result"/>'s profiles.</summary>
    public static ProfileTable Of(SegmentationResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        ImmutableArray<string> columns = [.. result.Customers.Attributes.Keys];
        ImmutableArray<string> headers =
        [
            "Segment", "Label", "Customers", "Share",
            .. result.Customers.Features.FeatureNames.Select(f => $"{f} mean ± sd (min–max)"),
            .. columns,
        ];
        return new ProfileTable(headers, [.. result.Profiles.Select(p => Row(p, columns))]);
    }

    private static ImmutableArray<string> Row(SegmentProfile profile, ImmutableArray<string> columns) =>
    [
        ExportText.Number(profile.Id),
        profile.Label,
        ExportText.Count(profile.Size),
        ExportText.Percent(profile.Share),
        .. profile.Features.Select(Spread),
        .. columns.Select(column => Composition(profile.Categories[column])),
    ];

    private static string Spread(FeatureProfile f)
        => $"{ExportText.Short(f.Mean)} ± {ExportText.Short(f.StandardDeviation)} ({ExportText.Short(f.Min)}–{ExportText.Short(f.Max)})";

    private static string Composition(ImmutableArray<CategoryShare> shares)
        => shares.IsDefaultOrEmpty ? Missing : string.Join(", ", shares.Select(c => $"{c.Value} {ExportText.WholePercent(c.Share)}"));
}
