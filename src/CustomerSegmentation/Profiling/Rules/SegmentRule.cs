using System.Collections.Immutable;
using System.Globalization;

namespace CustomerSegmentation.Profiling;

/// <summary>
/// One segment explained as a rule in the customers' own units, with how faithfully the rule reproduces the
/// segment: the OR of the paths of every leaf that predicts it, "(A and B) or (C)".
/// </summary>
public sealed class SegmentRule
{
    internal SegmentRule(int segment, ImmutableArray<RulePath> paths, int customers, int predicted, int matched)
    {
        Segment = segment;
        Paths = paths;
        Customers = customers;
        Predicted = predicted;
        Matched = matched;
        Text = paths.Length switch
        {
            0 => NoRule,
            1 => paths[0].Text,
            _ => string.Join(" or ", paths.Select(p => $"({p.Text})")),
        };
    }

    /// <summary>The text of a segment that no leaf predicts.</summary>
    public const string NoRule = "no rule (the tree never predicts it)";

    /// <summary>The segment's number, 1..K, as in <see cref="SegmentProfile.Id"/>.</summary>
    public int Segment { get; }

    /// <summary>The paths, any one of which places a customer in the segment; empty when no leaf predicts the segment.</summary>
    public ImmutableArray<RulePath> Paths { get; }

    /// <summary>Whether any leaf predicts the segment (false: <see cref="Text"/> is <see cref="NoRule"/>).</summary>
    public bool HasRule => !Paths.IsEmpty;

    /// <summary>The rule as text, e.g. "Annual Income (k$) &gt; 69.5 and Spending Score (1-100) &lt;= 39.5", or <see cref="NoRule"/>.</summary>
    public string Text { get; }

    /// <summary>The segment's customers, as the model assigned them.</summary>
    public int Customers { get; }

    /// <summary>The customers the rule places in the segment.</summary>
    public int Predicted { get; }

    /// <summary>The customers both the model and the rule place in the segment.</summary>
    public int Matched { get; }

    /// <summary>
    /// The rule's fidelity to the segment (its recall): of the segment's customers, the share the rule places in it,
    /// <see cref="Matched"/> / <see cref="Customers"/>; 0 for a segment without customers or without a rule.
    /// </summary>
    public double Fidelity => Customers == 0 ? 0 : (double)Matched / Customers;

    /// <summary>
    /// The rule's precision: of the customers the rule places in the segment, the share the model put there,
    /// <see cref="Matched"/> / <see cref="Predicted"/>; 0 when the rule places nobody in it.
    /// </summary>
    public double Precision => Predicted == 0 ? 0 : (double)Matched / Predicted;

    /// <summary>Whether a customer meets the rule (one of its paths).</summary>
    /// <param name="row">The customer's values, one per feature in the order of <see cref="SegmentRules.FeatureNames"/>.</param>
    /// <returns>True when some path matches; false for a segment without a rule.</returns>
    public bool Matches(ReadOnlySpan<double> row)
    {
        foreach (RulePath path in Paths)
        {
            if (path.Matches(row))
            {
                return true;
            }
        }

        return false;
    }

    /// <inheritdoc />
    public override string ToString() => string.Create(CultureInfo.InvariantCulture, $"Segment {Segment}: {Text} (fidelity {Fidelity * 100:0.0}%)");
}
