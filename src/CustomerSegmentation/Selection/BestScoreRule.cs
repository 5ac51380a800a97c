using System.Collections.Immutable;
using System.Globalization;

namespace CustomerSegmentation.Selection;

/// <summary>K with the best value of one score; when no K has it, the knee, else the smallest K.</summary>
internal sealed class BestScoreRule(string name, string what, Func<ElbowPoint, double?> score, bool higherIsBetter) : KSelectionRule
{
    public override string Name => name;

    internal override (int K, string Reason) Choose(ImmutableArray<ElbowPoint> curve, Knee knee)
    {
        string range = Range(curve);
        if (Best(curve, score, higherIsBetter) is { } best)
        {
            return (best.K, string.Create(CultureInfo.InvariantCulture, $"K = {best.K} has {what} ({best.Score:0.####}) over {range}."));
        }

        return knee.Found
            ? ((int)knee.X!.Value, $"No K of {range} has that score defined; fell back to the elbow. {KneeReason(curve, knee, KneeSensitivity)}")
            : (curve[0].K, $"No K of {range} has that score defined and the inertia curve has no knee, so the smallest K was taken.");
    }
}
