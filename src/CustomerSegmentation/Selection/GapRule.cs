using System.Collections.Immutable;
using System.Globalization;

namespace CustomerSegmentation.Selection;

/// <summary>K by the gap statistic (Tibshirani, Walther &amp; Hastie 2001); the smallest K when no K has a gap.</summary>
internal sealed class GapRule : KSelectionRule
{
    public const int DefaultReferences = 10;

    public GapRule(int references, GapReference reference)
    {
        ArgumentNullException.ThrowIfNull(reference);
        if (references < 2)
        {
            throw new ArgumentOutOfRangeException(nameof(references), references, "The gap statistic needs at least 2 reference data sets (its standard error is a standard deviation over them).");
        }

        Settings = new GapSettings(references, reference);
    }

    public override string Name => "Gap";

    public GapSettings Settings { get; }

    internal override GapSettings? RequiredGap => Settings;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"Gap ({Settings.References} references, {Settings.Reference})");

    internal override (int K, string Reason) Choose(ImmutableArray<ElbowPoint> curve, Knee knee)
        => GapStatistic.Choose(curve, Settings)
            ?? (curve[0].K, $"No K of {Range(curve)} has a gap statistic (every inertia is zero), so the smallest K was taken.");

    private protected override IEnumerable<(string Name, double Value)> Parameters()
        => [("references", Settings.References), ("principalComponents", Settings.Reference == GapReference.PrincipalComponents ? 1 : 0)];

    private protected override KSelectionRule WithParameters(IReadOnlyDictionary<string, double> parameters)
    {
        if (parameters.Count != 2 || !parameters.TryGetValue("references", out double references) || !parameters.TryGetValue("principalComponents", out double principal))
        {
            throw new FormatException($"The Gap rule takes exactly the parameters 'references' and 'principalComponents'; the file gives {(parameters.Count == 0 ? "none" : string.Join(", ", parameters.Keys))}.");
        }

        if (references != Math.Floor(references) || references < 2 || references > int.MaxValue)
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"The Gap rule's 'references' must be a whole number of at least 2; the file gives {references}."));
        }

        if (principal is not (0 or 1))
        {
            throw new FormatException(string.Create(CultureInfo.InvariantCulture, $"The Gap rule's 'principalComponents' must be 0 (bounding box) or 1 (principal components); the file gives {principal}."));
        }

        return new GapRule((int)references, principal == 1 ? GapReference.PrincipalComponents : GapReference.BoundingBox);
    }
}
