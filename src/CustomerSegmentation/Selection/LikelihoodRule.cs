using System.Collections.Immutable;
using System.Globalization;

namespace CustomerSegmentation.Selection;

/// <summary>K with the lowest information criterion (BIC or AIC) of the fits' likelihoods.</summary>
internal sealed class LikelihoodRule(string name, string what, Func<ElbowPoint, double?> criterion) : KSelectionRule
{
    public override string Name => name;

    internal override bool RequiresLikelihood => true;

    internal override (int K, string Reason) Choose(ImmutableArray<ElbowPoint> curve, Knee knee)
    {
        (int K, double Score) best = Best(curve, criterion, higherIsBetter: false)
            ?? throw new InvalidOperationException($"The K rule {Name} found no fit with a likelihood over {Range(curve)}.");
        return (best.K, string.Create(CultureInfo.InvariantCulture, $"K = {best.K} has {what} ({best.Score:0.##}) over {Range(curve)}."));
    }
}
