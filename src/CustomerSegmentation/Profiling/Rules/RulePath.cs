using System.Collections.Immutable;

namespace CustomerSegmentation.Profiling;

/// <summary>
/// The conditions that lead to one leaf of the tree behind <see cref="SegmentRules"/>, at most one per feature, in
/// the data's feature order; a customer meeting all of them reaches the leaf. A tree of a single leaf has one path
/// with no conditions (every customer meets it).
/// </summary>
public sealed class RulePath
{
    internal RulePath(ImmutableArray<RuleCondition> conditions, int customers)
    {
        Conditions = conditions;
        Customers = customers;
        Text = conditions.IsEmpty ? "every customer" : string.Join(" and ", conditions.Select(c => c.Text));
    }

    /// <summary>The conditions, one per feature used, in feature order.</summary>
    public ImmutableArray<RuleCondition> Conditions { get; }

    /// <summary>How many customers meet the path, counted over every customer the rules were measured on (<see cref="SegmentRules.Customers"/>).</summary>
    public int Customers { get; }

    /// <summary>The conditions joined with "and", e.g. "Annual Income (k$) &gt; 69.5 and Spending Score (1-100) &lt;= 39.5".</summary>
    public string Text { get; }

    /// <summary>Whether a customer meets every condition.</summary>
    /// <param name="row">The customer's values, one per feature in the order of <see cref="SegmentRules.FeatureNames"/>.</param>
    /// <returns>True when every condition holds.</returns>
    public bool Matches(ReadOnlySpan<double> row)
    {
        foreach (RuleCondition condition in Conditions)
        {
            if (!condition.Holds(row[condition.FeatureIndex]))
            {
                return false;
            }
        }

        return true;
    }

    /// <inheritdoc />
    public override string ToString() => Text;
}
