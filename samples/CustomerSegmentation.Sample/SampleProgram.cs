using System.Globalization;
using System.Text;
using CsvHelper;
using CsvHelper.Configuration;
using CustomerSegmentation.Clustering;
using CustomerSegmentation.Data;
using CustomerSegmentation.DemoData;
using CustomerSegmentation.Export;
using CustomerSegmentation.Loyalty;
using CustomerSegmentation.Pipeline;
using CustomerSegmentation.Plotly;
using CustomerSegmentation.Selection;

namespace CustomerSegmentation.Sample;

/// <summary>
/// The sample console program: segments customers (synthetic ones by default, or a CSV) and writes a report, the
/// segments, the profiles and the model; in rfm mode, segments customers by recency, frequency and monetary value.
/// </summary>
internal static class SampleProgram
{
    /// <summary>The number of synthetic customers of the default run.</summary>
    public const int DefaultCustomers = 1000;

    /// <summary>The number of synthetic customers of the default rfm run.</summary>
    public const int DefaultRfmCustomers = 2000;

    /// <summary>The exit code of a successful run.</summary>
    public const int Success = 0;

    /// <summary>The exit code for data or files that cannot be used (a bad cell, a missing column or file, an unwritable folder).</summary>
    public const int DataError = 1;

    /// <summary>The exit code for a bad command line.</summary>
    public const int UsageError = 2;

    /// <summary>The exit code for any other failure: a fault of the sample or the library, reported in one line.</summary>
    public const int UnexpectedError = 3;

    /// <summary>
    /// Runs the sample; returns <see cref="Success"/>, <see cref="DataError"/>, <see cref="UsageError"/> or
    /// <see cref="UnexpectedError"/>. Every failure is one line on <paramref name="error"/>, never a stack trace.
    /// </summary>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
    {
        try
        {
            SampleOptions options = SampleOptions.Parse(args);
            if (options.Help)
            {
                output.WriteLine(SampleOptions.Usage);
                return 0;
            }

            var printer = new Printer(output);
            return options.Clv ? RunClv(options, printer) : options.Rfm ? RunRfm(options, printer) : RunSegments(options, printer);
        }
        catch (SampleUsageException e)
        {
            error.WriteLine($"error: {e.Message}");
            return UsageError;
        }
        catch (Exception e) when (e is DataFormatException or FileNotFoundException or DirectoryNotFoundException
            or ArgumentException or InvalidOperationException or InvalidDataException or IOException or UnauthorizedAccessException
            or CsvHelperException)
        {
            error.WriteLine($"error: {OneLine(e)}");
            return DataError;
        }
        catch (Exception e)
        {
            error.WriteLine($"error: unexpected {e.GetType().Name}: {OneLine(e)}");
            return UnexpectedError;
        }
    }

    private static int RunSegments(SampleOptions options, Printer printer)
    {
        using OutputFolder outputs = OutputFolder.Open(options.Out);
        SegmentationPipeline pipeline;
        string? id = options.Id;
        IReadOnlyList<string>? attributes = options.Attributes;
        if (options.Input is null)
        {
            printer.Line($"Customers: {DefaultCustomers:N0} synthetic mall customers from {SyntheticCustomers.Personas.Length} personas (seed {options.Seed})");
            var csv = new StringWriter(CultureInfo.InvariantCulture);
            SyntheticCustomers.WriteCsv(SyntheticCustomers.Generate(DefaultCustomers, options.Seed), csv);
            pipeline = SegmentationPipeline.FromCsv(new MemoryStream(Encoding.UTF8.GetBytes(csv.ToString())));
            id ??= "CustomerID";
            attributes ??= ["Genre"];
        }
        else
        {
            printer.Line($"Customers: {Path.GetFullPath(options.Input)}");
            IReadOnlyList<string> header = Header(options.Input);
            id ??= header.FirstOrDefault(h => h.Equals("CustomerID", StringComparison.OrdinalIgnoreCase));
            attributes ??= [.. header.Where(h => h.Equals("Genre", StringComparison.OrdinalIgnoreCase))];
            pipeline = SegmentationPipeline.FromCsv(options.Input);
        }

        printer.Line($"Features: {string.Join(", ", options.Features)}; scaling: {options.Scaling}");
        pipeline = pipeline.WithFeatures([.. options.Features]).WithAttributes([.. attributes]).WithScaling(options.Scaling).WithSeed(options.Seed);
        if (id is not null)
        {
            pipeline = pipeline.WithId(id);
        }

        SegmentationResult result = Segment(pipeline, options, printer);
        WriteOutputs(result, outputs, printer, "Customer segments");
        return 0;
    }

    /// <summary>Reads the synthetic transactions, or the file of --transactions with the column options, and prints the hygiene report.</summary>
    private static TransactionSet ReadTransactions(SampleOptions options, Printer printer)
    {
        TransactionSet transactions;
        if (options.Transactions is null)
        {
            printer.Line($"Transactions: synthetic, {DefaultRfmCustomers:N0} customers (seed {options.Seed})");
            var csv = new StringWriter(CultureInfo.InvariantCulture);
            SyntheticTransactions.WriteCsv(SyntheticTransactions.Generate(DefaultRfmCustomers, options.Seed), csv);
            transactions = TransactionCsv.Read(new StringReader(csv.ToString()), SyntheticTransactions.CsvOptions);
        }
        else
        {
            printer.Line($"Transactions: {Path.GetFullPath(options.Transactions)}");
            var csvOptions = new TransactionCsvOptions
            {
                CustomerIdColumn = options.CustomerColumn,
                TimestampColumn = options.DateColumn,
                Amount = options.QuantityColumn is null && options.PriceColumn is null
                    ? TransactionAmount.Column(options.AmountColumn ?? "Amount")
                    : TransactionAmount.QuantityTimesUnitPrice(options.QuantityColumn!, options.PriceColumn!),
                OrderIdColumn = options.OrderColumn,
                DateFormats = options.DateFormat is null ? [] : [options.DateFormat],
                WhitespaceSeparated = options.Whitespace,
                ColumnNames = options.Columns is null ? [] : [.. options.Columns],
            };
            transactions = TransactionCsv.Read(options.Transactions, csvOptions);
        }

        TransactionHygieneReport hygiene = transactions.Hygiene;
        printer.Line($"Rows read: {hygiene.RowsRead:N0}; kept: {hygiene.RowsKept:N0}; set aside: {hygiene.RowsSetAside:N0}");
        foreach ((SkipReason reason, int count) in hygiene.SkippedRows.CountByReason.OrderBy(p => p.Key))
        {
            printer.Line($"  skipped, {reason}: {count:N0}");
        }

        printer.Line($"  returns excluded: {hygiene.ReturnsExcluded:N0}; returns without a purchase: {hygiene.ReturnsWithoutPurchase:N0}");
        return transactions;
    }

    private static int RunRfm(SampleOptions options, Printer printer)
    {
        using OutputFolder outputs = OutputFolder.Open(options.Out);
        TransactionSet transactions = ReadTransactions(options, printer);
        RfmResult rfm = new RfmAnalyzer().Analyze(transactions);
        SpendTierAssignment tiers = SpendTiers.Default.Assign(rfm);
        printer.Line($"Customers: {rfm.Records.Length:N0}; analysis date {rfm.AnalysisDate:yyyy-MM-dd}; frequency counts {rfm.FrequencyBasis}");
        printer.Line(string.Empty);
        printer.Line("RFM segments:");
        printer.Line(rfm.ToSegmentsMarkdown());
        printer.Line("Spend tiers (annualised spend):");
        printer.Line(tiers.ToTiersMarkdown());
        PrintTierMovements(transactions, printer);

        SegmentationPipeline pipeline = rfm.ToSegmentationPipeline(tiers).WithSeed(options.Seed);
        SegmentationResult result = Segment(pipeline, options, printer);
        Write(outputs, "rfm.csv", w => rfm.WriteCustomersCsv(w, tiers));
        Write(outputs, "rfm-segments.csv", w => rfm.WriteSegmentsCsv(w));
        Write(outputs, "rfm-segments.json", w => w.Write(rfm.ToSegmentsJson()));
        Write(outputs, "rfm-segments.md", w => w.Write(rfm.ToSegmentsMarkdown()));
        Write(outputs, "tiers.csv", w => tiers.WriteTiersCsv(w));
        Write(outputs, "tiers.json", w => w.Write(tiers.ToTiersJson()));
        Write(outputs, "tiers.md", w => w.Write(tiers.ToTiersMarkdown()));
        WriteOutputs(result, outputs, printer, "Customer loyalty segments (RFM)");
        return 0;
    }

    /// <summary>The tier movements between the last two complete calendar years the transactions cover, if they cover two.</summary>
    private static void PrintTierMovements(TransactionSet transactions, Printer printer)
    {
        SpendWindows? years = SpendWindows.CompleteCalendarYears(
            DateOnly.FromDateTime(transactions.Transactions.Min(t => t.Timestamp)), DateOnly.FromDateTime(transactions.Transactions.Max(t => t.Timestamp)));
        if (years is not { Windows.Length: >= 2 })
        {
            printer.Line("Tier movements: the transactions cover fewer than two complete calendar years.");
            return;
        }

        int last = years.Windows[^1].Start.Year;
        TierMovements movements = SpendTiers.Default.History(transactions, SpendWindows.CalendarYears(last - 1, last)).Movements[0];
        printer.Line($"Tier movements {movements.From} -> {movements.To} (tier earned by calendar-year spend, held through the next year):");
        printer.Line(movements.ToTierMovementsMarkdown());
        printer.Line(string.Join(", ", movements.ByKind.Select(k => $"{k.Kind} {k.Customers:N0}")));
    }

    private static int RunClv(SampleOptions options, Printer printer)
    {
        using OutputFolder outputs = OutputFolder.Open(options.Out);
        TransactionSet transactions = ReadTransactions(options, printer);
        DateOnly last = transactions.Transactions.Max(t => DateOnly.FromDateTime(t.Timestamp));
        DateOnly end = options.CalibrationEnd ?? last;
        if (end >= last && options.CalibrationEnd is not null)
        {
            throw new ArgumentException($"--calibration-end {end:yyyy-MM-dd} leaves no holdout: the transactions end on {last:yyyy-MM-dd}; give an earlier day.");
        }

        CalibrationHoldout? split = options.CalibrationEnd is { } calibrationEnd
            ? CalibrationHoldout.Split(transactions, calibrationEnd, last, options.Unit)
            : null;
        PurchaseSummary summary = split?.Calibration ?? PurchaseSummary.FromTransactions(transactions, end, options.Unit);
        string unit = options.Unit == PeriodUnit.Weeks ? "weeks" : "days";
        printer.Line($"Customers: {summary.Customers.Length:N0}; repeat buyers {summary.RepeatBuyers:N0}; observed to {end:yyyy-MM-dd}, in {unit}");
        LifetimeValueResult clv = new LifetimeValueAnalyzer(new LifetimeValueOptions { HorizonMonths = options.Months }).Analyze(summary);
        printer.Line(string.Empty);
        printer.Line($"BG/NBD ({clv.Purchases.Method}, log-likelihood {clv.Purchases.LogLikelihood:F1}, converged {clv.Purchases.Converged}):");
        PrintEstimates(clv.Purchases.Estimates, printer);
        printer.Line($"Gamma-Gamma ({clv.Spend.Method}, log-likelihood {clv.Spend.LogLikelihood:F1}, {clv.Spend.RepeatBuyers:N0} repeat buyers; spend/frequency correlation {clv.Spend.SpendFrequencyCorrelation:F2}):");
        PrintEstimates(clv.Spend.Estimates, printer);
        foreach (string warning in clv.Warnings)
        {
            printer.Line($"warning: {warning}");
        }

        if (split is not null)
        {
            HoldoutEvaluation holdout = HoldoutEvaluation.Evaluate(clv.Purchases, split);
            printer.Line(string.Create(
                CultureInfo.InvariantCulture,
                $"Holdout {end.AddDays(1):yyyy-MM-dd}..{last:yyyy-MM-dd} ({split.HoldoutLength:0.##} {unit}): predicted {holdout.TotalPredicted:N1} repeat purchases, actual {holdout.TotalActual:N0} ({holdout.TotalRelativeError:+0.0%;-0.0%}); per-customer correlation {holdout.Correlation:F2}"));
        }

        printer.Line(string.Empty);
        printer.Line($"Top customers by {options.Months}-month CLV:");
        printer.Line(string.Create(CultureInfo.InvariantCulture, $"{"Customer",-12} {"x",5} {"P(alive)",9} {"E[spend]",10} {"CLV",12}"));
        foreach (CustomerLifetimeValue c in clv.Customers.OrderByDescending(c => c.Clv).ThenBy(c => c.CustomerId, StringComparer.Ordinal).Take(10))
        {
            printer.Line(string.Create(CultureInfo.InvariantCulture, $"{Shorten(c.CustomerId),-12} {c.Frequency,5} {c.ProbabilityAlive,9:F3} {c.ExpectedAverageSpend,10:F2} {c.Clv,12:F2}"));
        }

        printer.Line(string.Empty);
        TierMovements projected = SpendTiers.Default.History(transactions, SpendWindows.Rolling12Months(end.AddDays(1), 1)).Project(clv);
        printer.Line($"Projected tiers {projected.From} -> {projected.To} (spend in the last 12 months against the spend the CLV model expects in the next 12):");
        printer.Line(projected.ToTierMovementsMarkdown());
        printer.Line(string.Join(", ", projected.ByKind.Select(k => $"{k.Kind} {k.Customers:N0}")));
        PrintTierMovements(transactions, printer);

        printer.Line(string.Empty);
        SegmentationResult result = Segment(clv.ToSegmentationPipeline().WithSeed(options.Seed), options, printer);
        Write(outputs, "tier-projection.csv", w => projected.WriteTierMovementsCsv(w));
        Write(outputs, "clv.csv", w => clv.WriteCustomersCsv(w));
        Write(outputs, "clv.json", w => w.Write(clv.ToCustomersJson()));
        Write(outputs, "clv-model.json", w => w.Write(clv.ToModelJson()));
        WriteOutputs(result, outputs, printer, "Customer lifetime value segments");
        return 0;
    }

    private static void PrintEstimates(IEnumerable<ParameterEstimate> estimates, Printer printer)
    {
        foreach (ParameterEstimate e in estimates)
        {
            string se = e.StandardError is { } value ? value.ToString("F6", CultureInfo.InvariantCulture) : "n/a";
            printer.Line(string.Create(CultureInfo.InvariantCulture, $"  {e.Name,-6} {e.Value,12:F6}  (SE {se})"));
        }
    }

    private static SegmentationResult Segment(SegmentationPipeline pipeline, SampleOptions options, Printer printer)
    {
        if (options.K is int k)
        {
            pipeline = pipeline.WithK(k);
        }
        else if (options.Gap)
        {
            pipeline = pipeline.ChooseK(options.KMin, options.KMax, KSelectionRule.Gap());
        }
        else if (options.GaussianMixture)
        {
            pipeline = pipeline.ChooseK(options.KMin, options.KMax, KSelectionRule.Bic);
        }
        else if (options.RangeGiven)
        {
            pipeline = pipeline.ChooseK(options.KMin, options.KMax);
        }

        if (options.Stability)
        {
            pipeline = pipeline.WithStability();
        }

        if (options.MiniBatch)
        {
            pipeline = pipeline.UseMiniBatchKMeans();
        }

        if (options.GaussianMixture)
        {
            pipeline = pipeline.UseGaussianMixture(new GaussianMixtureOptions { Covariance = options.Covariance });
        }

        if (options.KPrototypes)
        {
            pipeline = pipeline.UseKPrototypes();
        }

        if (options.Categorical.Count > 0)
        {
            printer.Line($"Categorical: {string.Join(", ", options.Categorical)} ({(options.KPrototypes ? "K-prototypes" : "one-hot")})");
            pipeline = pipeline.WithCategorical([.. options.Categorical]);
            pipeline = options.KPrototypes ? pipeline : pipeline.WithOneHotEncoding();
        }

        SegmentationResult result = pipeline.WithProgress(printer).Run();
        printer.Line(string.Empty);
        if (result.Elbow is ElbowResult elbow)
        {
            printer.Line("Elbow curve:");
            bool likelihood = elbow.Curve.Any(p => p.Bic is not null);
            printer.Line("      K        inertia  silhouette  Calinski-H.  Davies-B." + (likelihood ? "          BIC          AIC" : string.Empty));
            foreach (ElbowPoint p in elbow.Curve)
            {
                string criteria = likelihood ? string.Create(CultureInfo.InvariantCulture, $" {Score(p.Bic, 12)} {Score(p.Aic, 12)}") : string.Empty;
                printer.Line(string.Create(
                    CultureInfo.InvariantCulture,
                    $"  {(p.K == elbow.ChosenK ? '*' : ' ')} {p.K,3} {p.Inertia,14:0.###} {Score(p.Silhouette, 11)} {Score(p.CalinskiHarabasz, 12)} {Score(p.DaviesBouldin, 10)}{criteria}"));
            }
        }

        printer.Line($"Chosen K = {result.K}: {result.KReason}");
        printer.Line(string.Empty);
        printer.Line("Segments:");
        printer.Line(result.ToProfilesMarkdown());
        if (result.Rules is { } rules)
        {
            printer.Line(string.Create(CultureInfo.InvariantCulture, $"Segments as rules (depth {rules.Depth}; the rules place {rules.Fidelity * 100:0.0}% of customers in their segment):"));
            printer.Line(result.ToRulesMarkdown());
        }

        if (result.Elbow?.GapChosenK is not null)
        {
            printer.Line("Gap statistic:");
            printer.Line(result.ToGapMarkdown());
        }

        if (result.Stability is not null)
        {
            printer.Line("Stability (bootstrap, Jaccard):");
            printer.Line(result.ToStabilityMarkdown());
        }

        return result;
    }

    /// <summary>Writes the segmentation's outputs (after any staged before them) and moves them all into the folder.</summary>
    private static void WriteOutputs(SegmentationResult result, OutputFolder outputs, Printer printer, string title)
    {
        if (result.Customers.Features.FeatureCount >= 3)
        {
            result.ToReport(title: title).Save(outputs.Stage("report.html"));
        }
        else
        {
            printer.Line("report.html not written: the 3D plot needs at least three features.");
        }

        Write(outputs, "segments.csv", w => result.WriteAssignmentsCsv(w));
        Write(outputs, "profiles.json", w => w.Write(result.ToProfilesJson()));
        Write(outputs, "model.json", w => w.Write(result.Model.ToJson()));
        foreach (string path in outputs.Commit())
        {
            printer.Line($"Wrote {path}");
        }
    }

    private static void Write(OutputFolder outputs, string name, Action<TextWriter> write)
    {
        using var writer = new StreamWriter(outputs.Stage(name), append: false, new UTF8Encoding(false));
        write(writer);
    }

    /// <summary>The header of a CSV file (delimiter detected), to find the default id and attribute columns.</summary>
    private static IReadOnlyList<string> Header(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The customer file '{path}' does not exist.", path);
        }

        using var reader = new StreamReader(path);
        var configuration = new CsvConfiguration(CultureInfo.InvariantCulture)
        {
            DetectDelimiter = true,
            DetectDelimiterValues = [",", ";", "\t"],
            BadDataFound = bad => throw new InvalidDataException(
                $"The header of '{path}' has a stray or unclosed quote near \"{Shorten(bad.Field)}\"; quote whole names (\"Name, with comma\") and double any quote inside them."),
        };
        using var csv = new CsvReader(reader, configuration);
        return csv.Read() && csv.ReadHeader() ? [.. csv.HeaderRecord!.Select(h => h.Trim())] : [];
    }

    private static string Score(double? value, int width)
        => (value is double v ? v.ToString("0.####", CultureInfo.InvariantCulture) : "-").PadLeft(width);

    /// <summary>
    /// The message on one line: a CsvHelper message keeps only its first line (the rest is parser state), and the
    /// library's "(Parameter 'x')" and "Actual value was" tails are dropped.
    /// </summary>
    private static string OneLine(Exception e)
    {
        if (e is CsvHelperException)
        {
            return e.Message.Trim().Split('\n')[0].Trim();
        }

        string message = e.Message;
        if (e is ArgumentException { ParamName: { } name } && message.LastIndexOf($" (Parameter '{name}')", StringComparison.Ordinal) is int at and >= 0)
        {
            message = message[..at];
        }

        return message.Trim().ReplaceLineEndings(" ");
    }

    private static string Shorten(string text)
    {
        string line = text.ReplaceLineEndings(" ");
        return line.Length <= 40 ? line : string.Concat(line.AsSpan(0, 40), "...");
    }

    /// <summary>Prints lines and progress synchronously (progress arrives from worker threads during the sweep).</summary>
    private sealed class Printer(TextWriter output) : IProgress<SegmentationProgress>
    {
        private readonly Lock _gate = new();

        public void Line(string text)
        {
            lock (_gate)
            {
                output.WriteLine(text);
            }
        }

        public void Report(SegmentationProgress value)
        {
            if (value.Stage == "Choosing K")
            {
                Line($"  [{value.Completed}/{value.Total}] {value.Message}");
            }
        }
    }
}
