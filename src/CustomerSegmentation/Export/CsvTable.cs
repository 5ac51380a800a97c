using System.Globalization;
using CsvHelper;

namespace CustomerSegmentation.Export;

/// <summary>
/// Writes a CSV table the one way every export does: CsvHelper with the invariant culture (comma separated, RFC 4180
/// quoting and line ends), a header row, then the rows as already formatted text (see <see cref="ExportText"/>).
/// Text cells that would start a spreadsheet formula are neutralised unless <see cref="CsvExportOptions.NeutraliseFormulas"/>
/// is off; the header is text, and each column is text or a number the library wrote. The writer is flushed and left open.
/// </summary>
internal static class CsvTable
{
    /// <summary>Rows written between two looks at the cancellation token.</summary>
    private const int RowsPerCancellationCheck = 4096;

    /// <summary>
    /// Writes <paramref name="header"/> and then every row of <paramref name="rows"/>; <paramref name="isNumber"/> says
    /// for each column index whether its cells are numbers the library wrote (never neutralised). A cancelled token
    /// stops the writing before the header and then every <see cref="RowsPerCancellationCheck"/> rows.
    /// </summary>
    public static void Write(
        TextWriter writer,
        IEnumerable<string> header,
        IEnumerable<IEnumerable<string>> rows,
        Func<int, bool> isNumber,
        CsvExportOptions? options,
        CancellationToken cancellationToken = default)
    {
        cancellationToken.ThrowIfCancellationRequested();
        bool neutralise = (options ?? CsvExportOptions.Default).NeutraliseFormulas;
        using var csv = CsvWriter.Create(writer, Rfc4180, leaveOpen: true);
        WriteRow(csv, header, _ => false, neutralise);
        int written = 0;
        foreach (IEnumerable<string> row in rows)
        {
            if (++written % RowsPerCancellationCheck == 0)
            {
                cancellationToken.ThrowIfCancellationRequested();
            }

            WriteRow(csv, row, isNumber, neutralise);
        }

        csv.Flush();
    }

    /// <summary>Comma separated, RFC 4180 quoting and line ends (a field with a space at either end quoted too), the invariant culture; formulas are neutralised here, not by CsvHelper.</summary>
    private static readonly CsvWriterOptions Rfc4180 = new()
    {
        Separator = ',',
        NewLine = "\r\n",
        Quoting = CsvQuoting.WhenNeededOrWhitespace,
        Injection = CsvInjection.None,
        FormatProvider = CultureInfo.InvariantCulture,
    };

    /// <summary>True when a spreadsheet would read <paramref name="text"/> as a formula (OWASP's list of first characters).</summary>
    internal static bool StartsFormula(string text) => text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r';

    private static void WriteRow(CsvWriter csv, IEnumerable<string> row, Func<int, bool> isNumber, bool neutralise)
    {
        int column = 0;
        foreach (string field in row)
        {
            if (neutralise && !isNumber(column) && StartsFormula(field))
            {
                csv.WriteField("'" + field, CsvQuoting.Always);
            }
            else
            {
                csv.WriteField(field);
            }

            column++;
        }

        csv.EndRecord();
    }
}
