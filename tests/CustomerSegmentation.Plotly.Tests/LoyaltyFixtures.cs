using System.Globalization;

using CustomerSegmentation.DemoData;
using CustomerSegmentation.Loyalty;
using CustomerSegmentation.Pipeline;
using CustomerSegmentation.Tests;

namespace CustomerSegmentation.Plotly.Tests;

/// <summary>Loyalty results for the report tests: a tiny hand-made one, the synthetic transactions and the CDNOW sample.</summary>
internal static class LoyaltyFixtures
{
    /// <summary>Bronze from 0, Silver from 500, Gold from 1,000 a year.</summary>
    public static readonly SpendTiers ThreeTiers = new([new("Bronze", 0m), new("Silver", 500m), new("Gold", 1_000m)]);

    private static readonly Lazy<Synthetic> LazySynthetic = new(() => Synthetic.Make(ids: null, tierNames: null));

    /// <summary>
    /// Five customers A..E: customer k (0..4) buys k + 1 times, on 2024-01-01 + 10 j days (j = 0..k), each purchase
    /// worth 10, 20, 30, 40 and 100 for A..E. So the last purchases are on days 0, 10, 20, 30, 40, Recency is 41, 31, 21,
    /// 11, 1 days (the analysis date is the day after the last transaction), and R = F = 1..5 for A..E: the grid holds one
    /// customer in each diagonal cell. Monetary: A 10, B 40, C 90, D 160, E 500 (total 800). Segments: A (1,1) and B (2,2)
    /// Hibernating, C (3,3) Need Attention, D (4,4) Loyal Customers, E (5,5) Champions.
    /// </summary>
    public static IReadOnlyList<Transaction> TinyTransactions(IReadOnlyList<string>? ids = null)
    {
        ids ??= ["A", "B", "C", "D", "E"];
        decimal[] price = [10m, 20m, 30m, 40m, 100m];
        var start = new DateTime(2024, 1, 1, 12, 0, 0, DateTimeKind.Unspecified);
        return
        [
            .. Enumerable.Range(0, 5).SelectMany(k => Enumerable.Range(0, k + 1).Select(j =>
                new Transaction(ids[k], start.AddDays(10 * j), price[k], string.Create(CultureInfo.InvariantCulture, $"{ids[k]}-{j}")))),
        ];
    }

    public static RfmResult Tiny(IReadOnlyList<string>? ids = null) => new RfmAnalyzer().Analyze(TinyTransactions(ids));

    /// <summary>The synthetic transactions of 600 customers (seed 11), analysed every way the report can show.</summary>
    public static Synthetic SyntheticResults => LazySynthetic.Value;

    internal sealed class Synthetic
    {
        public required IReadOnlyList<Transaction> Transactions { get; init; }

        public required RfmResult Rfm { get; init; }

        public required SpendTierAssignment Tiers { get; init; }

        public required TierMovements Movements { get; init; }

        public required LifetimeValueResult LifetimeValue { get; init; }

        public required HoldoutEvaluation Holdout { get; init; }

        public required SegmentationResult Clustering { get; init; }

        public LoyaltyReportOptions AllOptions(string title = LoyaltyReportOptions.DefaultTitle) => new()
        {
            Tiers = Tiers,
            Movements = Movements,
            LifetimeValue = LifetimeValue,
            Holdout = Holdout,
            Clustering = Clustering,
            Title = title,
        };

        /// <summary>
        /// Analyses 600 synthetic customers; with <paramref name="ids"/> every customer id is replaced (customer i gets
        /// ids[i % ids.Count] + " #i") and with <paramref name="tierNames"/> the three tiers are so named.
        /// </summary>
        public static Synthetic Make(IReadOnlyList<string>? ids, IReadOnlyList<string>? tierNames)
        {
            IReadOnlyList<Transaction> transactions = SyntheticTransactions.Generate(600, 11);
            if (ids is not null)
            {
                var map = new Dictionary<string, string>(StringComparer.Ordinal);
                transactions = [.. transactions.Select(t => t with { CustomerId = map.TryGetValue(t.CustomerId, out string? id) ? id : map[t.CustomerId] = ids[map.Count % ids.Count] + " #" + map.Count.ToString(CultureInfo.InvariantCulture) })];
            }

            SpendTiers tiers = tierNames is null
                ? ThreeTiers
                : new SpendTiers([new(tierNames[0], 0m), new(tierNames[1], 500m), new(tierNames[2], 1_000m)]);
            RfmResult rfm = new RfmAnalyzer().Analyze(transactions);
            SpendTierAssignment assignment = tiers.Assign(rfm);
            DateOnly last = transactions.Max(t => DateOnly.FromDateTime(t.Timestamp));
            DateOnly calibrationEnd = last.AddDays(-60);
            var set = TransactionSetOf(transactions);
            CalibrationHoldout split = CalibrationHoldout.Split(set, calibrationEnd, last);
            LifetimeValueResult clv = new LifetimeValueAnalyzer().Analyze(split.Calibration);
            return new Synthetic
            {
                Transactions = transactions,
                Rfm = rfm,
                Tiers = assignment,
                Movements = tiers.History(transactions, SpendWindows.Rolling12Months(calibrationEnd.AddDays(1), 1)).Project(clv),
                LifetimeValue = clv,
                Holdout = HoldoutEvaluation.Evaluate(clv.Purchases, split),
                Clustering = rfm.ToSegmentationPipeline(assignment).WithK(4).WithSeed(5).Run(),
            };
        }
    }

    /// <summary>The transactions as a set, through the CSV reader the sample uses.</summary>
    public static TransactionSet TransactionSetOf(IEnumerable<Transaction> transactions)
    {
        var csv = new StringWriter(CultureInfo.InvariantCulture);
        SyntheticTransactions.WriteCsv(transactions, csv);
        return TransactionCsv.Read(new StringReader(csv.ToString()), SyntheticTransactions.CsvOptions);
    }

    /// <summary>The CDNOW sample (../shared/data) in the sample's clv column setup, or null when absent outside CI.</summary>
    public static TransactionSet? Cdnow()
        => TestData.CdnowSample() is { } path
            ? TransactionCsv.Read(path, new TransactionCsvOptions
            {
                WhitespaceSeparated = true,
                ColumnNames = ["MasterId", "CustomerId", "Date", "CDs", "Dollars"],
                CustomerIdColumn = "CustomerId",
                TimestampColumn = "Date",
                Amount = TransactionAmount.Column("Dollars"),
                DateFormats = ["yyyyMMdd"],
            })
            : null;
}
