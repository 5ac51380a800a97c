using System.Collections.Immutable;

using Giraffe.ViewEngine;

using XmlNode = Giraffe.ViewEngine.HtmlElements.XmlNode;

namespace CustomerSegmentation.Plotly.Page;

/// <summary>
/// A real HTML table of display text: every row is in the page (nothing clipped or scrolled inside a chart), wide
/// tables scroll sideways in their own box on narrow screens, and a click on a column header sorts by that column
/// (numbers by value when every cell of the column reads as a number; see <see cref="PageDocument"/>'s script). On a
/// screen narrower than 700 px each row is stacked as a block of "header: value" lines, so no column is squeezed.
/// Immutable; validated when constructed.
/// </summary>
internal sealed class HtmlTable
{
    /// <summary>Creates and validates a table.</summary>
    /// <param name="caption">The caption shown above the table.</param>
    /// <param name="headers">The column headers; at least one.</param>
    /// <param name="rows">The rows; each has one cell per header.</param>
    /// <param name="sortValues">
    /// Optional sort keys, one row of numbers per row (NaN for "no number"): a column whose keys are all numbers sorts
    /// by them; otherwise the visible text sorts it. Null to sort every column by its text.
    /// </param>
    /// <exception cref="ArgumentNullException">An argument, header, row or cell is null.</exception>
    /// <exception cref="ArgumentException">No headers, or a row (or sort row) whose length differs from the headers.</exception>
    public HtmlTable(string caption, IReadOnlyList<string> headers, IReadOnlyList<IReadOnlyList<string>> rows, IReadOnlyList<IReadOnlyList<double>>? sortValues = null)
    {
        ArgumentNullException.ThrowIfNull(caption);
        ArgumentNullException.ThrowIfNull(headers);
        ArgumentNullException.ThrowIfNull(rows);
        if (headers.Count == 0)
        {
            throw new ArgumentException("A table needs at least one column header.", nameof(headers));
        }

        if (headers.Any(h => h is null))
        {
            throw new ArgumentNullException(nameof(headers), "A column header is null.");
        }

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
        }

        if (sortValues is not null && (sortValues.Count != rows.Count || sortValues.Any(s => s is null || s.Count != headers.Count)))
        {
            throw new ArgumentException("The sort values need one row per table row and one value per column.", nameof(sortValues));
        }

        Caption = caption;
        Headers = [.. headers];
        Rows = [.. rows.Select(r => r.ToImmutableArray())];
        SortValues = sortValues is null ? [] : [.. sortValues.Select(r => r.ToImmutableArray())];
    }

    /// <summary>The caption.</summary>
    public string Caption { get; }

    /// <summary>The column headers.</summary>
    public ImmutableArray<string> Headers { get; }

    /// <summary>The rows of cells.</summary>
    public ImmutableArray<ImmutableArray<string>> Rows { get; }

    /// <summary>The numeric sort keys per row and column, or empty.</summary>
    public ImmutableArray<ImmutableArray<double>> SortValues { get; }

    /// <summary>The table as a node: a scrolling box holding a <c>table class="data sortable"</c> with the given id.</summary>
    /// <param name="id">The id of the table element.</param>
    public XmlNode ToNode(string id) => ToNode(id, fitWidth: false);

    /// <summary>
    /// The table as a node; with <paramref name="fitWidth"/> its headers and cells wrap (class <c>fit</c>) so that a
    /// wide table fits its card instead of scrolling sideways.
    /// </summary>
    /// <param name="id">The id of the table element.</param>
    /// <param name="fitWidth">Whether headers and cells wrap to fit the width.</param>
    public XmlNode ToNode(string id, bool fitWidth)
    {
        XmlNode head = PageNodes.Element(HtmlElements.thead, [], [
            PageNodes.Element(HtmlElements.tr, [], Headers.Select(h => PageNodes.Element(
                HtmlElements.th, [PageNodes.Attribute("scope", "col"), PageNodes.Attribute("title", "Sort by " + h)], [PageNodes.Text(h)]))),
        ]);
        XmlNode body = PageNodes.Element(HtmlElements.tbody, [], Rows.Select((row, r) => PageNodes.Element(
            HtmlElements.tr, [], row.Select((cell, c) => Cell(cell, Headers[c], SortValues.IsEmpty ? double.NaN : SortValues[r][c], c == 0)))));
        XmlNode table = PageNodes.Element(
            HtmlElements.table,
            [PageNodes.Id(id), PageNodes.Class(fitWidth ? "data sortable fit" : "data sortable")],
            [PageNodes.Element(HtmlElements.caption, [], [PageNodes.Text(Caption)]), head, body]);
        return PageNodes.Div("table-box", [table]);
    }

    /// <summary>A body cell; its <c>data-label</c> (the column header) labels it when a narrow screen stacks the row.</summary>
    private static XmlNode Cell(string text, string header, double sortValue, bool rowHeader)
    {
        var attributes = new List<HtmlElements.XmlAttribute> { PageNodes.Attribute("data-label", header) };
        if (double.IsFinite(sortValue))
        {
            attributes.Add(PageNodes.Attribute("data-sort", sortValue.ToString("R", System.Globalization.CultureInfo.InvariantCulture)));
        }

        if (rowHeader)
        {
            attributes.Add(PageNodes.Attribute("scope", "row"));
            return PageNodes.Element(HtmlElements.th, attributes, [PageNodes.Text(text)]);
        }

        return PageNodes.Element(HtmlElements.td, attributes, [PageNodes.Text(text)]);
    }
}
