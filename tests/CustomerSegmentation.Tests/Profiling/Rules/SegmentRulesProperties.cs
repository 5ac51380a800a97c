using System.Globalization;
using System.Text.RegularExpressions;
using CustomerSegmentation.Data;
using CustomerSegmentation.Profiling;
using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CustomerSegmentation.Tests.Profiling.Rules;

/// <summary>Customers (1 to 60, 1 to 3 features of small integers, so values repeat) with random segments 1..K and rule settings.</summary>
public sealed record RuleCase(FeatureMatrix Data, int[] Segments, int K, RuleOptions Options)
{
    public override string ToString()
        => $"K = {K}, depth {Options.MaxDepth}, min leaf {Options.MinLeafSize}, {Options.Criterion}, sample {Options.SampleSize?.ToString(CultureInfo.InvariantCulture) ?? "all"} (seed {Options.Seed}), segments [{string.Join(" ", Segments)}], " +
           $"{Data.RowCount}x{Data.FeatureCount}: [{string.Join("; ", Enumerable.Range(0, Data.FeatureCount).Select(j => string.Join(" ", Data.Column(j).ToArray())))}]";
}

public static class RuleGenerators
{
    public static Arbitrary<RuleCase> Cases()
    {
        Gen<RuleCase> gen =
            from n in Gen.Choose(1, 60)
            from d in Gen.Choose(1, 3)
            from k in Gen.Choose(1, 4)
            from range in Gen.Elements(3, 10, 1000)
            from columns in Gen.Choose(-range, range).Select(v => v / 2.0).ArrayOf(n).ArrayOf(d)
            from segments in Gen.Choose(1, k).ArrayOf(n)
            from depth in Gen.Choose(1, 4)
            from minLeaf in Gen.Choose(1, 4)
            from criterion in Gen.Elements(SplitCriterion.Gini, SplitCriterion.Misclassification)
            from sample in Gen.Frequency((2, Gen.Constant((int?)null)), (1, Gen.Choose(1, 60).Select(v => (int?)v)))
            from seed in Gen.Choose(0, 3)
            select new RuleCase(
                FeatureMatrix.FromColumns([.. columns], [.. Enumerable.Range(0, d).Select(j => $"f{j}")]),
                segments,
                k,
                new RuleOptions { MaxDepth = depth, MinLeafSize = minLeaf, Criterion = criterion, SampleSize = sample, Seed = seed });
        return Arb.From(gen);
    }
}

public sealed partial class SegmentRulesProperties
{
    [Property(Arbitrary = [typeof(RuleGenerators)], MaxTest = 300)]
    public void Applying_the_rules_to_the_training_customers_gives_exactly_the_reported_fidelity(RuleCase c)
    {
        SegmentRules rules = SegmentRules.Learn(c.Data, c.Segments, c.K, c.Options);

        // Each customer meets exactly one segment's rule (checked on the rules' conditions, not the tree).
        int[] byConditions = [.. Enumerable.Range(0, c.Data.RowCount).Select(i => Assert.Single(rules.Rules, r => r.Matches(c.Data.GetRow(i))).Segment)];
        Assert.Equal(byConditions, rules.Apply(c.Data));
        int agreeing = Enumerable.Range(0, c.Segments.Length).Count(i => byConditions[i] == c.Segments[i]);
        Assert.Equal((double)agreeing / c.Segments.Length, rules.Fidelity);
        foreach (SegmentRule rule in rules.Rules)
        {
            int customers = c.Segments.Count(s => s == rule.Segment);
            int predicted = byConditions.Count(s => s == rule.Segment);
            int matched = Enumerable.Range(0, c.Segments.Length).Count(i => c.Segments[i] == rule.Segment && byConditions[i] == rule.Segment);
            Assert.Equal((customers, predicted, matched), (rule.Customers, rule.Predicted, rule.Matched));
            Assert.Equal(customers == 0 ? 0 : (double)matched / customers, rule.Fidelity);
            Assert.Equal(predicted == 0 ? 0 : (double)matched / predicted, rule.Precision);
            Assert.Equal(rule.HasRule, predicted > 0);
        }

        // Grown on a sample or not, every count is over every customer: each path counts the customers meeting it.
        Assert.Equal(c.Data.RowCount, rules.Customers);
        Assert.Equal(Math.Min(c.Data.RowCount, c.Options.SampleSize ?? int.MaxValue), rules.LearntFrom);
        Assert.Equal(rules.LearntFrom < rules.Customers, rules.Sampled);
        foreach (RulePath path in rules.Rules.SelectMany(r => r.Paths))
        {
            Assert.Equal(Enumerable.Range(0, c.Data.RowCount).Count(i => path.Matches(c.Data.GetRow(i))), path.Customers);
        }

        Assert.Equal(c.Data.RowCount, rules.Rules.SelectMany(r => r.Paths).Sum(p => p.Customers));
    }

    [Property(Arbitrary = [typeof(RuleGenerators)], MaxTest = 300)]
    public void A_deeper_tree_never_has_lower_training_fidelity(RuleCase c)
    {
        // Training fidelity: the tree grown on every customer (a tree grown on a sample may fit the rest less well).
        RuleOptions whole = c.Options with { SampleSize = null };
        RuleOptions deeper = whole with { MaxDepth = c.Options.MaxDepth + 1 };

        Assert.True(SegmentRules.Learn(c.Data, c.Segments, c.K, deeper).Agreeing >= SegmentRules.Learn(c.Data, c.Segments, c.K, whole).Agreeing);
    }

    [Property(Arbitrary = [typeof(RuleGenerators)], MaxTest = 200)]
    public void The_rules_are_the_same_for_any_thread_count(RuleCase c)
    {
        string[] Texts(int threads) => [.. SegmentRules.Learn(c.Data, c.Segments, c.K, c.Options with { MaxDegreeOfParallelism = threads }).Rules.Select(r => r.Text)];

        Assert.Equal(Texts(1), Texts(2));
        Assert.Equal(Texts(1), Texts(-1));
    }

    [Property(Arbitrary = [typeof(RuleGenerators)], MaxTest = 300)]
    public void The_printed_bounds_sort_every_training_customer_as_the_midpoints_do(RuleCase c)
    {
        // Every customer is a training customer here (a sampled tree's text is exact for the sampled customers).
        SegmentRules rules = SegmentRules.Learn(c.Data, c.Segments, c.K, c.Options with { SampleSize = null });

        foreach (RuleCondition condition in rules.Rules.SelectMany(r => r.Paths).SelectMany(p => p.Conditions))
        {
            Match text = ConditionText().Match(condition.Text);
            Assert.True(text.Success, condition.Text);
            double? low = text.Groups["low"].Success ? Number(text.Groups["low"].Value) : text.Groups["gt"].Success ? Number(text.Groups["gt"].Value) : null;
            double? high = text.Groups["high"].Success ? Number(text.Groups["high"].Value) : null;
            Assert.Equal(condition.GreaterThan is null, low is null);
            Assert.Equal(condition.AtMost is null, high is null);
            foreach (float value in c.Data.Column(condition.FeatureIndex))
            {
                bool printed = (low is not double l || value > l) && (high is not double h || value <= h);
                Assert.Equal(condition.Holds(value), printed);
            }
        }
    }

    [Property(Arbitrary = [typeof(RuleGenerators)], MaxTest = 300)]
    public void No_split_of_the_tree_has_two_leaves_predicting_one_segment(RuleCase c)
    {
        ThresholdTree tree = SegmentRules.Learn(c.Data, c.Segments, c.K, c.Options).Tree;

        Assert.DoesNotContain(tree.Nodes, node => node.Feature >= 0
            && tree.Nodes[node.Left].Feature < 0 && tree.Nodes[node.Right].Feature < 0
            && tree.Nodes[node.Left].Segment == tree.Nodes[node.Right].Segment);
        Assert.True(tree.Depth <= c.Options.MaxDepth);
        Assert.All(tree.Nodes.Where(n => n.Feature < 0), leaf => Assert.True(leaf.Size >= Math.Min(c.Options.MinLeafSize, c.Data.RowCount)));
    }

    private static double Number(string text) => double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);

    [GeneratedRegex(@"^(?:(?<low>-?[\d.E+-]+) < f\d <= (?<high>-?[\d.E+-]+)|f\d > (?<gt>-?[\d.E+-]+)|f\d <= (?<high>-?[\d.E+-]+))$")]
    private static partial Regex ConditionText();
}
