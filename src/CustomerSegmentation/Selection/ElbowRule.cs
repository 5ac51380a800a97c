using System.Collections.Immutable;
using System.Globalization;

namespace CustomerSegmentation.Selection;

/// <summary>K at the knee of the inertia curve; when there is none, the highest silhouette, else the smallest K.</summary>
internal sealed class ElbowRule : KSelectionRule
{
    /// <summary>kneed's and yellowbrick's default sensitivity.</summary>
    public const double DefaultSensitivity = 1.0;

    public ElbowRule(double sensitivity)
    {
        if (!double.IsFinite(sensitivity) || sensitivity <= 0)
        {
            throw new ArgumentOutOfRangeException(nameof(sensitivity), sensitivity, "The elbow's sensitivity must be a positive, finite number.");
        }

        Sensitivity = sensitivity;
    }

    public override string Name => "Elbow";

    public double Sensitivity { get; }

    internal override double KneeSensitivity => Sensitivity;

    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"Elbow (sensitivity {Sensitivity})");

    internal override (int K, string Reason) Choose(ImmutableArray<ElbowPoint> curve, Knee knee)
    {
        if (knee.Found)
        {
            return ((int)knee.X!.Value, KneeReason(curve, knee, Sensitivity));
        }

        (int K, double Score)? best = Best(curve, p => p.Silhouette, higherIsBetter: true);
        return best is { } b
            ? (b.K, string.Create(CultureInfo.InvariantCulture, $"{knee.Reason} Fell back to the silhouette: K = {b.K} has the highest silhouette ({b.Score:0.####}) over {Range(curve)}."))
            : (curve[0].K, $"{knee.Reason} No K of {Range(curve)} has a silhouette either, so the smallest K was taken.");
    }

    private protected override IEnumerable<(string Name, double Value)> Parameters() => [("sensitivity", Sensitivity)];

    private protected override KSelectionRule WithParameters(IReadOnlyDictionary<string, double> parameters)
    {
        if (parameters.Count != 1 || !parameters.TryGetValue("sensitivity", out double sensitivity))
        {
            throw new FormatException($"The Elbow rule takes exactly one parameter, 'sensitivity'; the file gives {(parameters.Count == 0 ? "none" : string.Join(", ", parameters.Keys))}.");
        }

        try
        {
            return new ElbowRule(sensitivity);
        }
        catch (ArgumentOutOfRangeException error)
        {
            throw new FormatException(error.Message, error);
        }
    }
}
