using System.Globalization;
using CsvHelper;

namespace CustomerSegmentation.Export;

/// <summary>
/// Writes a CSV table the one way every export does: CsvHelper with the invariant culture (comma separated, RFC 4180
/// quoting and line ends), a header row, then the rows as already formatted text (see <see cref="ExportText"/>).
/// The writer is flushed and left open.
/// </summary>
internal static class CsvTable
{
    /// <summary>Writes <paramref name="header"/> and then every row of <paramref name="rows"/>.</summary>
    public static void Write(TextWriter writer, IEnumerable<string> header, IEnumerable<IEnumerable<string>> rows)
    {
        using var csv = new CsvWriter(writer, CultureInfo.InvariantCulture, leaveOpen: true);
        foreach (IEnumerable<string> row in rows.Prepend(header))
        {
            foreach (string field in row)
            {
                csv.WriteField(field);
            }

            csv.NextRecord();
        }

        csv.Flush();
    }
}
