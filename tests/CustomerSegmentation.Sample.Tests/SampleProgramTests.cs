using System.Globalization;
using CustomerSegmentation.Data;
using CustomerSegmentation.Pipeline;
using CustomerSegmentation.DemoData;
using CustomerSegmentation.Tests;

namespace CustomerSegmentation.Sample.Tests;

public sealed class SampleProgramTests
{
    [Fact]
    public void The_default_run_finds_the_personas_and_writes_every_output()
    {
        using SampleRun run = SampleRun.Of();

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        Assert.Contains($"Chosen K = {SyntheticCustomers.Personas.Length}:", run.Output);
        Assert.Contains("Elbow curve (* the chosen K):", run.Output);
        Assert.DoesNotContain("Choosing K", run.Output); // no progress when the console is not interactive
        Assert.Matches(@"│ Segment +│ Label +│ Customers +│", run.Output); // an aligned table with borders
        Assert.Matches(@"│ \* │ +5 │", run.Output); // the chosen K marked in the elbow table
        foreach (string file in new[] { "report.html", "segments.csv", "profiles.json", "model.json" })
        {
            Assert.True(File.Exists(run.File(file)), $"{file} was not written");
            Assert.Contains(run.File(file), run.Output);
        }

        // The segments recover the generator's true personas.
        CustomerTable segments = CustomerCsv.Read(run.File("segments.csv"), ["Segment"], new() { IdColumn = "Id" });
        var truth = SyntheticCustomers.Generate(SampleProgram.DefaultCustomers, 42).ToDictionary(c => c.Id, c => c.Persona);
        int[] predicted = [.. segments.Features.Column(0).ToArray().Select(v => (int)v)];
        int[] actual = [.. segments.Ids.Select(id => truth[id])];
        Assert.True(AdjustedRand.Index(actual, predicted) >= 0.9, $"adjusted Rand index {AdjustedRand.Index(actual, predicted)}");

        // The model saved predicts the segments written.
        SegmentationModel model = SegmentationModel.Load(run.File("model.json"));
        CustomerTable customers = CustomerCsv.Read(run.File("segments.csv"), ["Age", "Annual Income (k$)", "Spending Score (1-100)"], new() { IdColumn = "Id" });
        Assert.Equal(predicted, model.PredictSegments(customers.Features));
    }

    [Fact]
    public void Mini_batch_k_means_finds_the_personas_too_and_its_model_predicts_the_segments_written()
    {
        using SampleRun run = SampleRun.Of("--clusterer", "minibatch");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        CustomerTable segments = CustomerCsv.Read(run.File("segments.csv"), ["Age", "Annual Income (k$)", "Spending Score (1-100)", "Segment"], new() { IdColumn = "Id" });
        var truth = SyntheticCustomers.Generate(SampleProgram.DefaultCustomers, 42).ToDictionary(c => c.Id, c => c.Persona);
        int[] predicted = [.. segments.Features.Column(3).ToArray().Select(v => (int)v)];
        Assert.True(AdjustedRand.Index([.. segments.Ids.Select(id => truth[id])], predicted) >= 0.9);
        Assert.Equal(predicted, SegmentationModel.Load(run.File("model.json")).PredictSegments(segments.Features));
    }

    [Fact]
    public void A_gaussian_mixture_chooses_K_by_bic_writes_segment_probabilities_and_its_model_predicts_the_segments_written()
    {
        using SampleRun run = SampleRun.Of("--clusterer", "gmm", "--covariance", "diag");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        Assert.Contains("has the lowest BIC", run.Output);
        Assert.Matches(@"│ Davies-B\. │ +BIC │ +AIC │", run.Output);
        string chosenBic = run.Output.Split("has the lowest BIC (")[1].Split(')')[0];
        Assert.Contains(run.Output.Split('\n'), line => line.StartsWith("│ * │", StringComparison.Ordinal) && line.Contains(chosenBic, StringComparison.Ordinal));
        string header = File.ReadLines(run.File("segments.csv")).First();
        Assert.EndsWith(",p_segment_1,p_segment_2,p_segment_3,p_segment_4,p_segment_5", header);
        CustomerTable segments = CustomerCsv.Read(run.File("segments.csv"), ["Age", "Annual Income (k$)", "Spending Score (1-100)", "Segment"], new() { IdColumn = "Id" });
        var truth = SyntheticCustomers.Generate(SampleProgram.DefaultCustomers, 42).ToDictionary(c => c.Id, c => c.Persona);
        int[] predicted = [.. segments.Features.Column(3).ToArray().Select(v => (int)v)];
        Assert.True(AdjustedRand.Index([.. segments.Ids.Select(id => truth[id])], predicted) >= 0.9);
        SegmentationModel model = SegmentationModel.Load(run.File("model.json"));
        Assert.Equal("GaussianMixture", model.ClusteringKind);
        Assert.Equal(predicted, model.PredictSegments(segments.Features));
    }

    [Fact]
    public void The_gap_statistic_chooses_K_and_the_stability_of_every_segment_is_printed_and_exported()
    {
        using SampleRun run = SampleRun.Of("--gap", "--stability");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        Assert.Contains($"Chosen K = {SyntheticCustomers.Personas.Length}: Gap statistic (B = 10 references uniform over the bounding box)", run.Output);
        Assert.Contains("Gap statistic:", run.Output);
        Assert.Matches(@"│ gap's K +│", run.Output);
        Assert.Contains("Stability (bootstrap, Jaccard):", run.Output);
        Assert.Contains("HighlyStable over 20 bootstrap resamples", run.Output);
        string profiles = File.ReadAllText(run.File("profiles.json"));
        Assert.Contains("\"stability\": {", profiles);
        Assert.Contains("\"gap\": {", profiles);
    }

    [Fact]
    public void Every_scaling_of_the_library_is_an_option_in_any_case()
    {
        using SampleRun run = SampleRun.Of("--scale", "LogStandard", "--k", "3");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("scaling: LogStandard", run.Output);
    }

    [Theory]
    [InlineData("--help", "CustomerSegmentation.Sample [command] [options]", "rfm")]
    [InlineData("segment --help", "CustomerSegmentation.Sample segment [options]", "--k-min <n>")]
    [InlineData("rfm --help", "CustomerSegmentation.Sample rfm [options]", "--transactions <csv>")]
    [InlineData("clv --help", "CustomerSegmentation.Sample clv [options]", "--calibration-end <yyyy-MM-dd>")]
    public void Help_prints_the_usage_of_the_root_and_of_each_mode(string args, string usage, string option)
    {
        using SampleRun run = SampleRun.Of(args.Split(' '));

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(string.Empty, run.Error);
        Assert.Contains(usage, run.Output);
        Assert.Contains(option, run.Output);
    }

    [Theory]
    [InlineData("--bogus", "error: Unrecognized command or argument '--bogus'. Try --help.")]
    [InlineData("--k", "error: Option --k needs a value (it was followed by --out). Try --help.")]
    [InlineData("--k 0", "error: Option --k must be at least 1, not 0. Try --help.")]
    [InlineData("--seed x", "error: Option --seed needs a whole number, not 'x'. Try --help.")]
    [InlineData("--scale cubic", "error: Option --scale must be one of none, standard, minmax, logstandard, not 'cubic'. Try --help.")]
    [InlineData("--clusterer dbscan", "error: Option --clusterer must be one of kmeans, minibatch, kprototypes, gmm, not 'dbscan'. Try --help.")]
    [InlineData("--clusterer gmm --covariance round", "error: Option --covariance must be full or diag, not 'round'. Try --help.")]
    [InlineData("--features", "error: Option --features needs a value (it was followed by --out). Try --help.")]
    [InlineData("--k 3 --k-max 5", "error: Give either --k or --k-min/--k-max, not both. Try --help.")]
    [InlineData("--k-min 5 --k-max 3", "error: --k-max (3) is less than --k-min (5). Try --help.")]
    [InlineData("--k 3 --gap", "error: Give either --k or --gap, not both: the gap statistic chooses K. Try --help.")]
    [InlineData("cluster", "error: Unknown command 'cluster'; use 'segment' (the default), 'rfm' or 'clv'. Try --help.")]
    [InlineData("rfm --input customers.csv", "error: Unrecognized command or argument '--input'. Try --help.")]
    [InlineData("rfm --quantity Quantity", "error: Give --quantity and --price together (amount = quantity x price), or --amount alone. Try --help.")]
    [InlineData("rfm --amount Amount --quantity Quantity --price Price", "error: Give either --amount or --quantity with --price, not both. Try --help.")]
    [InlineData("clv --months 0", "error: Option --months must be at least 1, not 0. Try --help.")]
    public void A_bad_command_line_gives_one_line_and_exit_code_2(string args, string message)
    {
        using SampleRun run = SampleRun.Of(args.Split(' '));

        Assert.Equal(2, run.ExitCode);
        Assert.Equal(message + Environment.NewLine, run.Error);
        Assert.Equal(string.Empty, run.Output);
    }

    [Fact]
    public void A_missing_input_file_gives_one_line_and_exit_code_1()
    {
        using SampleRun run = SampleRun.Of("--input", "no-such-file.csv");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal("error: The customer file 'no-such-file.csv' does not exist." + Environment.NewLine, run.Error);
    }

    [Fact]
    public void A_bad_cell_names_its_line_column_and_text()
    {
        string path = Path.GetTempFileName();
        File.WriteAllText(path, "CustomerID,Age,Annual Income (k$),Spending Score (1-100)\n1,19,15,39\n2,twenty,16,81\n");
        try
        {
            using SampleRun run = SampleRun.Of("--input", path);

            Assert.Equal(1, run.ExitCode);
            Assert.Single(run.Error.TrimEnd().Split(Environment.NewLine));
            Assert.Contains("Line 3", run.Error);
            Assert.Contains("'Age'", run.Error);
            Assert.Contains("'twenty'", run.Error);
            Assert.Contains($"the file '{path}'", run.Error);
            Assert.Contains("Add --skip-bad-rows to skip such rows", run.Error);
            Assert.DoesNotContain("CustomerCsvOptions", run.Error);
            Assert.DoesNotContain("BadRows", run.Error);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void A_missing_feature_column_suggests_the_closest_name()
    {
        string path = Path.GetTempFileName();
        File.WriteAllText(path, "CustomerID,Age,Annual Income (k$),Spending Score (1-100)\n1,19,15,39\n");
        try
        {
            using SampleRun run = SampleRun.Of("--input", path, "--features", "Age,Annual Income,Spending Score (1-100)");

            Assert.Equal(1, run.ExitCode);
            Assert.Contains("Did you mean 'Annual Income (k$)'?", run.Error);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void Two_features_segment_and_write_a_report_with_a_2D_plot()
    {
        using SampleRun run = SampleRun.Of("--features", "Annual Income (k$),Spending Score (1-100)", "--k", "5");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Chosen K = 5: K = 5 was fixed with WithK(5).", run.Output);
        Assert.True(File.Exists(run.File("segments.csv")));
        string report = File.ReadAllText(run.File("report.html"));
        Assert.Contains("var data = [{\"type\":\"scatter\",", report, StringComparison.Ordinal);
    }

    [MallDataFact]
    public void The_real_mall_customers_segment_into_five_unscaled()
    {
        string mall = TestData.MallCustomersCsv()!;
        using SampleRun run = SampleRun.Of("--input", mall, "--features", "Age,Annual Income (k$),Spending Score (1-100)", "--id", "CustomerID", "--scale", "none", "--k-min", "2", "--k-max", "10");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Chosen K = 5: Elbow", run.Output);
        Assert.Contains("High income · Low spending", run.Output);
        Assert.Contains("0001,19,15,39,Male,", File.ReadAllText(run.File("segments.csv")));
    }

    [MallDataFact]
    public void The_sample_prints_each_segments_rule_and_fidelity()
    {
        string mall = TestData.MallCustomersCsv()!;
        using SampleRun run = SampleRun.Of("--input", mall, "--features", "Age,Annual Income (k$),Spending Score (1-100)", "--id", "CustomerID", "--scale", "none", "--k", "5");

        Assert.Equal(0, run.ExitCode);
        Assert.Matches(@"Segments as rules \(depth [1-3]; the rules place \d+\.\d% of customers in their segment\):", run.Output);
        Assert.Matches(@"│ Segment +│ Label +│ Rule +│ Fidelity +│ Precision +│ Customers +│", run.Output);
        Assert.Matches(@"│ 3 +│ High income · Low spending +│ Annual Income \(k\$\) > 69\.5 and Spending Score \(1-100\) <= 51\.5 +│ +100\.0% ", run.Output);
        Assert.Contains("\"rules\": {", File.ReadAllText(run.File("profiles.json")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_rfm_mode_segments_synthetic_transactions_and_writes_the_loyalty_tables()
    {
        using SampleRun run = SampleRun.Of("rfm", "--k", "4");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("RFM segments:", run.Output);
        Assert.Contains("Spend tiers (annualised spend):", run.Output);
        Assert.Matches(@"│ Champions +│", run.Output);
        foreach (string file in new[] { "rfm.csv", "rfm-segments.csv", "rfm-segments.json", "rfm-segments.md", "tiers.csv", "tiers.json", "tiers.md", "loyalty-report.html", "report.html", "segments.csv", "profiles.json", "model.json" })
        {
            Assert.True(File.Exists(run.File(file)), $"{file} was not written");
        }

        Assert.StartsWith("Id,Recency,Frequency,Monetary,RFM segment,RFM cell,Spend tier,Segment,", File.ReadAllText(run.File("segments.csv")));
        string loyalty = File.ReadAllText(run.File("loyalty-report.html"));
        Assert.Contains("<title>Customer loyalty (RFM)</title>", loyalty, StringComparison.Ordinal);
        Assert.Contains("Champions", loyalty, StringComparison.Ordinal);
        Assert.Contains("\"type\":\"log\"", loyalty, StringComparison.Ordinal); // the RFM clusters on log axes
    }

    [Fact]
    public void The_rfm_mode_prints_the_tier_movements_of_the_last_two_complete_years()
    {
        // Three years, with a purchase on the first and the last day so that all three are complete.
        var csv = new StringWriter(CultureInfo.InvariantCulture);
        SyntheticTransactions.WriteCsv(
            [
                new Loyalty.Transaction("C000001", new DateTime(2022, 1, 1, 9, 0, 0), 20m, "1"),
                .. SyntheticTransactions.Generate(300, 5, new DateOnly(2022, 1, 1), days: 1095),
                new Loyalty.Transaction("C000001", new DateTime(2024, 12, 31, 18, 0, 0), 20m, "2"),
            ],
            csv);

        using SampleRun run = OnTransactions(csv.ToString(), "rfm", "--order", "OrderId", "--k", "3");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Tier movements 2023 -> 2024 (tier earned by calendar-year spend, held through the next year):", run.Output);
        Assert.Matches(@"│ 2023 \\ 2024 +│ No tier +│ Bronze +│ Silver +│ Gold +│ Platinum +│", run.Output);
        Assert.Matches(@"Inactive [\d,]+, New [\d,]+, Upgrade [\d,]+, Retained [\d,]+, Downgrade [\d,]+, Lapsed [\d,]+", run.Output);
    }

    [Fact]
    public void The_clv_mode_fits_the_lifetime_models_on_synthetic_transactions_and_writes_the_tables()
    {
        using SampleRun run = SampleRun.Of("clv", "--k", "3");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("BG/NBD (", run.Output);
        Assert.Matches(@"│ alpha +│ +\d+\.\d{6} │ +\d+\.\d{6} │", run.Output);
        Assert.Contains("Top customers by 12-month CLV:", run.Output);
        Assert.Matches(@"Projected tiers \d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2} -> \d{4}-\d{2}-\d{2}\.\.\d{4}-\d{2}-\d{2} \(spend in the last 12 months", run.Output);
        Assert.Matches(@"Inactive [\d,]+, New [\d,]+, Upgrade [\d,]+, Retained [\d,]+, Downgrade [\d,]+, Lapsed [\d,]+", run.Output);
        foreach (string file in new[] { "clv.csv", "clv.json", "clv-model.json", "tier-projection.csv", "loyalty-report.html", "report.html", "segments.csv", "profiles.json", "model.json" })
        {
            Assert.True(File.Exists(run.File(file)), $"{file} was not written");
        }

        Assert.StartsWith("CustomerId,Frequency,Recency,T,ProbabilityAlive,ExpectedPurchases,ExpectedAverageSpend,Clv", File.ReadAllText(run.File("clv.csv")));
        Assert.StartsWith("Id,CLV,P(alive),Recency,Segment,", File.ReadAllText(run.File("segments.csv")));
        Assert.Contains("<title>Customer lifetime value</title>", File.ReadAllText(run.File("loyalty-report.html")), StringComparison.Ordinal);
    }

    [Fact]
    public void The_clv_mode_reads_a_whitespace_separated_headerless_file()
    {
        var lines = new List<string>();
        for (int c = 1; c <= 40; c++)
        {
            for (int k = 0; k < 1 + (c % 4); k++)
            {
                lines.Add($" {c:D4}  1997{1 + ((k * 3) % 12):D2}{1 + (c % 27):D2}   {10 + c + k}.50");
            }
        }

        using SampleRun run = OnTransactions(
            string.Join('\n', lines) + "\n",
            "clv",
            "--whitespace", "--columns", "Customer,Date,Dollars", "--customer", "Customer", "--date", "Date", "--amount", "Dollars", "--date-format", "yyyyMMdd", "--k", "2");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Customers: 40;", run.Output);
    }

    [Fact]
    public void The_rfm_mode_says_when_there_are_not_two_complete_years()
    {
        using SampleRun run = SampleRun.Of("rfm", "--k", "3");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains("Tier movements: the transactions cover fewer than two complete calendar years.", run.Output);
    }

    [Fact]
    public void The_clv_mode_checks_the_forecast_against_a_holdout_after_the_calibration_end()
    {
        using SampleRun run = SampleRun.Of("clv", "--calibration-end", "2024-09-30", "--k", "3");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("observed to 2024-09-30, in weeks", run.Output);
        Assert.Matches(@"Holdout 2024-10-01\.\.2024-12-30 \(13 weeks\): predicted [\d,]+\.\d repeat purchases, actual [\d,]+ \([+-]\d+\.\d%\); per-customer correlation -?\d\.\d\d", run.Output);
    }

    [Theory]
    [InlineData("2024-9-30", 2, "Option --calibration-end needs a day as yyyy-MM-dd, not '2024-9-30'.")]
    [InlineData("2024-12-30", 1, "--calibration-end 2024-12-30 leaves no holdout: the transactions end on 2024-12-30; give an earlier day.")]
    public void The_clv_mode_refuses_a_calibration_end_it_cannot_use(string day, int exitCode, string message)
    {
        using SampleRun run = SampleRun.Of("clv", "--calibration-end", day);

        Assert.Equal(exitCode, run.ExitCode);
        Assert.Contains(message, run.Error);
    }

    [Fact]
    public void The_clv_mode_says_in_one_line_when_no_customer_bought_twice()
    {
        using SampleRun run = OnTransactions("CustomerId,Timestamp,Amount\na,2024-01-01,10\nb,2024-02-01,12\nc,2024-03-01,5\n", "clv");

        Assert.Equal(1, run.ExitCode);
        Assert.Equal(
            "error: None of the 3 customers has a repeat purchase (every one bought on one day only), so BG/NBD cannot estimate how often customers buy again or drop out. Observe a longer period.",
            run.Error.Trim());
    }

    [Fact]
    public void The_clv_mode_refuses_an_unknown_unit()
    {
        using SampleRun run = SampleRun.Of("clv", "--unit", "months");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("--unit must be days or weeks, not 'months'", run.Error);
    }

    [Fact]
    public void The_rfm_mode_names_a_missing_transaction_column()
    {
        using SampleRun run = OnTransactions("Customer,When,Amount\nA,2024-01-01,10\n", "rfm");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("CustomerId", run.Error);
        Assert.Single(run.Error.TrimEnd().Split(Environment.NewLine));
    }

    /// <summary>Runs <paramref name="mode"/> with <paramref name="options"/> on a temporary transactions file holding <paramref name="contents"/>, deleted afterwards.</summary>
    private static SampleRun OnTransactions(string contents, string mode, params string[] options)
    {
        string path = Path.GetTempFileName();
        File.WriteAllText(path, contents);
        try
        {
            return SampleRun.Of([mode, "--transactions", path, .. options]);
        }
        finally
        {
            File.Delete(path);
        }
    }
}
