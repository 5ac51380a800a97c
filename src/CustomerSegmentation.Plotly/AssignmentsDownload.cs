using System.Globalization;
using System.IO.Compression;
using System.Text;

namespace CustomerSegmentation.Plotly;

/// <summary>
/// Each customer's segment as a CSV file for the page's download link: <c>Id,Segment,SegmentLabel</c> and, when the
/// clustering gave membership probabilities, <c>p_segment_1</c> to <c>p_segment_K</c> (to 4 decimals). Text cells are
/// written as the core's CSV exports write them (RFC 4180 quoting, cells that would start a spreadsheet formula
/// prefixed with an apostrophe and quoted). Immutable.
/// </summary>
/// <remarks>
/// The page carries the file column by column, gzip-compressed, and rebuilds the rows in the browser
/// (<see cref="Page.PageDocument.DownloadScript"/>): the ids, then the segment numbers, then the probabilities, each
/// a run of similar values that compresses far better than rows that interleave them. The payload is UTF-8 text of
/// fields separated by NUL: the CSV header line, K, K row tails ("number,label", escaped), N, the N escaped ids, the N
/// segment numbers and, when present, the N probability tails (",p1,...,pK"). A NUL in an id is written as U+FFFD.
/// </remarks>
internal sealed class AssignmentsDownload
{
    /// <summary>The name of the downloaded file.</summary>
    public const string FileName = "segment-assignments.csv";

    /// <summary>
    /// The largest compressed file a report embeds, in bytes (base64 makes it a third larger in the page): with
    /// plotly.js (3.6 MB) and a 5,000-point plot it keeps a report under 10 MB. A million sequential ids take about
    /// 2.7 MB; a million random nine-digit ids about 8 MB, which is not embedded (the page says so).
    /// </summary>
    public const int MaxEmbeddedBytes = 4_500_000;

    private const char Separator = '\0';

    private AssignmentsDownload(byte[] gzip, int customers)
    {
        Gzip = gzip;
        Customers = customers;
    }

    /// <summary>The gzip-compressed payload (see the remarks).</summary>
    public byte[] Gzip { get; }

    /// <summary>The number of customers (data rows) in the file.</summary>
    public int Customers { get; }

    /// <summary>The text of the link.</summary>
    public string LinkText => string.Create(CultureInfo.InvariantCulture, $"Download the segments of all {Customers:N0} customers (CSV)");

    /// <summary>The download of <paramref name="ids"/>, their segments (1..K), the segments' names and optional probabilities per segment.</summary>
    /// <param name="ids">Each customer's id.</param>
    /// <param name="segments">Each customer's segment number, 1..K.</param>
    /// <param name="naming">The segments' names.</param>
    /// <param name="probabilities">Each customer's probability of each segment (segment 1 first), or null.</param>
    public static AssignmentsDownload Create(IReadOnlyList<string> ids, IReadOnlyList<int> segments, SegmentNaming naming, IReadOnlyList<IReadOnlyList<double>?>? probabilities)
    {
        int k = probabilities is { Count: > 0 } && probabilities[0] is { } first ? first.Count : 0;
        using var buffer = new MemoryStream();
        using (var gzip = new GZipStream(buffer, CompressionLevel.SmallestSize, leaveOpen: true))
        using (var writer = new StreamWriter(gzip, new UTF8Encoding(encoderShouldEmitUTF8Identifier: false), 1 << 16))
        {
            writer.Write(string.Join(',', ["Id", "Segment", "SegmentLabel", .. Enumerable.Range(1, k).Select(s => string.Create(CultureInfo.InvariantCulture, $"p_segment_{s}"))]));
            Field(writer, naming.Count.ToString(CultureInfo.InvariantCulture));
            for (int s = 1; s <= naming.Count; s++)
            {
                Field(writer, s.ToString(CultureInfo.InvariantCulture) + "," + Escape(naming.Name(s)));
            }

            Field(writer, ids.Count.ToString(CultureInfo.InvariantCulture));
            foreach (string id in ids)
            {
                Field(writer, Escape(id.Replace(Separator, '\uFFFD')));
            }

            foreach (int segment in segments)
            {
                Field(writer, segment.ToString(CultureInfo.InvariantCulture));
            }

            for (int i = 0; i < (k == 0 ? 0 : ids.Count); i++)
            {
                writer.Write(Separator);
                foreach (double p in probabilities![i] ?? [])
                {
                    writer.Write(',');
                    writer.Write(p.ToString("0.####", CultureInfo.InvariantCulture));
                }
            }
        }

        return new AssignmentsDownload(buffer.ToArray(), ids.Count);
    }

    /// <summary>A text cell as the core's CSV exports write it: quoted when it holds a comma, quote or line break or starts or ends with white space; a would-be formula prefixed with an apostrophe and quoted.</summary>
    internal static string Escape(string text)
    {
        bool formula = Export.CsvTable.StartsFormula(text);
        string cell = formula ? "'" + text : text;
        bool quote = formula || cell.AsSpan().IndexOfAny(",\"\r\n") >= 0 || (cell.Length > 0 && (char.IsWhiteSpace(cell[0]) || char.IsWhiteSpace(cell[^1])));
        return quote ? "\"" + cell.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : cell;
    }

    private static void Field(StreamWriter writer, string text)
    {
        writer.Write(Separator);
        writer.Write(text);
    }
}
