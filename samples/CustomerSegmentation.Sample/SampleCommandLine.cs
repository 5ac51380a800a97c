using System.CommandLine;
using System.CommandLine.Help;
using System.CommandLine.Parsing;
using System.Globalization;
using CustomerSegmentation.Clustering;
using CustomerSegmentation.Loyalty;
using CustomerSegmentation.Scaling;

namespace CustomerSegmentation.Sample;

/// <summary>
/// The sample's command line on System.CommandLine: the subcommands segment (the default), rfm and clv, their flags,
/// the checks of every value (errors name the flag) and the binding into <see cref="SampleOptions"/>.
/// </summary>
internal sealed class SampleCommandLine
{
    /// <summary>The sentence of the root help that documents the exit codes.</summary>
    public const string ExitCodes = "Exit codes: 0 success, 1 unusable data or files, 2 bad command line, 3 unexpected failure";

    /// <summary>The default output folder of each mode, so one mode never overwrites another's outputs.</summary>
    public static string DefaultOut(SampleMode mode) => mode switch
    {
        SampleMode.Rfm => "rfm-output",
        SampleMode.Clv => "clv-output",
        _ => "segmentation-output",
    };

    private const string FolderNote =
        "It is checked before any work (exit code 1 and one line when it cannot be written); the outputs are written into a hidden staging folder inside it and moved in only when all are complete, so a failed run leaves the folder as it was.";

    // Segment options.
    private readonly Option<string?> _input = new("--input") { Description = "A headed CSV of customers (default: 1,000 synthetic mall customers).", HelpName = "csv" };
    private readonly Option<string[]> _features = List("--features", "The numeric columns to cluster on.", "a,b,c", SampleOptions.DefaultFeatures);
    private readonly Option<string?> _id = new("--id") { Description = "The customer id column (default: CustomerID when present).", HelpName = "column" };
    private readonly Option<string[]> _attributes = List("--attributes", "Extra columns to profile, e.g. Genre (default: Genre when present).", "a,b", null);
    private readonly Option<string> _scale = Choice("--scale", "Feature scaling.", "standard", [.. FeatureScaling.All.Select(s => s.Name.ToLowerInvariant())]);

    private readonly Option<string[]> _categorical = List(
        "--categorical", "Text columns to cluster on as categories, e.g. Genre (one-hot encoded for kmeans, minibatch and gmm, natively for kprototypes).", "a,b", []);

    // Clustering options of every mode.
    private readonly Option<int?> _k = Whole<int?>("--k", "A fixed number of segments (skips the elbow).", null, 1);
    private readonly Option<int?> _kMin = Whole<int?>("--k-min", "The smallest K of the elbow (default 1).", null, 1);
    private readonly Option<int?> _kMax = Whole<int?>("--k-max", "The largest K of the elbow (default 10).", null, 1);
    private readonly Option<string> _clusterer = Choice(
        "--clusterer",
        "K-means, mini-batch K-means, K-prototypes or a Gaussian mixture; gmm chooses K by the lowest BIC and writes each customer's segment probabilities.",
        "kmeans",
        ["kmeans", "minibatch", "kprototypes", "gmm"]);

    private readonly Option<string> _covariance = Choice("--covariance", "The Gaussian mixture's covariance.", "full", ["full", "diag"]);

    private readonly Option<bool> _gap = new("--gap") { Description = "Choose K by the gap statistic (10 uniform reference sets) instead of the elbow." };
    private readonly Option<bool> _stability = new("--stability") { Description = "Measure each segment's stability over 20 bootstrap resamples (Jaccard)." };
    private readonly Option<int?> _seed = Whole<int?>("--seed", "The random seed (default 42).", null, int.MinValue);
    private readonly Option<string?> _out = new("--out")
    {
        Description = $"The output folder (default ./{DefaultOut(SampleMode.Segment)} for segment, ./{DefaultOut(SampleMode.Rfm)} for rfm, ./{DefaultOut(SampleMode.Clv)} for clv). {FolderNote}",
        HelpName = "dir",
    };
    private readonly Option<bool> _skipBadRows = new("--skip-bad-rows") { Description = "Skip rows with a bad or missing cell and count them, instead of stopping at the first." };

    // Transaction options (rfm and clv).
    private readonly Option<string?> _transactions = new("--transactions") { Description = "A transactions CSV (default: synthetic transactions of 2,000 customers).", HelpName = "csv" };
    private readonly Option<string> _customer = Text("--customer", "The customer id column.", "CustomerId");
    private readonly Option<string> _date = Text("--date", "The date/time column.", "Timestamp");
    private readonly Option<string?> _amount = new("--amount") { Description = "The amount column (default Amount), or give --quantity and --price.", HelpName = "column" };
    private readonly Option<string?> _quantity = new("--quantity") { Description = "The quantity column (with --price: amount = quantity x price).", HelpName = "column" };
    private readonly Option<string?> _price = new("--price") { Description = "The unit price column (with --quantity).", HelpName = "column" };
    private readonly Option<string?> _order = new("--order") { Description = "The order/invoice id column (optional).", HelpName = "column" };
    private readonly Option<string?> _dateFormat = new("--date-format") { Description = "The date format, e.g. yyyyMMdd or \"M/d/yyyy H:mm\" (default ISO 8601).", HelpName = "fmt" };
    private readonly Option<bool> _whitespace = new("--whitespace") { Description = "Fields separated by runs of blanks (e.g. the CDNOW log)." };
    private readonly Option<string[]> _columns = List("--columns", "The file has no header: these are its column names.", "a,b,c", null);

    // CLV options.
    private readonly Option<string> _unit = Choice("--unit", "The time unit of the purchase summary.", "weeks", ["days", "weeks"]);
    private readonly Option<int> _months = Whole("--months", "The CLV horizon in months (1% monthly discount).", 12, 1);
    private readonly Option<DateOnly?> _calibrationEnd = new("--calibration-end")
    {
        Description = "Fit on purchases up to this day and check the forecast of repeat purchases against the days after it (the holdout).",
        HelpName = "yyyy-MM-dd",
        CustomParser = result => DateOnly.TryParseExact(result.Tokens[0].Value, "yyyy-MM-dd", CultureInfo.InvariantCulture, DateTimeStyles.None, out DateOnly day)
            ? day
            : Fail<DateOnly?>(result, $"Option --calibration-end needs a day as yyyy-MM-dd, not '{result.Tokens[0].Value}'."),
    };

    /// <summary>Builds the command tree.</summary>
    /// <param name="run">Runs a mode on its checked options and returns the exit code.</param>
    public SampleCommandLine(Func<SampleOptions, int> run)
    {
        Option[] clustering = [_k, _kMin, _kMax, _clusterer, _covariance, _gap, _stability, _seed, _skipBadRows];
        Option[] transactions = [_transactions, _customer, _date, _amount, _quantity, _price, _order, _dateFormat, _whitespace, _columns];

        Command segment = Mode(
            "segment",
            $"Segments customers with K-means (or another clusterer), choosing K by the elbow method, and writes report.html, segments.csv, profiles.json and model.json. With no options it runs on 1,000 synthetic mall customers (seed 42). The default mode: 'segment' may be left out.",
            SampleMode.Segment,
            [_input, _features, _id, _attributes, _scale, _categorical, .. clustering],
            run);
        Command rfm = Mode(
            "rfm",
            "Scores customers by recency, frequency and monetary value, assigns spend tiers, prints the tier movements, segments the RFM scores and writes loyalty-report.html, rfm.csv, rfm-segments.*, tiers.* and the segment outputs. With no options it runs on synthetic transactions of 2,000 customers.",
            SampleMode.Rfm,
            [.. transactions, .. clustering],
            run);
        Command clv = Mode(
            "clv",
            "Fits BG/NBD and Gamma-Gamma to the transactions, estimates each customer's lifetime value, projects the spend tiers, segments by CLV and writes loyalty-report.html, clv.csv, clv.json, clv-model.json, tier-projection.csv and the segment outputs.",
            SampleMode.Clv,
            [.. transactions, _unit, _months, _calibrationEnd, .. clustering],
            run);

        foreach (Option option in clustering.Concat(transactions).Concat([_input, _features, _id, _attributes, _scale, _categorical, _unit, _months, _calibrationEnd, _out]))
        {
            if (option.Arity.MaximumNumberOfValues > 0)
            {
                option.Validators.Add(result => NotAFlag(result, option.Name));
            }
        }

        Root = new Command(
            "CustomerSegmentation.Sample",
            $"Customer segmentation: segment (the default when no mode is given), rfm or clv; '<mode> --help' lists each mode's options. {ExitCodes} (each failure is one line on standard error); 130 when stopped by Ctrl+C.")
        {
            new HelpOption { Recursive = true },
            new VersionOption(),
            segment,
            rfm,
            clv,
        };
    }

    /// <summary>The root command, whose subcommands are the modes.</summary>
    public Command Root { get; }

    /// <summary>
    /// Parses <paramref name="args"/>; a command line that starts with a flag other than help (or is empty) is the
    /// segment mode's, so today's invocations keep working.
    /// </summary>
    /// <param name="args">The command line.</param>
    /// <returns>The parse, to check for errors and then invoke.</returns>
    public ParseResult Parse(IReadOnlyList<string> args)
    {
        bool modeGiven = args.Count > 0 && (!args[0].StartsWith('-') || args[0] is "--help" or "-h" or "-?" or "--version");
        return Root.Parse(modeGiven ? args : ["segment", .. args]);
    }

    /// <summary>
    /// The one error line of <paramref name="parsed"/>, or null when it has none: an unknown mode, else a flag's own
    /// error (a bad or missing value), else an unknown flag or word, else the first.
    /// </summary>
    public static string? FirstError(ParseResult parsed)
    {
        if (parsed.Errors.Count == 0)
        {
            return null;
        }

        if (parsed.CommandResult.Parent is null && parsed.UnmatchedTokens.Count > 0)
        {
            return $"Unknown command '{parsed.UnmatchedTokens[0]}'; use 'segment' (the default), 'rfm' or 'clv'. Try --help.";
        }

        ParseError error = parsed.Errors.FirstOrDefault(e => e.SymbolResult is OptionResult or ArgumentResult)
            ?? parsed.Errors.FirstOrDefault(e => e.Message.StartsWith("Unrecognized", StringComparison.Ordinal))
            ?? parsed.Errors[0];
        return $"{error.Message} Try --help.";
    }

    private Command Mode(string name, string description, SampleMode mode, Option[] options, Func<SampleOptions, int> run)
    {
        var command = new Command(name, description);
        foreach (Option option in options.Append(_out))
        {
            command.Options.Add(option);
        }

        command.Validators.Add(result =>
        {
            if (result.GetResult(_k) is not null && (result.GetResult(_kMin) is not null || result.GetResult(_kMax) is not null))
            {
                result.AddError("Give either --k or --k-min/--k-max, not both.");
            }
            else if (result.GetResult(_k) is not null && result.GetValue(_gap))
            {
                result.AddError("Give either --k or --gap, not both: the gap statistic chooses K.");
            }
            else if ((result.GetValue(_kMin) ?? 1) is int low && (result.GetValue(_kMax) ?? 10) is int high && high < low)
            {
                result.AddError($"--k-max ({high}) is less than --k-min ({low}).");
            }
            else if ((result.GetResult(_quantity) is null) != (result.GetResult(_price) is null))
            {
                result.AddError("Give --quantity and --price together (amount = quantity x price), or --amount alone.");
            }
            else if (result.GetResult(_amount) is not null && result.GetResult(_quantity) is not null)
            {
                result.AddError("Give either --amount or --quantity with --price, not both.");
            }
        });
        command.SetAction(parsed => run(Bind(parsed, mode)));
        return command;
    }

    /// <summary>The options of <paramref name="mode"/>; an option the mode does not have reads as null, so its default is given here.</summary>
    private SampleOptions Bind(ParseResult parsed, SampleMode mode)
    {
        string clusterer = parsed.GetValue(_clusterer)!;
        return new SampleOptions
        {
            Mode = mode,
            SkipBadRows = parsed.GetValue(_skipBadRows),
            Input = parsed.GetValue(_input),
            Features = parsed.GetValue(_features) ?? SampleOptions.DefaultFeatures,
            Id = parsed.GetValue(_id),
            Attributes = parsed.GetValue(_attributes) is { Length: > 0 } attributes ? attributes : null, // no --attributes: the defaults of the data
            Scaling = FeatureScaling.All.First(s => s.Name.Equals(parsed.GetValue(_scale) ?? "standard", StringComparison.OrdinalIgnoreCase)),
            Categorical = parsed.GetValue(_categorical) ?? [],
            K = parsed.GetValue(_k),
            KMin = parsed.GetValue(_kMin) ?? 1,
            KMax = parsed.GetValue(_kMax) ?? 10,
            RangeGiven = parsed.GetResult(_kMin) is not null || parsed.GetResult(_kMax) is not null,
            MiniBatch = clusterer == "minibatch",
            KPrototypes = clusterer == "kprototypes",
            GaussianMixture = clusterer == "gmm",
            Covariance = parsed.GetValue(_covariance) == "diag" ? GaussianCovariance.Diagonal : GaussianCovariance.Full,
            Gap = parsed.GetValue(_gap),
            Stability = parsed.GetValue(_stability),
            Seed = parsed.GetValue(_seed) ?? 42,
            Out = parsed.GetValue(_out) ?? DefaultOut(mode),
            Transactions = parsed.GetValue(_transactions),
            CustomerColumn = parsed.GetValue(_customer) ?? "CustomerId",
            DateColumn = parsed.GetValue(_date) ?? "Timestamp",
            AmountColumn = parsed.GetValue(_amount),
            QuantityColumn = parsed.GetValue(_quantity),
            PriceColumn = parsed.GetValue(_price),
            OrderColumn = parsed.GetValue(_order),
            DateFormat = parsed.GetValue(_dateFormat),
            Whitespace = parsed.GetValue(_whitespace),
            Columns = parsed.GetValue(_columns) is { Length: > 0 } columns ? columns : null,
            Unit = parsed.GetValue(_unit) == "days" ? PeriodUnit.Days : PeriodUnit.Weeks,
            Months = mode == SampleMode.Clv ? parsed.GetValue(_months) : 12,
            CalibrationEnd = parsed.GetValue(_calibrationEnd),
        };
    }

    /// <summary>A value that is a flag (such as --out after a bare --k) means the value was left out.</summary>
    private static void NotAFlag(OptionResult result, string name)
    {
        if (result.Tokens.FirstOrDefault(t => t.Value.StartsWith("--", StringComparison.Ordinal)) is { } flag)
        {
            result.AddError($"Option {name} needs a value (it was followed by {flag.Value}).");
        }
    }

    /// <summary>The value of <paramref name="result"/>'s option, unless it is a flag (then null, with the error recorded).</summary>
    private static string? Value(ArgumentResult result, string name)
    {
        string text = result.Tokens[0].Value;
        return text.StartsWith("--", StringComparison.Ordinal) ? Fail<string?>(result, $"Option {name} needs a value (it was followed by {text}).") : text;
    }

    /// <summary>Records <paramref name="message"/> as the parse error of <paramref name="result"/>; the value returned is never used.</summary>
    private static T Fail<T>(ArgumentResult result, string message)
    {
        result.AddError(message);
        return default!;
    }

    private static Option<string> Text(string name, string description, string defaultValue) => new(name)
    {
        Description = description,
        HelpName = "column",
        DefaultValueFactory = _ => defaultValue,
    };

    private static Option<string[]> List(string name, string description, string helpName, string[]? defaultValue) => new(name)
    {
        Description = description,
        HelpName = helpName,
        Arity = ArgumentArity.ExactlyOne,
        DefaultValueFactory = _ => defaultValue!,
        CustomParser = result =>
        {
            if (Value(result, name) is not string text)
            {
                return default!;
            }

            string[] items = text.Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
            return items.Length > 0 ? items : Fail<string[]>(result, $"Option {name} needs a comma-separated list of column names.");
        },
    };

    private static Option<T> Whole<T>(string name, string description, T defaultValue, int minimum) => new(name)
    {
        Description = description,
        HelpName = "n",
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            if (Value(result, name) is not string text)
            {
                return default!;
            }

            if (!int.TryParse(text, NumberStyles.Integer, CultureInfo.InvariantCulture, out int value))
            {
                return Fail<T>(result, $"Option {name} needs a whole number, not '{text}'.");
            }

            return value >= minimum ? (T)(object)value : Fail<T>(result, $"Option {name} must be at least {minimum}, not {value}.");
        },
    };

    /// <summary>An option whose value is one of <paramref name="choices"/> in any case; it binds to the choice as written there.</summary>
    private static Option<string> Choice(string name, string description, string defaultValue, string[] choices) => new(name)
    {
        Description = description,
        HelpName = string.Join('|', choices),
        DefaultValueFactory = _ => defaultValue,
        CustomParser = result =>
        {
            if (Value(result, name) is not string text)
            {
                return default!;
            }

            string names = choices.Length == 2 ? $"{choices[0]} or {choices[1]}" : $"one of {string.Join(", ", choices)}";
            return choices.FirstOrDefault(c => string.Equals(c, text, StringComparison.OrdinalIgnoreCase))
                ?? Fail<string>(result, $"Option {name} must be {names}, not '{text}'.");
        },
    };
}
