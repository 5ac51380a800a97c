using System.Collections.Immutable;
using CustomerSegmentation.Export;
using CustomerSegmentation.Pipeline;

namespace CustomerSegmentation.Plotly;

/// <summary>
/// The segment profile table as display text: column headers and rows of cells (typically one row per segment).
/// Immutable; validated when constructed.
/// </summary>
internal sealed class ProfileTableData
{
    /// <summary>Creates and validates a table.</summary>
    /// <param name="headers">The column headers; at least one, none null.</param>
    /// <param name="rows">The rows; each has one cell per header, none null.</param>
    /// <exception cref="ArgumentNullException">An argument, a header, a row or a cell is null.</exception>
    /// <exception cref="ArgumentException">No headers, or a row whose cell count differs from the header count (the message names the row).</exception>
    public ProfileTableData(IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows)
    {
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        if (headers.Count == 0)
        {
            throw new ArgumentException("The profile table needs at least one column header.", nameof(headers));
        }

        if (headers.Any(h => h is null))
        {
            throw new ArgumentNullException(nameof(headers), "A column header is null.");
        }

        var built = ImmutableArray.CreateBuilder<ImmutableArray<string>>(rows.Count);
        for (int r = 0; r < rows.Count; r++)
        {
            IReadOnlyList<string> row = rows[r] ?? throw new ArgumentNullException(nameof(rows), $"Row {r} is null.");
            if (row.Count != headers.Count)
            {
                throw new ArgumentException($"Row {r} has {row.Count} cells but there are {headers.Count} columns ({string.Join(", ", headers)}).", nameof(rows));
            }

            if (row.Any(c => c is null))
            {
                throw new ArgumentNullException(nameof(rows), $"Row {r} has a null cell.");
            }

            built.Add([.. row]);
        }

        Headers = [.. headers];
        Rows = built.MoveToImmutable();
    }

    /// <summary>The column headers.</summary>
    public ImmutableArray<string> Headers { get; }

    /// <summary>The rows of cells, one cell per header.</summary>
    public ImmutableArray<ImmutableArray<string>> Rows { get; }

    /// <summary>The profile table of a segmentation, cell for cell as its Markdown export writes it.</summary>
    public static ProfileTableData From(SegmentationResult result)
    {
        ProfileTable table = ProfileTable.Of(result);
        return new ProfileTableData(table.Headers, [.. table.Rows.Select(row => (IReadOnlyList<string>)row)]);
    }
}
