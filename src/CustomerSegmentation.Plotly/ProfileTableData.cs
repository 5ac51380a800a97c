using System.Collections.Immutable;
using CustomerSegmentation.Export;
using CustomerSegmentation.Pipeline;
using CustomerSegmentation.Plotly.Page;
using CustomerSegmentation.Profiling;

namespace CustomerSegmentation.Plotly;

/// <summary>
/// The segment profile table as display text: column headers and rows of cells (typically one row per segment),
/// with optional numeric sort keys, shown on the page as a sortable <see cref="HtmlTable"/>. Immutable; validated
/// when constructed (by the <see cref="HtmlTable"/> it holds).
/// </summary>
internal sealed class ProfileTableData
{
    /// <summary>The caption of the table on the page.</summary>
    public const string Caption = "One row per segment";

    /// <summary>Creates and validates a table.</summary>
    /// <param name="headers">The column headers; at least one, none null.</param>
    /// <param name="rows">The rows; each has one cell per header, none null.</param>
    /// <param name="sortValues">Numeric sort keys, one per cell (NaN for none), or null to sort by text.</param>
    /// <exception cref="ArgumentNullException">An argument, a header, a row or a cell is null.</exception>
    /// <exception cref="ArgumentException">No headers, or a row whose cell count differs from the header count (the message names the row).</exception>
    public ProfileTableData(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows, IReadOnlyList<IReadOnlyList<double>>? sortValues = null)
        => Table = new HtmlTable(Caption, headers, rows, sortValues);

    /// <summary>The table as the page shows it.</summary>
    public HtmlTable Table { get; }

    /// <summary>The column headers.</summary>
    public ImmutableArray<string> Headers => Table.Headers;

    /// <summary>The rows of cells, one cell per header.</summary>
    public ImmutableArray<ImmutableArray<string>> Rows => Table.Rows;

    /// <summary>The profile table of a segmentation, cell for cell as its Markdown export writes it.</summary>
    public static ProfileTableData From(SegmentationResult result) => From(result, SegmentNaming.Generated(result), ColumnDisplayNames.None);

    /// <summary>
    /// The profile table of a segmentation, cell for cell as its Markdown export writes it, except that each segment's
    /// label is its name in <paramref name="naming"/> and features and columns are headed by their display names; the
    /// segment number, customers, share and each feature's mean sort as numbers.
    /// </summary>
    public static ProfileTableData From(SegmentationResult result, SegmentNaming naming, ColumnDisplayNames columns)
    {
        ProfileTable table = ProfileTable.Of(result);
        int d = result.Customers.Features.FeatureCount;
        ImmutableArray<string> features = result.Customers.Features.FeatureNames;
        string[] headers =
        [
            .. table.Headers.Take(4),
            .. features.Select((f, j) => columns[f] == f ? table.Headers[4 + j] : $"{columns[f]} mean ± sd (min–max)"),
            .. result.Customers.Attributes.Keys.Select(c => columns[c]),
        ];
        var rows = new List<IReadOnlyList<string>>(table.Rows.Length);
        var keys = new List<IReadOnlyList<double>>(table.Rows.Length);
        for (int s = 0; s < table.Rows.Length; s++)
        {
            SegmentProfile profile = result.Profiles[s];
            rows.Add([table.Rows[s][0], naming.Name(profile.Id), .. table.Rows[s].Skip(2)]);
            keys.Add([
                profile.Id, double.NaN, profile.Size, profile.Share,
                .. profile.Features.Select(f => double.IsFinite(f.Mean) ? f.Mean : double.NaN),
                .. Enumerable.Repeat(double.NaN, headers.Length - 4 - d),
            ]);
        }

        return new ProfileTableData(headers, rows, keys);
    }
}
