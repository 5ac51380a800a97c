using System.Text.RegularExpressions;

namespace CustomerSegmentation.Sample;

/// <summary>
/// Rewrites the library's advice in an error message (its option and method names, such as
/// "set CustomerCsvOptions.BadRows") into the sample's own flags, or says plainly that no flag changes the behaviour.
/// </summary>
internal static partial class SampleTerms
{
    private static readonly (Regex Library, string Sample)[] Rewrites =
    [
        (BadRows(), " Add --skip-bad-rows to skip such rows and count them instead."),
        (OtherCulture(), " It reads as a number in the $1 culture (decimal separator '$2'), but the sample reads numbers with '.' as the decimal separator and has no flag to change it: convert the file first."),
        (LatestDate(), "(the sample has no flag to move that bound)"),
        (OrderIdSet(), "although --order is given"),
        (CategoricalHint(), " If '$1' holds categories, give it to --categorical instead of --features."),
        (LevelLimit(), "the sample has no flag to raise the limit: group the rare values first"),
        (RegCovarAdded(), "after a small regularisation was added"),
        (RegCovarAdvice(), "use --scale standard, --covariance diag, or a smaller --k or --k-max."),
        (EmIterations(), "try --covariance diag, --scale standard or another --k (the sample has no flag for the iteration limit)."),
        (MaxK(), "--k-max is $1 but the data has only $2 customers; lower --k-max or add rows."),
    ];

    /// <summary>The message with every piece of library advice rewritten in the sample's flags.</summary>
    public static string Of(string message)
    {
        foreach ((Regex library, string sample) in Rewrites)
        {
            message = library.Replace(message, sample);
        }

        return message;
    }

    [GeneratedRegex(@" To skip bad rows and get a report of them instead, set \w+\.BadRows to BadRowPolicy\.Skip\.")]
    private static partial Regex BadRows();

    [GeneratedRegex(@" It reads as a number in the (\S+) culture \(decimal separator '(.)'\): if the file uses it, set \w+\.Culture = \S+\.")]
    private static partial Regex OtherCulture();

    [GeneratedRegex(@"\(set \w+\.LatestDate to the end of the analysis period to choose the bound\)")]
    private static partial Regex LatestDate();

    [GeneratedRegex(@"although OrderIdColumn is set")]
    private static partial Regex OrderIdSet();

    [GeneratedRegex(@" If '(.+?)' holds categories, pass it to WithCategorical\("".+?""\) \(CustomerCsvOptions\.CategoricalColumns\) instead of WithFeatures\.")]
    private static partial Regex CategoricalHint();

    [GeneratedRegex(@"raise the limit \(maxLevels, e\.g\. WithCategorical\(.+?\)\) or group the rare values first")]
    private static partial Regex LevelLimit();

    [GeneratedRegex(@"after GaussianMixtureOptions\.RegCovar was added")]
    private static partial Regex RegCovarAdded();

    [GeneratedRegex(@"raise RegCovar, scale the features \(e\.g\. standard scaling\), or use fewer components\.")]
    private static partial Regex RegCovarAdvice();

    [GeneratedRegex(@"raise MaxIterations or Tolerance\.")]
    private static partial Regex EmIterations();

    [GeneratedRegex(@"MaxK is (\d+) but the data has only (\d+) rows; lower MaxK or add rows\.")]
    private static partial Regex MaxK();
}
