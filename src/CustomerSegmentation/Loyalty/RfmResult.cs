using System.Collections.Immutable;
using CustomerSegmentation.Data;
using CustomerSegmentation.Pipeline;
using CustomerSegmentation.Scaling;

namespace CustomerSegmentation.Loyalty;

/// <summary>The RFM table of all customers and what it was measured against.</summary>
public sealed class RfmResult
{
    /// <summary>The feature names of <see cref="ToCustomerTable"/>, in column order.</summary>
    public static readonly ImmutableArray<string> FeatureNames = ["Recency", "Frequency", "Monetary"];

    private Dictionary<string, int>? _byId;

    internal RfmResult(ImmutableArray<RfmRecord> records, DateOnly analysisDate, FrequencyBasis frequencyBasis, int observedWindowDays)
    {
        Records = records;
        AnalysisDate = analysisDate;
        FrequencyBasis = frequencyBasis;
        ObservedWindowDays = observedWindowDays;
        CustomerIds = [.. records.Select(r => r.CustomerId)];
    }

    /// <summary>One record per customer, each customer exactly once, in order of the customer's first transaction.</summary>
    public ImmutableArray<RfmRecord> Records { get; }

    /// <summary>The customer ids, in the order of <see cref="Records"/> and of the rows of <see cref="ToCustomerTable"/>.</summary>
    public ImmutableArray<string> CustomerIds { get; }

    /// <summary>The day Recency and tenure are measured to.</summary>
    public DateOnly AnalysisDate { get; }

    /// <summary>What Frequency counts (<see cref="FrequencyBasis.Orders"/> or <see cref="FrequencyBasis.PurchaseDays"/>, never Auto).</summary>
    public FrequencyBasis FrequencyBasis { get; }

    /// <summary>Whole days from the first purchase day in the data to the analysis date.</summary>
    public int ObservedWindowDays { get; }

    /// <summary>The sum of every customer's Monetary: the net amount of all transactions analysed (exact).</summary>
    public decimal TotalMonetary => Records.Aggregate(0m, static (sum, r) => sum + r.Monetary);

    /// <summary>The record of the customer with id <paramref name="customerId"/> (ordinal match).</summary>
    /// <exception cref="KeyNotFoundException">No customer has that id.</exception>
    public RfmRecord this[string customerId]
    {
        get
        {
            ArgumentNullException.ThrowIfNull(customerId);
            _byId ??= CustomerIds.Select((id, i) => (id, i)).ToDictionary(p => p.id, p => p.i, StringComparer.Ordinal);
            return _byId.TryGetValue(customerId, out int i)
                ? Records[i]
                : throw new KeyNotFoundException($"No customer has the id '{customerId}' in this RFM result.");
        }
    }

    /// <summary>
    /// A segmentation pipeline over these customers by recency, frequency and monetary value in original units, with
    /// their RFM segment, cell and (if given) spend tier kept as attributes, scaled by
    /// <see cref="FeatureScaling.LogStandard"/> (signed log, then z-scores) unless another scaling is chosen.
    /// </summary>
    /// <param name="tiers">Each customer's spend tier from <see cref="SpendTiers.Assign"/> on this result; optional.</param>
    /// <returns>The pipeline; choose K, the clusterer and the seed on it as on any other.</returns>
    /// <exception cref="ArgumentException"><paramref name="tiers"/> is for other customers.</exception>
    public SegmentationPipeline ToSegmentationPipeline(SpendTierAssignment? tiers = null)
        => SegmentationPipeline.FromTable(ToCustomerTable(tiers)).WithScaling(FeatureScaling.LogStandard);

    /// <summary>
    /// The customers as a table for segmentation: one row per customer in the order of <see cref="CustomerIds"/>, with
    /// the features <see cref="FeatureNames"/> in original units (Recency in days, Frequency in orders or purchase
    /// days, Monetary in currency) and the attributes "RFM segment" and "RFM cell", plus "Spend tier" when
    /// <paramref name="tiers"/> is given. Cluster it with <see cref="ToSegmentationPipeline"/>, which
    /// takes signed logs and standardises (<see cref="Scaling.FeatureScaling.LogStandard"/>) so that the long right
    /// tails of RFM do not let a few big spenders dominate, while profiles stay in original units. The features carry
    /// their own words (<see cref="CustomerTable.FeatureWordings"/>), so segment labels read "Lapsed" / "Recent" (many /
    /// few days since the last purchase), "Frequent" / "Rare" and "High spend" / "Low spend".
    /// </summary>
    /// <param name="tiers">Each customer's spend tier, from <see cref="SpendTiers.Assign"/> on this result; optional.</param>
    /// <exception cref="ArgumentException"><paramref name="tiers"/> is for other customers.</exception>
    /// <returns>The table.</returns>
    public CustomerTable ToCustomerTable(SpendTierAssignment? tiers = null)
    {
        if (tiers is not null && !tiers.CustomerIds.SequenceEqual(CustomerIds, StringComparer.Ordinal))
        {
            throw new ArgumentException("The spend tiers were assigned to other customers (or another order) than this RFM result's.", nameof(tiers));
        }

        int n = Records.Length;
        var columns = new[] { new double[n], new double[n], new double[n] };
        for (int i = 0; i < n; i++)
        {
            RfmRecord r = Records[i];
            columns[0][i] = r.Recency;
            columns[1][i] = r.Frequency;
            columns[2][i] = (double)r.Monetary;
        }

        var attributes = new Dictionary<string, IReadOnlyList<string>>
        {
            ["RFM segment"] = [.. Records.Select(r => r.Segment.DisplayName())],
            ["RFM cell"] = [.. Records.Select(r => r.Cell)],
        };
        if (tiers is not null)
        {
            attributes["Spend tier"] = tiers.Tiers;
        }

        return CustomerTable.FromFeatures(FeatureMatrix.FromColumns(columns, FeatureNames), CustomerIds, attributes)
            .WithFeatureWording("Recency", new FeatureWording(high: "Lapsed", low: "Recent"))
            .WithFeatureWording("Frequency", new FeatureWording(high: "Frequent", low: "Rare"))
            .WithFeatureWording("Monetary", new FeatureWording(high: "High spend", low: "Low spend"));
    }

    /// <summary>One summary per segment, all ten segments in the order of <see cref="RfmSegment"/> (empty ones with zero counts).</summary>
    public ImmutableArray<RfmSegmentSummary> SegmentSummaries()
    {
        int total = Records.Length;
        return
        [
            .. Enum.GetValues<RfmSegment>().Select(segment =>
            {
                RfmRecord[] members = [.. Records.Where(r => r.Segment == segment)];
                decimal spend = members.Aggregate(0m, static (sum, r) => sum + r.Monetary);
                return members.Length == 0
                    ? new RfmSegmentSummary(segment, 0, 0d, 0m, 0d, 0d, 0m)
                    : new RfmSegmentSummary(
                        segment,
                        members.Length,
                        (double)members.Length / total,
                        spend,
                        members.Average(r => (double)r.Recency),
                        members.Average(r => (double)r.Frequency),
                        decimal.Round(spend / members.Length, 2, MidpointRounding.AwayFromZero));
            }),
        ];
    }
}
