using System.Globalization;
using CustomerSegmentation.Clustering;
using CustomerSegmentation.Loyalty;
using CustomerSegmentation.Scaling;

namespace CustomerSegmentation.Sample;

/// <summary>The sample's command line, parsed and checked.</summary>
internal sealed record SampleOptions
{
    public const string Usage = """
        Usage: CustomerSegmentation.Sample [segment] [options]
               CustomerSegmentation.Sample rfm [rfm options]
               CustomerSegmentation.Sample clv [rfm options] [clv options]

        Segments customers with K-means, choosing K by the elbow method, and writes report.html, segments.csv,
        profiles.json and model.json. With no options it runs on 1,000 synthetic mall customers (seed 42).
        The output folder is checked before any work (exit code 1 and one line when it cannot be written); the
        outputs are written into a hidden staging folder inside it and moved in only when all are complete, so a
        failed run leaves the folder as it was.

        Options:
          --input <csv>           a headed CSV of customers (default: synthetic customers)
          --features <a,b,c>      the numeric columns to cluster on
                                  (default: Age,Annual Income (k$),Spending Score (1-100))
          --id <column>           the customer id column (default: CustomerID when present)
          --attributes <a,b>      extra columns to profile, e.g. Genre (default: Genre when present)
          --k <n>                 a fixed number of segments (skips the elbow)
          --k-min <n>, --k-max <n>  the range of K for the elbow (default 1..10)
          --scale <standard|minmax|logstandard|none>  feature scaling (default standard)
          --categorical <a,b>     text columns to cluster on as categories, e.g. Genre (one-hot encoded for
                                  kmeans, minibatch and gmm, natively for kprototypes)
          --clusterer <kmeans|minibatch|kprototypes|gmm>  K-means, mini-batch K-means, K-prototypes or a Gaussian
                                  mixture (default kmeans); gmm chooses K by the lowest BIC and writes each
                                  customer's segment probabilities
          --covariance <full|diag>  the Gaussian mixture's covariance (default full)
          --gap                   choose K by the gap statistic (10 uniform reference sets) instead of the elbow
          --stability             measure each segment's stability over 20 bootstrap resamples (Jaccard)
          --seed <n>              the random seed (default 42)
          --out <dir>             the output folder (default ./segmentation-output)
          --help                  this text

        RFM options (rfm mode):
          --transactions <csv>    a transactions CSV (default: synthetic transactions)
          --customer <column>     customer id column (default CustomerId)
          --date <column>         date/time column (default Timestamp)
          --amount <column>       amount column (default Amount), or --quantity <c> and --price <c>
          --order <column>        order/invoice id column (optional)
          --date-format <fmt>     e.g. yyyyMMdd or "M/d/yyyy H:mm" (default ISO 8601)
          --whitespace            fields separated by runs of blanks (e.g. the CDNOW log)
          --columns <a,b,c>       the file has no header: these are its column names
          --k, --k-min, --k-max, --seed, --out as above

        CLV options (clv mode: BG/NBD and Gamma-Gamma, writes clv.csv, clv.json, clv-model.json):
          --unit <days|weeks>     the time unit of the summary (default weeks)
          --months <n>            the CLV horizon in months (default 12; 1% monthly discount)
          --calibration-end <d>   fit on purchases up to this day (yyyy-MM-dd) and check the forecast of repeat
                                  purchases against the days after it (the holdout)

        Exit codes: 0 success, 1 unusable data or files, 2 bad command line, 3 unexpected failure
        (each failure is one line on standard error).
        """;

    public static readonly string[] DefaultFeatures = ["Age", "Annual Income (k$)", "Spending Score (1-100)"];

    public bool Help { get; init; }

    public bool Rfm { get; init; }

    public bool Clv { get; init; }

    public bool Whitespace { get; init; }

    public string[]? Columns { get; init; }

    public PeriodUnit Unit { get; init; } = PeriodUnit.Weeks;

    public int Months { get; init; } = 12;

    public DateOnly? CalibrationEnd { get; init; }

    public string? Input { get; init; }

    public IReadOnlyList<string> Features { get; init; } = DefaultFeatures;

    public string? Id { get; init; }

    public IReadOnlyList<string>? Attributes { get; init; }

    public int? K { get; init; }

    public int KMin { get; init; } = 1;

    public int KMax { get; init; } = 10;

    public bool RangeGiven { get; init; }

    public FeatureScaling Scaling { get; init; } = FeatureScaling.Standard;

    public bool MiniBatch { get; init; }

    public bool KPrototypes { get; init; }

    public IReadOnlyList<string> Categorical { get; init; } = [];

    public bool GaussianMixture { get; init; }

    public GaussianCovariance Covariance { get; init; }

    public bool Gap { get; init; }

    public bool Stability { get; init; }

    public int Seed { get; init; } = 42;

    public string Out { get; init; } = "segmentation-output";

    public string? Transactions { get; init; }

    public string CustomerColumn { get; init; } = "CustomerId";

    public string DateColumn { get; init; } = "Timestamp";

    public string? AmountColumn { get; init; }

    public string? QuantityColumn { get; init; }

    public string? PriceColumn { get; init; }

    public string? OrderColumn { get; init; }

    public string? DateFormat { get; init; }

    /// <exception cref="SampleUsageException">An unknown option, a missing or bad value; the message is one line.</exception>
    public static SampleOptions Parse(IReadOnlyList<string> args)
    {
        var options = new SampleOptions();
        int i = 0;
        if (args.Count > 0 && !args[0].StartsWith('-'))
        {
            options = args[0] switch
            {
                "segment" => options,
                "rfm" => options with { Rfm = true },
                "clv" => options with { Clv = true },
                _ => throw new SampleUsageException($"Unknown command '{args[0]}'; use 'segment' (the default), 'rfm' or 'clv'. Try --help."),
            };
            i = 1;
        }

        for (; i < args.Count; i++)
        {
            string name = args[i];
            string Value() => i + 1 < args.Count && !args[i + 1].StartsWith("--", StringComparison.Ordinal)
                ? args[++i]
                : throw new SampleUsageException($"Option {name} needs a value. Try --help.");
            options = name switch
            {
                "--help" or "-h" => options with { Help = true },
                "--input" => options with { Input = Value() },
                "--features" => options with { Features = List(name, Value()) },
                "--id" => options with { Id = Value() },
                "--attributes" => options with { Attributes = List(name, Value()) },
                "--k" => options with { K = Positive(name, Value()) },
                "--k-min" => options with { KMin = Positive(name, Value()), RangeGiven = true },
                "--k-max" => options with { KMax = Positive(name, Value()), RangeGiven = true },
                "--scale" => options with { Scaling = ScalingOf(Value()) },
                "--clusterer" => ClustererOf(options, Value()),
                "--categorical" => options with { Categorical = List(name, Value()) },
                "--covariance" => options with { Covariance = CovarianceOf(Value()) },
                "--gap" => options with { Gap = true },
                "--stability" => options with { Stability = true },
                "--seed" => options with { Seed = Integer(name, Value()) },
                "--out" => options with { Out = Value() },
                "--transactions" => options with { Transactions = Value() },
                "--customer" => options with { CustomerColumn = Value() },
                "--date" => options with { DateColumn = Value() },
                "--amount" => options with { AmountColumn = Value() },
                "--quantity" => options with { QuantityColumn = Value() },
                "--price" => options with { PriceColumn = Value() },
                "--order" => options with { OrderColumn = Value() },
                "--date-format" => options with { DateFormat = Value() },
                "--whitespace" => options with { Whitespace = true },
                "--columns" => options with { Columns = List(name, Value()) },
                "--unit" => options with { Unit = UnitOf(Value()) },
                "--months" => options with { Months = Positive(name, Value()) },
                "--calibration-end" => options with { CalibrationEnd = Day(name, Value()) },
                _ => throw new SampleUsageException($"Unknown option '{name}'. Try --help."),
            };
        }

        if (options.K is not null && options.RangeGiven)
        {
            throw new SampleUsageException("Give either --k or --k-min/--k-max, not both.");
        }

        if (options.K is not null && options.Gap)
        {
            throw new SampleUsageException("Give either --k or --gap, not both: the gap statistic chooses K.");
        }

        if (options.KMax < options.KMin)
        {
            throw new SampleUsageException($"--k-max ({options.KMax}) is less than --k-min ({options.KMin}).");
        }

        return options;
    }

    private static string[] List(string name, string value)
    {
        string[] items = value.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        return items.Length > 0 ? items : throw new SampleUsageException($"Option {name} needs a comma-separated list of column names.");
    }

    private static int Integer(string name, string value)
        => int.TryParse(value, NumberStyles.Integer, CultureInfo.InvariantCulture, out int result)
            ? result
            : throw new SampleUsageException($"Option {name} needs a whole number, not '{value}'.");

    private static int Positive(string name, string value)
    {
        int result = Integer(name, value);
        return result >= 1 ? result : throw new SampleUsageException($"Option {name} must be at least 1, not {result}.");
    }

    private static FeatureScaling ScalingOf(string value)
        => FeatureScaling.All.FirstOrDefault(s => string.Equals(s.Name, value, StringComparison.OrdinalIgnoreCase))
            ?? throw new SampleUsageException(
                $"Option --scale must be one of {string.Join(", ", FeatureScaling.All.Select(s => s.Name.ToLowerInvariant()))}, not '{value}'.");

    private static DateOnly Day(string name, string value)
        => DateOnly.TryParseExact(value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly day)
            ? day
            : throw new SampleUsageException($"Option {name} needs a day as yyyy-MM-dd, not '{value}'.");

    private static PeriodUnit UnitOf(string value) => value.ToLowerInvariant() switch
    {
        "days" => PeriodUnit.Days,
        "weeks" => PeriodUnit.Weeks,
        _ => throw new SampleUsageException($"Option --unit must be days or weeks, not '{value}'."),
    };

    private static SampleOptions ClustererOf(SampleOptions options, string value) => value.ToLowerInvariant() switch
    {
        "kmeans" => options with { MiniBatch = false, KPrototypes = false, GaussianMixture = false },
        "minibatch" => options with { MiniBatch = true, KPrototypes = false, GaussianMixture = false },
        "kprototypes" => options with { MiniBatch = false, KPrototypes = true, GaussianMixture = false },
        "gmm" => options with { MiniBatch = false, KPrototypes = false, GaussianMixture = true },
        _ => throw new SampleUsageException($"Option --clusterer must be kmeans, minibatch, kprototypes or gmm, not '{value}'."),
    };

    private static GaussianCovariance CovarianceOf(string value) => value.ToLowerInvariant() switch
    {
        "full" => GaussianCovariance.Full,
        "diag" => GaussianCovariance.Diagonal,
        _ => throw new SampleUsageException($"Option --covariance must be full or diag, not '{value}'."),
    };
}
