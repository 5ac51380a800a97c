using System.Text;

namespace CustomerSegmentation.Export;

/// <summary>
/// Writes a Markdown (GitHub) table: a header row, a separator and one line per row, every column padded to its
/// widest cell so the text lines up, and each <c>|</c> in a cell escaped as <c>\|</c>. Lines end with
/// <see cref="Environment.NewLine"/>.
/// </summary>
internal static class MarkdownTable
{
    /// <summary>The table of <paramref name="rows"/> under <paramref name="header"/>; every row has one cell per header.</summary>
    public static string Write(IReadOnlyList<string> header, IEnumerable<IReadOnlyList<string>> rows)
    {
        string[][] lines = [[.. header.Select(Escape)], .. rows.Select(row => row.Select(Escape).ToArray())];
        int[] widths = [.. Enumerable.Range(0, header.Count).Select(c => Math.Max(3, lines.Max(line => line[c].Length)))];
        var text = new StringBuilder();
        Line(text, lines[0], widths);
        Line(text, [.. widths.Select(w => new string('-', w))], widths);
        foreach (string[] line in lines.Skip(1))
        {
            Line(text, line, widths);
        }

        return text.ToString();
    }

    private static void Line(StringBuilder text, string[] cells, int[] widths)
    {
        text.Append('|');
        for (int c = 0; c < cells.Length; c++)
        {
            text.Append(' ').Append(cells[c].PadRight(widths[c])).Append(" |");
        }

        text.AppendLine();
    }

    private static string Escape(string cell) => cell.Replace("|", "\\|", StringComparison.Ordinal);
}
