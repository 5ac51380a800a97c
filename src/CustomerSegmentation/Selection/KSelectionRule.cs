using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json.Nodes;
using CustomerSegmentation.Data;

namespace CustomerSegmentation.Selection;

/// <summary>
/// How an <see cref="ElbowSelector"/> picks K from the curve of every K it fitted. Each rule owns its name, its
/// parameters and their validation, and how it is written into a model file; a new rule is a new subclass.
/// </summary>
/// <example>
/// <code>
/// var options = new ElbowOptions { MinK = 2, MaxK = 10, Rule = KSelectionRule.MaxSilhouette };
/// var conservative = KSelectionRule.Elbow(sensitivity: 2);
/// </code>
/// </example>
public abstract class KSelectionRule
{
    private protected KSelectionRule()
    {
    }

    /// <summary>The knee of the inertia curve (Kneedle with sensitivity 1, as kneed and yellowbrick find it). The default.</summary>
    public static KSelectionRule Default { get; } = new ElbowRule(ElbowRule.DefaultSensitivity);

    /// <summary>The K with the highest mean silhouette (K of at least 2).</summary>
    public static KSelectionRule MaxSilhouette { get; } = new BestScoreRule(
        "MaxSilhouette", "the highest silhouette", p => p.Silhouette, higherIsBetter: true);

    /// <summary>The K with the highest Calinski-Harabasz score (K of at least 2).</summary>
    public static KSelectionRule MaxCalinskiHarabasz { get; } = new BestScoreRule(
        "MaxCalinskiHarabasz", "the highest Calinski-Harabasz score", p => p.CalinskiHarabasz, higherIsBetter: true);

    /// <summary>The K with the lowest Davies-Bouldin score (K of at least 2).</summary>
    public static KSelectionRule MinDaviesBouldin { get; } = new BestScoreRule(
        "MinDaviesBouldin", "the lowest Davies-Bouldin score", p => p.DaviesBouldin, higherIsBetter: false);

    /// <summary>
    /// The K with the lowest Bayesian information criterion, -2 ln L + p ln N. Needs a clusterer whose model has a
    /// likelihood (<see cref="Clustering.ILikelihoodModel"/>, e.g. <see cref="Clustering.GaussianMixtureClusterer"/>); the
    /// sweep throws <see cref="InvalidOperationException"/> naming the model otherwise.
    /// </summary>
    public static KSelectionRule Bic { get; } = new LikelihoodRule("Bic", "the lowest BIC", p => p.Bic);

    /// <summary>
    /// The K with the lowest Akaike information criterion, -2 ln L + 2 p. Needs a clusterer whose model has a
    /// likelihood, as <see cref="Bic"/> does.
    /// </summary>
    public static KSelectionRule Aic { get; } = new LikelihoodRule("Aic", "the lowest AIC", p => p.Aic);

    /// <summary>The name of the rule, as written into model files (e.g. "Elbow", "MaxSilhouette").</summary>
    public abstract string Name { get; }

    /// <summary>Every built-in rule's name, for messages and parsing.</summary>
    internal static IEnumerable<string> Names => All.Select(r => r.Name);

    /// <summary>The knee of the inertia curve found by Kneedle; when there is none, the highest silhouette.</summary>
    /// <param name="sensitivity">Kneedle's S: larger is more conservative. Positive and finite; 1 as kneed and yellowbrick.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="sensitivity"/> is not positive and finite.</exception>
    public static KSelectionRule Elbow(double sensitivity = ElbowRule.DefaultSensitivity) => new ElbowRule(sensitivity);

    /// <summary>
    /// The gap statistic (Tibshirani, Walther &amp; Hastie 2001): the smallest K with Gap(K) &gt;= Gap(K+1) - s_(K+1),
    /// where Gap(K) = mean over <paramref name="references"/> reference data sets of log W*_K minus log W_K (W = the
    /// fit's inertia) and s_K = sd(log W*_K) · sqrt(1 + 1/B). When no K qualifies, the largest K. Every reference set
    /// is fitted for every K, so the sweep costs about B + 1 times a plain one.
    /// </summary>
    /// <param name="references">The number of reference data sets B, at least 2; 10 by default.</param>
    /// <param name="reference">Where the reference sets come from; null for <see cref="GapReference.BoundingBox"/>.</param>
    /// <returns>The rule.</returns>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="references"/> is below 2.</exception>
    public static KSelectionRule Gap(int references = GapRule.DefaultReferences, GapReference? reference = null)
        => new GapRule(references, reference ?? GapReference.BoundingBox);

    /// <summary>The rule and its parameters, e.g. "Elbow (sensitivity 1)".</summary>
    /// <returns>A one-line description.</returns>
    public override string ToString() => Name;

    /// <summary>The Kneedle sensitivity used to find the knee that every result reports.</summary>
    internal virtual double KneeSensitivity => ElbowRule.DefaultSensitivity;

    /// <summary>Whether the rule reads each fit's likelihood (the fit's model must be an <see cref="Clustering.ILikelihoodModel"/>).</summary>
    internal virtual bool RequiresLikelihood => false;

    /// <summary>The gap statistic the rule needs computed, or null when it does not use it.</summary>
    internal virtual GapSettings? RequiredGap => null;

    /// <summary>Chooses K from the scored curve and its knee, and says why in a sentence.</summary>
    internal abstract (int K, string Reason) Choose(ImmutableArray<ElbowPoint> curve, Knee knee);

    /// <summary>The rule as a JSON object: its name and parameters.</summary>
    internal JsonObject ToJson()
    {
        var json = new JsonObject { ["name"] = Name };
        foreach ((string key, double value) in Parameters())
        {
            json[key] = value;
        }

        return json;
    }

    /// <summary>Reads a rule written by <see cref="ToJson"/>; unknown names and parameters are errors.</summary>
    /// <param name="json">The rule's object in the model file.</param>
    /// <param name="path">Its JSON path, for messages.</param>
    /// <exception cref="InvalidDataException">The name is unknown, or a parameter is unknown, missing, not a finite number or out of range; the message names the JSON path.</exception>
    internal static KSelectionRule FromJson(JsonObject json, string path)
    {
        string name = StrictJson.Text(StrictJson.Required(json, path, "name"), StrictJson.Child(path, "name"));
        var parameters = new Dictionary<string, double>(StringComparer.Ordinal);
        foreach ((string key, JsonNode? value) in json)
        {
            if (key != "name")
            {
                parameters[key] = StrictJson.Number(value, StrictJson.Child(path, key));
            }
        }

        KSelectionRule prototype = All.FirstOrDefault(r => r.Name == name)
            ?? throw StrictJson.Error(StrictJson.Child(path, "name"), $"'{name}' is not a K rule; the rules are {string.Join(", ", Names)}.");
        try
        {
            return prototype.WithParameters(parameters);
        }
        catch (FormatException error)
        {
            throw StrictJson.Error(path, error.Message, error);
        }
    }

    /// <summary>This kind of rule with the parameters read from a file; the base takes none.</summary>
    /// <exception cref="FormatException">A parameter is unknown, missing or out of range.</exception>
    private protected virtual KSelectionRule WithParameters(IReadOnlyDictionary<string, double> parameters)
        => parameters.Count == 0 ? this
            : throw new FormatException($"The K rule {Name} takes no parameters, but the file gives {string.Join(", ", parameters.Keys)}.");

    /// <summary>The rule's parameters by name, in a fixed order.</summary>
    private protected virtual IEnumerable<(string Name, double Value)> Parameters() => [];

    private static ImmutableArray<KSelectionRule> All => [Default, MaxSilhouette, MaxCalinskiHarabasz, MinDaviesBouldin, Gap(), Bic, Aic];

    /// <summary>The K with the best value of <paramref name="score"/>, or null when no K has it.</summary>
    private protected static (int K, double Score)? Best(ImmutableArray<ElbowPoint> curve, Func<ElbowPoint, double?> score, bool higherIsBetter)
    {
        (int K, double Score)? best = null;
        foreach (ElbowPoint point in curve)
        {
            if (score(point) is double value && (best is null || (higherIsBetter ? value > best.Value.Score : value < best.Value.Score)))
            {
                best = (point.K, value);
            }
        }

        return best;
    }

    /// <summary>"K = 2..10": the range the curve covers.</summary>
    private protected static string Range(ImmutableArray<ElbowPoint> curve)
        => string.Create(CultureInfo.InvariantCulture, $"K = {curve[0].K}..{curve[^1].K}");

    /// <summary>The sentence for a knee that was found.</summary>
    private protected static string KneeReason(ImmutableArray<ElbowPoint> curve, Knee knee, double sensitivity)
        => string.Create(CultureInfo.InvariantCulture, $"Elbow of the inertia curve at K = {(int)knee.X!.Value} (Kneedle knee, S = {sensitivity}) over {Range(curve)}.");
}
