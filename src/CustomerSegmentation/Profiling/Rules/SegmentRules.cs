using System.Collections.Immutable;
using System.Globalization;
using CustomerSegmentation.Data;

using MathNet.Numerics.Random;

namespace CustomerSegmentation.Profiling;

/// <summary>
/// Segments explained as readable rules: a shallow threshold tree (CART-like, one feature and one threshold per
/// node) trained to reproduce the segments from the features in their own units, read as one rule per segment, with
/// the rules' fidelity to the segmentation (ExKMC, Frost et al. 2020; Moshkovitz et al. 2020).
/// </summary>
/// <remarks>
/// The tree is trained on every customer, or on a seeded random sample of <see cref="RuleOptions.SampleSize"/> of them
/// when there are more (each feature is sorted once; a level of the tree is one pass over the sorted features).
/// Fidelity, the rules' counts and each path's customers are always counted over every customer. Thresholds are
/// midpoints between adjacent distinct values; ties between equally good splits go to the earlier feature, then to the lower threshold, so the same data
/// gives the same rules for any thread count. Splits whose two sides predict the same segment are removed.
/// </remarks>
public sealed class SegmentRules
{
    /// <summary>The most segments rules can explain (a tree row code holds the segment in 16 bits).</summary>
    public const int MostSegments = 1 << 16;

    private readonly ThresholdTree _tree;

    private SegmentRules(ThresholdTree tree, ImmutableArray<string> featureNames, ImmutableArray<SegmentRule> rules, int customers, int learntFrom, int agreeing, RuleOptions options)
    {
        _tree = tree;
        FeatureNames = featureNames;
        Rules = rules;
        Customers = customers;
        LearntFrom = learntFrom;
        Agreeing = agreeing;
        Options = options;
    }

    /// <summary>The features the rules read, in the order <see cref="Predict"/> expects them.</summary>
    public ImmutableArray<string> FeatureNames { get; }

    /// <summary>One rule per segment, in segment order (segment 1 first).</summary>
    public ImmutableArray<SegmentRule> Rules { get; }

    /// <summary>The number of segments, K.</summary>
    public int SegmentCount => Rules.Length;

    /// <summary>The customers the rules were measured on: every customer given to <see cref="Learn"/>.</summary>
    public int Customers { get; }

    /// <summary>
    /// The customers the tree was grown on: <see cref="Customers"/>, or <see cref="RuleOptions.SampleSize"/> of them
    /// drawn at random when there were more.
    /// </summary>
    public int LearntFrom { get; }

    /// <summary>Whether the tree was grown on a sample of the customers (<see cref="LearntFrom"/> &lt; <see cref="Customers"/>).</summary>
    public bool Sampled => LearntFrom < Customers;

    /// <summary>The customers the rules place in the segment the model gave them.</summary>
    public int Agreeing { get; }

    /// <summary>The share of customers the rules place in the segment the model gave them, <see cref="Agreeing"/> / <see cref="Customers"/> (0 to 1).</summary>
    public double Fidelity => (double)Agreeing / Customers;

    /// <summary>The depth of the tree learnt: the most conditions on one path before merging (at most <see cref="RuleOptions.MaxDepth"/>; 0 for a single leaf).</summary>
    public int Depth => _tree.Depth;

    /// <summary>The settings the rules were learnt with.</summary>
    public RuleOptions Options { get; }

    /// <summary>The tree the rules read.</summary>
    internal ThresholdTree Tree => _tree;

    /// <summary>Learns the rules that reproduce <paramref name="segments"/> from <paramref name="features"/>.</summary>
    /// <param name="features">The customers' features in their own units (not scaled), one row per customer.</param>
    /// <param name="segments">Each customer's segment, 1..<paramref name="segmentCount"/>, in row order.</param>
    /// <param name="segmentCount">The number of segments K (a segment may have no customers).</param>
    /// <param name="options">The depth, smallest leaf, split criterion and sample size; null for the defaults (depth 3, Gini, grown on at most a million customers).</param>
    /// <param name="cancellationToken">Checked before each feature is sorted and during each level's pass over every feature.</param>
    /// <returns>The rules with their fidelity.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="features"/> or <paramref name="segments"/> is null.</exception>
    /// <exception cref="ArgumentException"><paramref name="segments"/> does not have one segment per row of <paramref name="features"/>.</exception>
    /// <exception cref="ArgumentOutOfRangeException"><paramref name="segmentCount"/> is below 1 or above <see cref="MostSegments"/>, or a segment is outside 1..<paramref name="segmentCount"/> (the message names the row).</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static SegmentRules Learn(FeatureMatrix features, IReadOnlyList<int> segments, int segmentCount, RuleOptions? options = null, CancellationToken cancellationToken = default)
    {
        ArgumentNullException.ThrowIfNull(features);
        ArgumentNullException.ThrowIfNull(segments);
        ArgumentOutOfRangeException.ThrowIfLessThan(segmentCount, 1);
        if (segmentCount > MostSegments)
        {
            throw new ArgumentOutOfRangeException(
                nameof(segmentCount), segmentCount, string.Create(CultureInfo.InvariantCulture, $"Rules can explain at most {MostSegments} segments; {segmentCount} were given."));
        }
        if (segments.Count != features.RowCount)
        {
            throw new ArgumentException(
                string.Create(CultureInfo.InvariantCulture, $"There are {segments.Count} segment labels but {features.RowCount} customers; give one segment per customer (row)."),
                nameof(segments));
        }

        options ??= new RuleOptions();
        var labels = new int[segments.Count];
        for (int i = 0; i < labels.Length; i++)
        {
            int segment = segments[i];
            if (segment < 1 || segment > segmentCount)
            {
                throw new ArgumentOutOfRangeException(
                    nameof(segments),
                    segment,
                    string.Create(CultureInfo.InvariantCulture, $"Row {i} has segment {segment}; segments are numbered 1..{segmentCount}."));
            }

            labels[i] = segment - 1;
        }

        return LearnChecked(features, labels, segmentCount, options, cancellationToken);
    }

    /// <summary>Learns the rules from checked 0-based segments, one per row of <paramref name="features"/> (the array is read, not kept).</summary>
    internal static SegmentRules LearnChecked(FeatureMatrix features, int[] labels, int segmentCount, RuleOptions options, CancellationToken cancellationToken)
    {
        var customers = new int[segmentCount];
        foreach (int label in labels)
        {
            customers[label]++;
        }

        ThresholdTree grown;
        int learntFrom = labels.Length;
        if (options.SampleSize is int size && size < labels.Length)
        {
            int[] rows = SampleRows(labels.Length, size, options.Seed);
            var sampled = new int[rows.Length];
            for (int i = 0; i < rows.Length; i++)
            {
                sampled[i] = labels[rows[i]];
            }

            grown = ThresholdTree.Grow(features.SelectRows(rows), sampled, segmentCount, options, cancellationToken);
            learntFrom = size;
        }
        else
        {
            grown = ThresholdTree.Grow(features, labels, segmentCount, options, cancellationToken);
        }

        cancellationToken.ThrowIfCancellationRequested();
        (ThresholdTree tree, int[] placed, int[] matched) = grown.Measure(features.PaddedColumns(), labels);
        List<RulePath>[] paths = PathsBySegment(tree, features.FeatureNames);
        ImmutableArray<SegmentRule> rules = [.. Enumerable.Range(0, segmentCount).Select(s => new SegmentRule(s + 1, [.. paths[s]], customers[s], placed[s], matched[s]))];
        return new SegmentRules(tree, features.FeatureNames, rules, labels.Length, learntFrom, matched.Sum(), options);
    }

    /// <summary>
    /// <paramref name="size"/> of the rows 0..<paramref name="rowCount"/> - 1 drawn at random without replacement from
    /// <paramref name="seed"/> (Xoshiro256**), in ascending order: selection sampling (Knuth's Algorithm S), one pass
    /// and no array of the row count.
    /// </summary>
    internal static int[] SampleRows(int rowCount, int size, int seed)
    {
        var random = new Xoshiro256StarStar(seed, threadSafe: false);
        var rows = new int[size];
        int chosen = 0;
        for (int i = 0; chosen < size; i++)
        {
            // Row i is taken with probability (still wanted) / (rows left), so every subset of the size is equally likely.
            if ((rowCount - i) * random.NextDouble() < size - chosen)
            {
                rows[chosen++] = i;
            }
        }

        return rows;
    }

    /// <summary>The rule of segment <paramref name="segment"/> (1..K).</summary>
    /// <param name="segment">The segment number, 1..<see cref="SegmentCount"/>.</param>
    /// <returns>The segment's rule.</returns>
    /// <exception cref="ArgumentOutOfRangeException">No segment has that number.</exception>
    public SegmentRule Rule(int segment)
        => segment >= 1 && segment <= Rules.Length ? Rules[segment - 1]
            : throw new ArgumentOutOfRangeException(nameof(segment), segment, $"Segments are numbered 1..{Rules.Length}.");

    /// <summary>The segment the rules give one customer.</summary>
    /// <param name="row">The customer's values, one per feature in the order of <see cref="FeatureNames"/>, in their own units.</param>
    /// <returns>The segment number, 1..K: the one rule the customer meets (the rules cover every customer exactly once).</returns>
    /// <exception cref="ArgumentException">The row does not have one value per feature, or holds a NaN (the message names the feature).</exception>
    public int Predict(ReadOnlySpan<double> row)
    {
        if (row.Length != FeatureNames.Length)
        {
            throw new ArgumentException(
                $"The row has {row.Length} values but the rules read {FeatureNames.Length} features ({string.Join(", ", FeatureNames)}).", nameof(row));
        }

        for (int j = 0; j < row.Length; j++)
        {
            if (double.IsNaN(row[j]))
            {
                throw new ArgumentException($"The value of '{FeatureNames[j]}' is NaN; the rules need a number for every feature.", nameof(row));
            }
        }

        return _tree.Predict(row) + 1;
    }

    /// <summary>The segment the rules give every customer of <paramref name="features"/>, whose features are found by name.</summary>
    /// <param name="features">The customers; must hold every feature of <see cref="FeatureNames"/> (others are ignored), in their own units.</param>
    /// <returns>One segment number (1..K) per row, in row order.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="features"/> is null.</exception>
    /// <exception cref="ArgumentException">A feature the rules read is missing (the message names it and lists the features there are).</exception>
    public int[] Apply(FeatureMatrix features)
    {
        ArgumentNullException.ThrowIfNull(features);
        float[][] columns = [.. FeatureNames.Select(name => features.PaddedColumn(features.IndexOf(name)))];
        int[] segments = _tree.Predict(columns, features.RowCount);
        for (int i = 0; i < segments.Length; i++)
        {
            segments[i]++;
        }

        return segments;
    }

    /// <summary>The overall fidelity, then one line per segment with its rule and fidelity.</summary>
    /// <returns>The text, one line per segment.</returns>
    public override string ToString()
        => string.Create(CultureInfo.InvariantCulture, $"Rules of depth {Depth}, fidelity {Fidelity * 100:0.0}%{(Sampled ? $" (grown on a sample of {LearntFrom:N0} of the {Customers:N0} customers)" : "")}:")
            + string.Concat(Rules.Select(r => Environment.NewLine + r));

    /// <summary>Each leaf's merged conditions, added to the paths of the segment it predicts, leaves from left to right.</summary>
    private static List<RulePath>[] PathsBySegment(ThresholdTree tree, ImmutableArray<string> names)
    {
        var paths = new List<RulePath>[tree.SegmentCount];
        for (int s = 0; s < paths.Length; s++)
        {
            paths[s] = [];
        }

        var lower = new (double Value, string Text)?[names.Length];
        var upper = new (double Value, string Text)?[names.Length];
        Walk(0);
        return paths;

        void Walk(int at)
        {
            ThresholdTree.Node node = tree.Nodes[at];
            if (node.Feature < 0)
            {
                paths[node.Segment].Add(new RulePath([.. Enumerable.Range(0, names.Length).Where(j => lower[j] is not null || upper[j] is not null).Select(Condition)], node.Size));
                return;
            }

            int j = node.Feature;
            var bound = (node.Threshold, RuleCondition.Bound(node.Threshold, node.Below, node.Above));
            (double Value, string Text)? saved = upper[j];
            if (saved is null || node.Threshold < saved.Value.Value)
            {
                upper[j] = bound;
            }

            Walk(node.Left);
            upper[j] = saved;
            saved = lower[j];
            if (saved is null || node.Threshold > saved.Value.Value)
            {
                lower[j] = bound;
            }

            Walk(node.Right);
            lower[j] = saved;
        }

        RuleCondition Condition(int j)
        {
            string name = names[j];
            string text = (lower[j], upper[j]) switch
            {
                ({ } low, { } high) => $"{low.Text} < {name} <= {high.Text}",
                ({ } low, null) => $"{name} > {low.Text}",
                (null, { } high) => $"{name} <= {high.Text}",
                _ => throw new InvalidOperationException("A condition needs a bound."),
            };
            return new RuleCondition(j, name, lower[j]?.Value, upper[j]?.Value, text);
        }
    }
}
