using System.CommandLine;
using System.CommandLine.Help;
using System.Globalization;
using System.Text;
using CsvHelper;
using CustomerSegmentation.Clustering;
using CustomerSegmentation.Data;
using CustomerSegmentation.DemoData;
using CustomerSegmentation.Export;
using CustomerSegmentation.Loyalty;
using CustomerSegmentation.Pipeline;
using CustomerSegmentation.Plotly;
using CustomerSegmentation.Selection;
using Spectre.Console;

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

    /// <summary>The exit code of a run stopped by <c>Ctrl+C</c> (the shell's 128 + SIGINT).</summary>
    public const int Cancelled = 130;

    /// <summary>
    /// Runs the sample on plain consoles over <paramref name="output"/> and <paramref name="error"/> (no escape codes,
    /// colours or progress); returns <see cref="Success"/>, <see cref="DataError"/>, <see cref="UsageError"/> or
    /// <see cref="UnexpectedError"/>. Every failure is one line on <paramref name="error"/>, never a stack trace.
    /// </summary>
    /// <param name="args">The command line.</param>
    /// <param name="output">Where the results go.</param>
    /// <param name="error">Where the one-line error goes.</param>
    /// <returns>The exit code.</returns>
    public static int Run(IReadOnlyList<string> args, TextWriter output, TextWriter error)
        => Run(args, SampleConsole.Plain(output), SampleConsole.Plain(error));

    /// <summary>
    /// Runs the sample on the consoles given (progress is drawn when <paramref name="output"/> is interactive);
    /// <paramref name="cancellationToken"/> (Ctrl+C) stops the reading, the sweep and the fits, writes no outputs and
    /// returns <see cref="Cancelled"/>.
    /// </summary>
    /// <param name="args">The command line.</param>
    /// <param name="output">The console of the results (and of the progress, when interactive).</param>
    /// <param name="error">The console of the one-line error (red "error:" when it has colours).</param>
    /// <param name="cancellationToken">Stops the run.</param>
    /// <returns>The exit code.</returns>
    public static int Run(IReadOnlyList<string> args, IAnsiConsole output, IAnsiConsole error, CancellationToken cancellationToken = default)
    {
        var errors = new SampleConsole(error);
        try
        {
            var printer = new SampleConsole(output);
            var commandLine = new SampleCommandLine(options => options.Mode switch
            {
                SampleMode.Clv => RunClv(options, printer, cancellationToken),
                SampleMode.Rfm => RunRfm(options, printer, cancellationToken),
                _ => RunSegments(options, printer, cancellationToken),
            });
            ParseResult parsed = commandLine.Parse(args);
            if (parsed.Action is not HelpAction && parsed.Errors.Count > 0)
            {
                errors.Error(SampleCommandLine.FirstError(parsed)!);
                return UsageError;
            }

            var help = new StringWriter(CultureInfo.InvariantCulture);
            int code = parsed.Invoke(new InvocationConfiguration { Output = help, Error = help, EnableDefaultExceptionHandler = false });
            if (help.GetStringBuilder().Length > 0)
            {
                printer.Line(help.ToString().TrimEnd());
            }

            return code;
        }
        catch (OperationCanceledException) when (cancellationToken.IsCancellationRequested)
        {
            errors.Error("cancelled; no outputs were written.");
            return Cancelled;
        }
        catch (Exception e) when (e is DataFormatException or FileNotFoundException or DirectoryNotFoundException
            or ArgumentException or InvalidOperationException or InvalidDataException or IOException or UnauthorizedAccessException
            or CsvFormatException)
        {
            errors.Error(SampleTerms.Of(OneLine(e)));
            return DataError;
        }
        catch (Exception e)
        {
            errors.Error($"unexpected {e.GetType().Name}: {OneLine(e)}");
            return UnexpectedError;
        }
    }

    private static int RunSegments(SampleOptions options, SampleConsole printer, CancellationToken cancellationToken)
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
            pipeline = SegmentationPipeline.FromCsv(options.Input, options.SkipBadRows ? new CustomerCsvOptions { BadRows = BadRowPolicy.Skip } : null);
        }

        printer.Line($"Features: {string.Join(", ", options.Features)}; scaling: {options.Scaling}");
        pipeline = pipeline.WithFeatures([.. options.Features]).WithAttributes([.. attributes]).WithScaling(options.Scaling).WithSeed(options.Seed);
        if (id is not null)
        {
            pipeline = pipeline.WithId(id);
        }

        SegmentationResult result = Segment(pipeline, options, printer, cancellationToken);
        if (!result.Customers.SkippedRows.IsEmpty)
        {
            SkippedRowsReport skipped = result.Customers.SkippedRows;
            printer.Line($"Rows skipped (--skip-bad-rows): {skipped.Count:N0}; {string.Join(", ", skipped.CountByReason.OrderBy(p => p.Key).Select(p => $"{p.Key} {p.Value:N0}"))}");
            foreach (SkippedRow row in skipped.Samples.Take(5))
            {
                printer.Line($"  {SampleTerms.Of(row.Message)}");
            }
        }

        WriteOutputs(result, outputs, printer, "Customer segments");
        return 0;
    }

    /// <summary>Reads the synthetic transactions, or the file of --transactions with the column options, and prints the hygiene report.</summary>
    private static TransactionSet ReadTransactions(SampleOptions options, SampleConsole printer, CancellationToken cancellationToken)
    {
        TransactionSet transactions;
        if (options.Transactions is null)
        {
            printer.Line($"Transactions: synthetic, {DefaultRfmCustomers:N0} customers (seed {options.Seed})");
            var csv = new StringWriter(CultureInfo.InvariantCulture);
            SyntheticTransactions.WriteCsv(SyntheticTransactions.Generate(DefaultRfmCustomers, options.Seed), csv);
            transactions = TransactionCsv.Read(new StringReader(csv.ToString()), SyntheticTransactions.CsvOptions, cancellationToken);
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
                BadRows = options.SkipBadRows ? BadRowPolicy.Skip : BadRowPolicy.FailFast,
            };
            transactions = TransactionCsv.Read(options.Transactions, csvOptions, cancellationToken);
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

    private static int RunRfm(SampleOptions options, SampleConsole printer, CancellationToken cancellationToken)
    {
        using OutputFolder outputs = OutputFolder.Open(options.Out);
        TransactionSet transactions = ReadTransactions(options, printer, cancellationToken);
        RfmResult rfm = new RfmAnalyzer().Analyze(transactions);
        SpendTierAssignment tiers = SpendTiers.Default.Assign(rfm);
        printer.Line($"Customers: {rfm.Records.Length:N0}; analysis date {rfm.AnalysisDate:yyyy-MM-dd}; frequency counts {rfm.FrequencyBasis}");
        printer.Line(string.Empty);
        printer.Line("RFM segments:");
        printer.Table(rfm.ToSegmentsMarkdown());
        printer.Line("Spend tiers (annualised spend):");
        printer.Table(tiers.ToTiersMarkdown());
        TierMovements? movements = PrintTierMovements(transactions, printer);

        SegmentationPipeline pipeline = rfm.ToSegmentationPipeline(tiers).WithSeed(options.Seed);
        SegmentationResult result = Segment(pipeline, options, printer, cancellationToken);

        // The rfm mode's outputs, all written here.
        rfm.ToReport(new LoyaltyReportOptions { Tiers = tiers, Movements = movements, Clustering = result, Title = "Customer loyalty (RFM)" })
            .Save(outputs.Stage("loyalty-report.html"));
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

    /// <summary>Prints and returns the tier movements between the last two complete calendar years the transactions cover, or null if they cover fewer.</summary>
    private static TierMovements? PrintTierMovements(TransactionSet transactions, SampleConsole printer)
    {
        SpendWindows? years = SpendWindows.CompleteCalendarYears(
            DateOnly.FromDateTime(transactions.Transactions.Min(t => t.Timestamp)), DateOnly.FromDateTime(transactions.Transactions.Max(t => t.Timestamp)));
        if (years is not { Windows.Length: >= 2 })
        {
            printer.Line("Tier movements: the transactions cover fewer than two complete calendar years.");
            return null;
        }

        int last = years.Windows[^1].Start.Year;
        TierMovements movements = SpendTiers.Default.History(transactions, SpendWindows.CalendarYears(last - 1, last)).Movements[0];
        printer.Line($"Tier movements {movements.From} -> {movements.To} (tier earned by calendar-year spend, held through the next year):");
        printer.Table(movements.ToTierMovementsMarkdown());
        printer.Line(string.Join(", ", movements.ByKind.Select(k => $"{k.Kind} {k.Customers:N0}")));
        return movements;
    }

    private static int RunClv(SampleOptions options, SampleConsole printer, CancellationToken cancellationToken)
    {
        using OutputFolder outputs = OutputFolder.Open(options.Out);
        TransactionSet transactions = ReadTransactions(options, printer, cancellationToken);
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
        LifetimeValueResult clv = printer.WithFitStatus(progress => new LifetimeValueAnalyzer(new LifetimeValueOptions { HorizonMonths = options.Months }).Analyze(summary, progress, cancellationToken));
        printer.Line(string.Empty);
        printer.Line($"BG/NBD ({clv.Purchases.Method}, log-likelihood {clv.Purchases.LogLikelihood:F1}, converged {clv.Purchases.Converged}):");
        PrintEstimates(clv.Purchases.Estimates, printer);
        printer.Line($"Gamma-Gamma ({clv.Spend.Method}, log-likelihood {clv.Spend.LogLikelihood:F1}, {clv.Spend.RepeatBuyers:N0} repeat buyers; spend/frequency correlation {clv.Spend.SpendFrequencyCorrelation:F2}):");
        PrintEstimates(clv.Spend.Estimates, printer);
        foreach (string warning in clv.Warnings)
        {
            printer.Line($"warning: {warning}");
        }

        HoldoutEvaluation? holdout = split is null ? null : HoldoutEvaluation.Evaluate(clv.Purchases, split);
        if (split is not null && holdout is not null)
        {
            printer.Line(string.Create(
                CultureInfo.InvariantCulture,
                $"Holdout {end.AddDays(1):yyyy-MM-dd}..{last:yyyy-MM-dd} ({split.HoldoutLength:0.##} {unit}): predicted {holdout.TotalPredicted:N1} repeat purchases, actual {holdout.TotalActual:N0} ({holdout.TotalRelativeError:+0.0%;-0.0%}); per-customer correlation {holdout.Correlation:F2}"));
        }

        printer.Line(string.Empty);
        printer.Line($"Top customers by {options.Months}-month CLV:");
        printer.Table(
            ["Customer", "x", "P(alive)", "E[spend]", "CLV"],
            [.. clv.Customers.OrderByDescending(c => c.Clv).ThenBy(c => c.CustomerId, StringComparer.Ordinal).Take(10).Select(c => (IReadOnlyList<string>)
            [
                Shorten(c.CustomerId),
                c.Frequency.ToString(CultureInfo.InvariantCulture),
                c.ProbabilityAlive.ToString("F3", CultureInfo.InvariantCulture),
                c.ExpectedAverageSpend.ToString("F2", CultureInfo.InvariantCulture),
                c.Clv.ToString("F2", CultureInfo.InvariantCulture),
            ])]);
        printer.Line(string.Empty);
        TierMovements projected = SpendTiers.Default.History(transactions, SpendWindows.Rolling12Months(end.AddDays(1), 1)).Project(clv);
        printer.Line($"Projected tiers {projected.From} -> {projected.To} (spend in the last 12 months against the spend the CLV model expects in the next 12):");
        printer.Table(projected.ToTierMovementsMarkdown());
        printer.Line(string.Join(", ", projected.ByKind.Select(k => $"{k.Kind} {k.Customers:N0}")));
        _ = PrintTierMovements(transactions, printer);

        printer.Line(string.Empty);
        SegmentationResult result = Segment(clv.ToSegmentationPipeline().WithSeed(options.Seed), options, printer, cancellationToken);

        // The clv mode's outputs, all written here. The loyalty report's RFM covers every transaction (the CLV fit may
        // stop at --calibration-end); its tier movements are the projection above.
        RfmResult rfm = new RfmAnalyzer().Analyze(transactions);
        rfm.ToReport(new LoyaltyReportOptions
        {
            Tiers = SpendTiers.Default.Assign(rfm),
            Movements = projected,
            LifetimeValue = clv,
            Holdout = holdout,
            Title = "Customer lifetime value",
        }).Save(outputs.Stage("loyalty-report.html"));
        Write(outputs, "tier-projection.csv", w => projected.WriteTierMovementsCsv(w));
        Write(outputs, "clv.csv", w => clv.WriteCustomersCsv(w));
        Write(outputs, "clv.json", w => w.Write(clv.ToCustomersJson()));
        Write(outputs, "clv-model.json", w => w.Write(clv.ToModelJson()));
        WriteOutputs(result, outputs, printer, "Customer lifetime value segments");
        return 0;
    }

    private static void PrintEstimates(IEnumerable<ParameterEstimate> estimates, SampleConsole printer)
        => printer.Table(
            ["Parameter", "Estimate", "SE"],
            [.. estimates.Select(e => (IReadOnlyList<string>)
            [
                e.Name,
                e.Value.ToString("F6", CultureInfo.InvariantCulture),
                e.StandardError is { } se ? se.ToString("F6", CultureInfo.InvariantCulture) : "n/a",
            ])]);

    private static SegmentationResult Segment(SegmentationPipeline pipeline, SampleOptions options, SampleConsole printer, CancellationToken cancellationToken)
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

        SegmentationResult result = printer.WithProgress(progress => (progress is null ? pipeline : pipeline.WithProgress(progress)).Run(cancellationToken));
        printer.Line(string.Empty);
        if (result.Elbow is ElbowResult elbow)
        {
            printer.Line("Elbow curve (* the chosen K):");
            bool likelihood = elbow.Curve.Any(p => p.Bic is not null);
            string[] header = ["", "K", "inertia", "silhouette", "Calinski-H.", "Davies-B.", .. likelihood ? new[] { "BIC", "AIC" } : []];
            printer.Table(header, [.. elbow.Curve.Select(p => (IReadOnlyList<string>)
            [
                p.K == elbow.ChosenK ? "*" : string.Empty,
                p.K.ToString(CultureInfo.InvariantCulture),
                p.Inertia.ToString("0.###", CultureInfo.InvariantCulture),
                Score(p.Silhouette),
                Score(p.CalinskiHarabasz),
                Score(p.DaviesBouldin),
                .. likelihood ? new[] { Score(p.Bic), Score(p.Aic) } : [],
            ])]);
        }

        printer.Line($"Chosen K = {result.K}: {result.KReason}");
        printer.Line(string.Empty);
        printer.Line("Segments:");
        printer.Table(result.ToProfilesMarkdown());
        if (result.Rules is { } rules)
        {
            printer.Line(string.Create(CultureInfo.InvariantCulture, $"Segments as rules (depth {rules.Depth}; the rules place {rules.Fidelity * 100:0.0}% of customers in their segment):"));
            printer.Table(result.ToRulesMarkdown());
        }

        if (result.Elbow?.GapChosenK is not null)
        {
            printer.Line("Gap statistic:");
            printer.Table(result.ToGapMarkdown());
        }

        if (result.Stability is not null)
        {
            printer.Line("Stability (bootstrap, Jaccard):");
            printer.Table(result.ToStabilityMarkdown());
        }

        return result;
    }

    /// <summary>Writes the segmentation's outputs (after any staged before them) and moves them all into the folder.</summary>
    private static void WriteOutputs(SegmentationResult result, OutputFolder outputs, SampleConsole printer, string title)
    {
        result.ToReport(title: title).Save(outputs.Stage("report.html"));
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
        var options = new CsvReaderOptions
        {
            HasHeader = false,
            SkipEmptyLines = true,
            // Recover hands the record to OnMalformedRecord, which throws with the hint (Throw would throw CsvHelper's own message first).
            MalformedData = CsvMalformedDataHandling.Recover,
            OnMalformedRecord = bad => throw new InvalidDataException(
                $"The header of '{path}' has a stray or unclosed quote near \"{Shorten(bad.RawRecord)}\"; quote whole names (\"Name, with comma\") and double any quote inside them."),
        };
        using var csv = CsvReader.Create(reader, options);
        if (!csv.Read())
        {
            return [];
        }

        var names = new string[csv.FieldCount];
        for (int i = 0; i < names.Length; i++)
        {
            names[i] = csv.GetString(i).Trim();
        }

        return names;
    }

    private static string Score(double? value)
        => value is double v ? v.ToString("0.####", CultureInfo.InvariantCulture) : "-";

    /// <summary>
    /// The message on one line: a CsvHelper message keeps only its first line (the rest is parser state), and the
    /// library's "(Parameter 'x')" and "Actual value was" tails are dropped.
    /// </summary>
    private static string OneLine(Exception e)
    {
        if (e is CsvFormatException)
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
}
