using System.Collections.Immutable;
using CustomerSegmentation.Clustering;

namespace CustomerSegmentation.Selection;

/// <summary>The outcome of an elbow sweep: the score curve, the knee (if any), and the K chosen and why.</summary>
public sealed class ElbowResult
{
    private readonly ImmutableArray<ClusteringResult> _fits;

    internal ElbowResult(
        ImmutableArray<ElbowPoint> curve, ImmutableArray<ClusteringResult> fits, Knee knee, KSelectionRule rule, int chosenK, string reason, int? gapChosenK = null, int? coresetSize = null)
    {
        CoresetSize = coresetSize;
        Curve = curve;
        _fits = fits;
        Knee = knee;
        Rule = rule;
        ChosenK = chosenK;
        Reason = reason;
        GapChosenK = gapChosenK;
    }

    /// <summary>
    /// The number of distinct rows of the coreset the sweep fitted every K on (see <see cref="SweepCoreset"/>), or null
    /// when every K was fitted on every row. With a coreset, each K's labels, inertia and scores are still computed on
    /// every row, and the chosen K's fit finished on every row.
    /// </summary>
    public int? CoresetSize { get; }

    /// <summary>One point per K, in increasing K.</summary>
    public ImmutableArray<ElbowPoint> Curve { get; }

    /// <summary>The knee of the inertia curve as Kneedle finds it; <see cref="Knee.Found"/> is false when there is none.</summary>
    public Knee Knee { get; }

    /// <summary>Whether the inertia curve has a knee.</summary>
    public bool KneeFound => Knee.Found;

    /// <summary>The rule that chose K.</summary>
    public KSelectionRule Rule { get; }

    /// <summary>The K chosen.</summary>
    public int ChosenK { get; }

    /// <summary>Why <see cref="ChosenK"/> was chosen, in a sentence (including any fallback when no knee was found).</summary>
    public string Reason { get; }

    /// <summary>
    /// The K the gap statistic chooses when the sweep computed it (the rule is <see cref="KSelectionRule.Gap"/> or
    /// <see cref="ElbowOptions.GapReferences"/> was set), else null. When it differs from <see cref="ChosenK"/>,
    /// <see cref="Reason"/> ends with a sentence saying so.
    /// </summary>
    public int? GapChosenK { get; }

    /// <summary>The clustering fitted for <see cref="ChosenK"/>.</summary>
    public ClusteringResult Chosen => ClusteringFor(ChosenK);

    /// <summary>The clustering fitted for <paramref name="k"/>.</summary>
    /// <param name="k">A K of the sweep.</param>
    /// <returns>That K's clustering.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="k"/> was not part of the sweep.</exception>
    public ClusteringResult ClusteringFor(int k)
    {
        int index = k - Curve[0].K;
        if (index < 0 || index >= _fits.Length)
        {
            throw new ArgumentOutOfRangeException(nameof(k), k, $"K = {k} was not fitted; the sweep covered K = {Curve[0].K}..{Curve[^1].K}.");
        }

        return _fits[index];
    }
}
