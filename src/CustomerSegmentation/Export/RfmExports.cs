using CustomerSegmentation.Loyalty;

namespace CustomerSegmentation.Export;

/// <summary>
/// The exports of RFM analysis: the per-customer table of an <see cref="RfmResult"/> as CSV, its segment summaries and
/// the spend tier summaries of a <see cref="SpendTierAssignment"/> as CSV, JSON (camelCase, enums as names) and
/// Markdown tables with aligned columns. Text uses the invariant culture; dates are ISO 8601.
/// </summary>
public static partial class RfmExports
{
    private static readonly string[] CustomerHeader =
        ["CustomerId", "Recency", "Frequency", "Monetary", "FirstPurchase", "LastPurchase", "TenureDays", "AverageOrderValue", "AnnualisedSpend", "R", "F", "M", "Cell", "Segment"];

    private static readonly string[] SegmentHeader = ["Segment", "Customers", "Share", "TotalMonetary", "MeanRecency", "MeanFrequency", "MeanMonetary"];

    private static readonly string[] TierHeader = ["Tier", "LowerBound", "UpperBound", "Customers", "Share", "TotalMonetary", "TotalAnnualisedSpend"];

    /// <summary>
    /// Writes one CSV row per customer: CustomerId, Recency, Frequency, Monetary, FirstPurchase, LastPurchase, TenureDays,
    /// AverageOrderValue, AnnualisedSpend, R, F, M, Cell, Segment, and Tier when <paramref name="tiers"/> is given.
    /// </summary>
    /// <param name="result">The RFM analysis.</param>
    /// <param name="writer">Where to write; flushed and left open.</param>
    /// <param name="tiers">The spend tiers assigned from the same result, or null to leave the Tier column out.</param>
    /// <param name="options">How text cells are written (formulas neutralised by default); <see cref="CsvExportOptions.Default"/> when null.</param>
    /// <param name="cancellationToken">Checked before anything is written and every 4,096 customers.</param>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> or <paramref name="writer"/> is null.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled; what was written so far stays in <paramref name="writer"/>.</exception>
    /// <exception cref="ArgumentException"><paramref name="tiers"/> does not list the customers of <paramref name="result"/> in its order.</exception>
    public static void WriteCustomersCsv(this RfmResult result, TextWriter writer, SpendTierAssignment? tiers = null, CsvExportOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(writer);
        if (tiers is not null && !tiers.CustomerIds.SequenceEqual(result.CustomerIds))
        {
            throw new ArgumentException("The tier assignment was made for other customers (or another order) than this RFM result; assign tiers from the same result.", nameof(tiers));
        }

        IEnumerable<string[]> rows = result.Records.Select((r, i) =>
        {
            string[] row =
            [
                r.CustomerId, ExportText.Number(r.Recency), ExportText.Number(r.Frequency), ExportText.Number(r.Monetary),
                ExportText.Time(r.FirstPurchase), ExportText.Time(r.LastPurchase), ExportText.Number(r.TenureDays),
                ExportText.Number(r.AverageOrderValue), ExportText.Number(r.AnnualisedSpend),
                ExportText.Number(r.RecencyScore), ExportText.Number(r.FrequencyScore), ExportText.Number(r.MonetaryScore), r.Cell, r.Segment.DisplayName(),
            ];
            return tiers is null ? row : [.. row, tiers.Tiers[i]];
        });
        CsvTable.Write(writer, tiers is null ? CustomerHeader : [.. CustomerHeader, "Tier"], rows, c => c is >= 1 and <= 11, options, cancellationToken);
    }

    /// <summary>Writes the segment summaries as CSV: Segment, Customers, Share (0..1), TotalMonetary, MeanRecency, MeanFrequency, MeanMonetary.</summary>
    /// <param name="result">The RFM analysis; all ten segments are written, empty ones with zero counts.</param>
    /// <param name="writer">Where to write; flushed and left open.</param>
    /// <param name="options">How text cells are written (formulas neutralised by default); <see cref="CsvExportOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> or <paramref name="writer"/> is null.</exception>
    public static void WriteSegmentsCsv(this RfmResult result, TextWriter writer, CsvExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(result);
        ArgumentNullException.ThrowIfNull(writer);
        CsvTable.Write(writer, SegmentHeader, SegmentRows(result, Fraction), c => c != 0, options);
    }

    /// <summary>The segment summaries as an indented JSON array (camelCase properties, the segment as its enum name plus its display name).</summary>
    /// <param name="result">The RFM analysis.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static string ToSegmentsJson(this RfmResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return ExportJson.Serialize(result.SegmentSummaries());
    }

    /// <summary>The segment summaries as a Markdown table with aligned columns (share as a percentage).</summary>
    /// <param name="result">The RFM analysis.</param>
    /// <returns>The table, one line per segment after the header and separator.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="result"/> is null.</exception>
    public static string ToSegmentsMarkdown(this RfmResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return MarkdownTable.Write(SegmentHeader, SegmentRows(result, ExportText.Percent));
    }

    /// <summary>Writes the tier summaries as CSV: Tier, LowerBound, UpperBound (empty for the top tier), Customers, Share (0..1), TotalMonetary, TotalAnnualisedSpend.</summary>
    /// <param name="tiers">The spend tiers assigned to the customers of an RFM analysis.</param>
    /// <param name="writer">Where to write; flushed and left open.</param>
    /// <param name="options">How text cells are written (formulas neutralised by default); <see cref="CsvExportOptions.Default"/> when null.</param>
    /// <exception cref="ArgumentNullException"><paramref name="tiers"/> or <paramref name="writer"/> is null.</exception>
    public static void WriteTiersCsv(this SpendTierAssignment tiers, TextWriter writer, CsvExportOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        ArgumentNullException.ThrowIfNull(writer);
        CsvTable.Write(writer, TierHeader, TierRows(tiers, Fraction), c => c != 0, options);
    }

    /// <summary>The tier summaries as an indented JSON array (camelCase properties; null upper bound for the top tier).</summary>
    /// <param name="tiers">The spend tiers assigned to the customers of an RFM analysis.</param>
    /// <returns>The JSON text.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tiers"/> is null.</exception>
    public static string ToTiersJson(this SpendTierAssignment tiers)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        return ExportJson.Serialize(tiers.Summaries);
    }

    /// <summary>The tier summaries as a Markdown table with aligned columns (share as a percentage).</summary>
    /// <param name="tiers">The spend tiers assigned to the customers of an RFM analysis.</param>
    /// <returns>The table, one line per tier after the header and separator.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="tiers"/> is null.</exception>
    public static string ToTiersMarkdown(this SpendTierAssignment tiers)
    {
        ArgumentNullException.ThrowIfNull(tiers);
        return MarkdownTable.Write(TierHeader, TierRows(tiers, ExportText.Percent));
    }

    /// <summary>A share of 0..1 for machine-read files, rounded to six decimals.</summary>
    private static string Fraction(double share) => ExportText.Number(Math.Round(share, 6));

    private static IEnumerable<string[]> SegmentRows(RfmResult result, Func<double, string> share)
        => result.SegmentSummaries().Select(s => new[]
        {
            s.Name, ExportText.Number(s.CustomerCount), share(s.Share), ExportText.Number(s.TotalMonetary),
            ExportText.Number(Math.Round(s.MeanRecency, 2)), ExportText.Number(Math.Round(s.MeanFrequency, 2)), ExportText.Number(s.MeanMonetary),
        });

    private static IEnumerable<string[]> TierRows(SpendTierAssignment tiers, Func<double, string> share)
        => tiers.Summaries.Select(t => new[]
        {
            t.Tier.Name, ExportText.Number(t.Tier.LowerBound), t.UpperBound is { } upper ? ExportText.Number(upper) : string.Empty,
            ExportText.Number(t.CustomerCount), share(t.Share), ExportText.Number(t.TotalMonetary), ExportText.Number(t.TotalAnnualisedSpend),
        });
}
