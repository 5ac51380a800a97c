using System.Collections.Immutable;
using System.Globalization;
using CustomerSegmentation.Selection;

namespace CustomerSegmentation.Plotly;

/// <summary>
/// The elbow curve: the inertia for each tried number of segments K, the K that was chosen, optional cluster-quality
/// scores per K and a note (for example "no knee found"). Immutable; validated when constructed.
/// </summary>
internal sealed class ElbowCurveData
{
    /// <summary>Creates and validates an elbow curve.</summary>
    /// <param name="ks">The tried numbers of segments, strictly increasing, each at least 1.</param>
    /// <param name="inertias">The inertia (within-segment sum of squared distances, in squared feature units) for each K; finite and not negative.</param>
    /// <param name="chosenK">The chosen K; one of <paramref name="ks"/>.</param>
    /// <param name="silhouette">The silhouette score per K (null where undefined, e.g. K = 1), or null when not computed.</param>
    /// <param name="calinskiHarabasz">The Calinski-Harabasz score per K (null where undefined), or null when not computed.</param>
    /// <param name="daviesBouldin">The Davies-Bouldin score per K (null where undefined), or null when not computed.</param>
    /// <param name="note">A remark shown under the chart (for example "no knee found"), or null.</param>
    /// <param name="gap">The gap statistic per K (null where undefined), or null when not computed.</param>
    /// <exception cref="ArgumentNullException"><paramref name="ks"/> or <paramref name="inertias"/> is null.</exception>
    /// <exception cref="ArgumentException">
    /// No K; lengths that differ; a K below 1 or out of order; a negative or non-finite inertia or score; a chosen K
    /// that was not tried. The message names the offending position and value.
    /// </exception>
    public ElbowCurveData(
        IReadOnlyList<int> ks,
        IReadOnlyList<double> inertias,
        int chosenK,
        IReadOnlyList<double?>? silhouette = null,
        IReadOnlyList<double?>? calinskiHarabasz = null,
        IReadOnlyList<double?>? daviesBouldin = null,
        string? note = null,
        IReadOnlyList<double?>? gap = null)
    {
        ArgumentNullException.ThrowIfNull(ks);
        ArgumentNullException.ThrowIfNull(inertias);
        if (ks.Count == 0)
        {
            throw new ArgumentException("The elbow curve needs at least one K.", nameof(ks));
        }

        for (int i = 0; i < ks.Count; i++)
        {
            if (ks[i] < 1 || (i > 0 && ks[i] <= ks[i - 1]))
            {
                throw new ArgumentException(
                    $"K values must be at least 1 and strictly increasing, but position {i} holds {ks[i]}{(i > 0 ? $" after {ks[i - 1]}" : "")}.",
                    nameof(ks));
            }
        }

        if (inertias.Count != ks.Count)
        {
            throw new ArgumentException($"There are {inertias.Count} inertias but {ks.Count} K values; give one inertia per K.", nameof(inertias));
        }

        for (int i = 0; i < inertias.Count; i++)
        {
            if (!double.IsFinite(inertias[i]) || inertias[i] < 0)
            {
                throw new ArgumentException(
                    $"The inertia for K = {ks[i]} is {inertias[i].ToString(CultureInfo.InvariantCulture)}; inertias must be finite and not negative.",
                    nameof(inertias));
            }
        }

        if (!ks.Contains(chosenK))
        {
            throw new ArgumentException($"The chosen K = {chosenK} is not among the tried K values ({string.Join(", ", ks)}).", nameof(chosenK));
        }

        Ks = [.. ks];
        Inertias = [.. inertias];
        ChosenK = chosenK;
        Silhouette = Scores(silhouette, ks, "silhouette", nameof(silhouette));
        CalinskiHarabasz = Scores(calinskiHarabasz, ks, "Calinski-Harabasz", nameof(calinskiHarabasz));
        DaviesBouldin = Scores(daviesBouldin, ks, "Davies-Bouldin", nameof(daviesBouldin));
        Note = string.IsNullOrWhiteSpace(note) ? null : note;
        Gap = Scores(gap, ks, "gap", nameof(gap));
    }

    /// <summary>The tried numbers of segments, strictly increasing.</summary>
    public ImmutableArray<int> Ks { get; }

    /// <summary>The inertia for each K, in squared feature units.</summary>
    public ImmutableArray<double> Inertias { get; }

    /// <summary>The chosen number of segments.</summary>
    public int ChosenK { get; }

    /// <summary>The silhouette score per K (null where undefined), or empty when not computed.</summary>
    public ImmutableArray<double?> Silhouette { get; }

    /// <summary>The Calinski-Harabasz score per K (null where undefined), or empty when not computed.</summary>
    public ImmutableArray<double?> CalinskiHarabasz { get; }

    /// <summary>The Davies-Bouldin score per K (null where undefined), or empty when not computed.</summary>
    public ImmutableArray<double?> DaviesBouldin { get; }

    /// <summary>The gap statistic per K (null where undefined), or empty when not computed.</summary>
    public ImmutableArray<double?> Gap { get; }

    /// <summary>A remark shown under the chart, or null.</summary>
    public string? Note { get; }

    /// <summary>The curve of an elbow sweep: inertia and every score per K, the chosen K and <paramref name="note"/>.</summary>
    public static ElbowCurveData From(ElbowResult elbow, string? note)
        => new(
            [.. elbow.Curve.Select(p => p.K)],
            [.. elbow.Curve.Select(p => p.Inertia)],
            elbow.ChosenK,
            [.. elbow.Curve.Select(p => p.Silhouette)],
            [.. elbow.Curve.Select(p => p.CalinskiHarabasz)],
            [.. elbow.Curve.Select(p => p.DaviesBouldin)],
            note,
            elbow.Curve.Any(p => p.Gap is not null) ? [.. elbow.Curve.Select(p => p.Gap)] : null);

    private static ImmutableArray<double?> Scores(IReadOnlyList<double?>? scores, IReadOnlyList<int> ks, string name, string parameter)
    {
        if (scores is null)
        {
            return [];
        }

        if (scores.Count != ks.Count)
        {
            throw new ArgumentException($"There are {scores.Count} {name} scores but {ks.Count} K values; give one per K (null where undefined).", parameter);
        }

        for (int i = 0; i < scores.Count; i++)
        {
            if (scores[i] is double value && !double.IsFinite(value))
            {
                throw new ArgumentException(
                    $"The {name} score for K = {ks[i]} is {value.ToString(CultureInfo.InvariantCulture)}; use null for an undefined score.",
                    parameter);
            }
        }

        return [.. scores];
    }
}
