using System.CommandLine;

namespace CustomerSegmentation.Sample.Tests;

/// <summary>The command line's modes, defaults and captured output.</summary>
public sealed class SampleCommandLineTests
{
    [Theory]
    [InlineData("", "Segment", "segmentation-output")]
    [InlineData("--k 3", "Segment", "segmentation-output")]
    [InlineData("segment", "Segment", "segmentation-output")]
    [InlineData("rfm", "Rfm", "rfm-output")]
    [InlineData("clv --months 6", "Clv", "clv-output")]
    [InlineData("rfm --out elsewhere", "Rfm", "elsewhere")]
    public void Each_mode_has_its_own_default_output_folder(string args, string mode, string folder)
    {
        SampleOptions? bound = null;
        var commandLine = new SampleCommandLine(options =>
        {
            bound = options;
            return 0;
        });

        ParseResult parsed = commandLine.Parse(args.Split(' ', StringSplitOptions.RemoveEmptyEntries));

        Assert.Empty(parsed.Errors);
        Assert.Equal(0, parsed.Invoke());
        Assert.Equal(Enum.Parse<SampleMode>(mode), bound!.Mode);
        Assert.Equal(folder, bound.Out);
    }

    [Fact]
    public void The_flags_of_today_bind_to_the_options()
    {
        SampleOptions? bound = null;
        var commandLine = new SampleCommandLine(options =>
        {
            bound = options;
            return 0;
        });

        string[] args = ["clv", "--transactions", "t.csv", "--customer", "Customer", "--date", "Date", "--quantity", "Q", "--price", "P", "--order", "Invoice",
            "--date-format", "yyyyMMdd", "--whitespace", "--columns", "Customer, Date,Q,P", "--unit", "DAYS", "--months", "6", "--calibration-end", "2024-06-30",
            "--k-min", "2", "--k-max", "4", "--clusterer", "GMM", "--covariance", "diag", "--seed", "7", "--stability", "--skip-bad-rows"];
        Assert.Equal(0, commandLine.Parse(args).Invoke());

        SampleOptions o = bound!;
        Assert.Equal(("t.csv", "Customer", "Date", "Q", "P", "Invoice", "yyyyMMdd"), (o.Transactions, o.CustomerColumn, o.DateColumn, o.QuantityColumn, o.PriceColumn, o.OrderColumn, o.DateFormat));
        Assert.True(o.Whitespace && o.Stability && o.SkipBadRows && o.GaussianMixture && o.RangeGiven);
        Assert.Equal(["Customer", "Date", "Q", "P"], o.Columns!);
        Assert.Equal((Loyalty.PeriodUnit.Days, 6, new DateOnly(2024, 6, 30)), (o.Unit, o.Months, o.CalibrationEnd));
        Assert.Equal((2, 4, 7, Clustering.GaussianCovariance.Diagonal), (o.KMin, o.KMax, o.Seed, o.Covariance));
    }

    [Theory]
    [InlineData("--k", "3")]
    [InlineData("--bogus")]
    [InlineData("rfm", "--k", "3")]
    [InlineData("clv", "--k", "3")]
    [InlineData("--input", "no-such-file.csv")]
    public void Captured_output_has_no_escape_codes(params string[] args)
    {
        using SampleRun run = SampleRun.Of(args);

        Assert.NotEqual(string.Empty, run.Output + run.Error);
        Assert.DoesNotContain('\u001b', run.Output);
        Assert.DoesNotContain('\u001b', run.Error);
    }
}

/// <summary>Ctrl+C (the cancellation token) stops every mode with one line, its own exit code and no outputs.</summary>
public sealed class SampleCancellationTests
{
    [Theory]
    [InlineData("--k", "3")]
    [InlineData("--stability")]
    [InlineData("rfm", "--k", "3")]
    [InlineData("clv", "--k", "3")]
    public void A_cancelled_run_stops_with_one_line_and_writes_nothing(params string[] args)
    {
        string folder = Path.Combine(Path.GetTempPath(), "cs-sample-" + Guid.NewGuid().ToString("N"));
        var output = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        var error = new StringWriter(System.Globalization.CultureInfo.InvariantCulture);
        using var cancellation = new CancellationTokenSource();
        cancellation.Cancel();
        try
        {
            int code = SampleProgram.Run([.. args, "--out", folder], SampleConsole.Plain(output), SampleConsole.Plain(error), cancellation.Token);

            Assert.Equal(SampleProgram.Cancelled, code);
            Assert.Equal("error: cancelled; no outputs were written." + Environment.NewLine, error.ToString());
            Assert.Empty(Directory.GetFileSystemEntries(folder));
            Assert.DoesNotContain("Wrote ", output.ToString());
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }
}
