using System.Collections.Immutable;
using CustomerSegmentation.Data;

namespace CustomerSegmentation.Profiling;

/// <summary>
/// A shallow CART-like tree: one feature and one threshold per node (left: value &lt;= threshold), each leaf predicting
/// its most frequent segment. Grown level by level on features sorted once; every split point is the midpoint between
/// two adjacent distinct values, and ties are broken by feature order, then by the lower threshold, so the tree
/// depends only on the data, never on the number of threads.
/// </summary>
internal sealed class ThresholdTree
{
    private ThresholdTree(ImmutableArray<Node> nodes, int segmentCount)
    {
        Nodes = nodes;
        SegmentCount = segmentCount;
        Depth = DepthOf(0);
    }

    /// <summary>The nodes; the root is node 0.</summary>
    public ImmutableArray<Node> Nodes { get; }

    /// <summary>The number of segments (labels 0..SegmentCount-1).</summary>
    public int SegmentCount { get; }

    /// <summary>The number of splits on the longest path from the root to a leaf.</summary>
    public int Depth { get; }

    /// <summary>Grows the tree that reproduces <paramref name="labels"/> (0-based segments) from <paramref name="features"/>.</summary>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public static ThresholdTree Grow(FeatureMatrix features, int[] labels, int segmentCount, RuleOptions options, CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        SortedFeatures sorted = SortedFeatures.Of(features, options.MaxDegreeOfParallelism, cancellationToken);
        var grower = new Grower(features, labels, segmentCount, options, sorted);
        List<Grower.Growing> grown = grower.Run(cancellationToken);
        return new ThresholdTree(Compact(grown), segmentCount);
    }

    /// <summary>The 0-based segment the tree gives a row of double values in feature order.</summary>
    public int Predict(ReadOnlySpan<double> row)
    {
        int at = 0;
        while (Nodes[at].Feature >= 0)
        {
            Node node = Nodes[at];
            at = row[node.Feature] <= node.Threshold ? node.Left : node.Right;
        }

        return Nodes[at].Segment;
    }

    /// <summary>The 0-based segment of every row of <paramref name="columns"/> (one column per tree feature, in its order).</summary>
    public int[] Predict(float[][] columns, int rowCount)
    {
        var segments = new int[rowCount];
        for (int i = 0; i < rowCount; i++)
        {
            segments[i] = Nodes[LeafOf(columns, i)].Segment;
        }

        return segments;
    }

    /// <summary>
    /// Places every row of <paramref name="columns"/> and compares it with <paramref name="labels"/>: the tree with each
    /// node's size counted over these rows, and per segment the rows placed in it and the rows placed in their own.
    /// </summary>
    public (ThresholdTree Counted, int[] Placed, int[] Matched) Measure(float[][] columns, int[] labels)
    {
        var reached = new int[Nodes.Length];
        var placed = new int[SegmentCount];
        var matched = new int[SegmentCount];
        for (int i = 0; i < labels.Length; i++)
        {
            int leaf = LeafOf(columns, i);
            reached[leaf]++;
            int segment = Nodes[leaf].Segment;
            placed[segment]++;
            if (segment == labels[i])
            {
                matched[segment]++;
            }
        }

        // A split's size is the sum of its two sides' (children follow their parent, so a backward pass sums them).
        for (int at = Nodes.Length - 1; at >= 0; at--)
        {
            if (Nodes[at].Feature >= 0)
            {
                reached[at] = reached[Nodes[at].Left] + reached[Nodes[at].Right];
            }
        }

        ImmutableArray<Node> counted = [.. Nodes.Select((node, at) => node with { Size = reached[at] })];
        return (new ThresholdTree(counted, SegmentCount), placed, matched);
    }

    /// <summary>The leaf row <paramref name="row"/> of <paramref name="columns"/> reaches.</summary>
    private int LeafOf(float[][] columns, int row)
    {
        int at = 0;
        while (Nodes[at].Feature >= 0)
        {
            Node node = Nodes[at];
            at = columns[node.Feature][row] <= node.Threshold ? node.Left : node.Right;
        }

        return at;
    }

    private int DepthOf(int at) => Nodes[at].Feature < 0 ? 0 : 1 + Math.Max(DepthOf(Nodes[at].Left), DepthOf(Nodes[at].Right));

    /// <summary>
    /// The grown nodes without the splits whose two leaves predict the same segment (they change no prediction and
    /// only lengthen a rule), renumbered depth first.
    /// </summary>
    private static ImmutableArray<Node> Compact(List<Grower.Growing> grown)
    {
        var nodes = new List<Node>();
        Add(0);
        return [.. nodes];

        int Add(int g)
        {
            Grower.Growing node = grown[g];
            int index = nodes.Count;
            if (node.Feature < 0 || Collapses(g))
            {
                nodes.Add(new Node(-1, double.NaN, float.NaN, float.NaN, -1, -1, Majority(grown[g].Counts), node.Size));
                return index;
            }

            nodes.Add(default);
            int left = Add(node.Left);
            int right = Add(node.Right);
            nodes[index] = new Node(node.Feature, node.Threshold, node.Below, node.Above, left, right, -1, node.Size);
            return index;
        }

        // A subtree collapses when every leaf below it predicts the node's own majority.
        bool Collapses(int g)
        {
            int majority = Majority(grown[g].Counts);
            return AllLeavesPredict(g, majority);
        }

        bool AllLeavesPredict(int g, int segment)
        {
            Grower.Growing node = grown[g];
            return node.Feature < 0
                ? Majority(node.Counts) == segment
                : AllLeavesPredict(node.Left, segment) && AllLeavesPredict(node.Right, segment);
        }
    }

    /// <summary>The most frequent segment; the lowest-numbered one among equals.</summary>
    private static int Majority(int[] counts)
    {
        int best = 0;
        for (int s = 1; s < counts.Length; s++)
        {
            if (counts[s] > counts[best])
            {
                best = s;
            }
        }

        return best;
    }

    /// <summary>One node: a split (<see cref="Feature"/> &gt;= 0) or a leaf (<see cref="Segment"/> &gt;= 0).</summary>
    /// <param name="Feature">The feature tested; -1 for a leaf.</param>
    /// <param name="Threshold">Rows with value &lt;= threshold go left; the midpoint of <paramref name="Below"/> and <paramref name="Above"/>.</param>
    /// <param name="Below">The largest value of the feature at most the threshold, among the training rows.</param>
    /// <param name="Above">The smallest value of the feature above the threshold, among the training rows.</param>
    /// <param name="Left">The left child's index.</param>
    /// <param name="Right">The right child's index.</param>
    /// <param name="Segment">A leaf's 0-based segment; -1 for a split.</param>
    /// <param name="Size">The rows that reached the node: the training rows while growing, every row once measured (<see cref="Measure"/>).</param>
    internal readonly record struct Node(int Feature, double Threshold, float Below, float Above, int Left, int Right, int Segment, int Size);

    /// <summary>The mutable state of one growth: the nodes so far and which node each row sits in.</summary>
    private sealed class Grower
    {
        private readonly FeatureMatrix _features;
        private readonly int[] _labels;
        private readonly int _k;
        private readonly RuleOptions _options;
        private readonly SortedFeatures _sorted;
        private readonly List<Growing> _nodes = [];
        private readonly int _shift;
        private readonly int _mask;

        public Grower(FeatureMatrix features, int[] labels, int segmentCount, RuleOptions options, SortedFeatures sorted)
        {
            _features = features;
            _labels = labels;
            _k = segmentCount;
            _options = options;
            _sorted = sorted;
            _shift = 32 - int.LeadingZeroCount(Math.Max(segmentCount - 1, 1));
            _mask = (1 << _shift) - 1;
        }

        public List<Growing> Run(CancellationToken cancellationToken)
        {
            int n = _labels.Length;
            var root = new Growing { Counts = new int[_k], Size = n };
            foreach (int label in _labels)
            {
                root.Counts[label]++;
            }

            _nodes.Add(root);

            // codes[r]: (the position of row r's node in the level's list of open nodes) << _shift | its segment;
            // -1 once its node is a leaf. One read per row in the scans.
            var codes = (int[])_labels.Clone();
            List<int> open = [0];
            for (int depth = 0; depth < _options.MaxDepth && open.Count > 0; depth++)
            {
                cancellationToken.ThrowIfCancellationRequested();
                Candidate[] best = BestSplits(open, codes, cancellationToken);
                open = Split(open, best, codes, lastLevel: depth + 1 == _options.MaxDepth);
            }

            return _nodes;
        }

        /// <summary>The best split of every open node over all features, ties to the lower feature, then the lower threshold.</summary>
        private Candidate[] BestSplits(List<int> open, int[] codes, CancellationToken cancellationToken)
        {
            int d = _features.FeatureCount;
            var perFeature = new Candidate[d][];
            var parallel = new ParallelOptions { MaxDegreeOfParallelism = _options.MaxDegreeOfParallelism, CancellationToken = cancellationToken };
            Parallel.For(0, d, parallel, j => perFeature[j] = Scan(j, open, codes, cancellationToken));
            cancellationToken.ThrowIfCancellationRequested();

            var best = new Candidate[open.Count];
            for (int a = 0; a < open.Count; a++)
            {
                Growing node = _nodes[open[a]];
                double parent = _options.Criterion.Weighted(node.Counts, node.Size);
                best[a] = new Candidate(-1, parent - (1e-12 * node.Size), double.NaN, float.NaN, float.NaN);
                for (int j = 0; j < d; j++)
                {
                    if (perFeature[j][a].Score < best[a].Score)
                    {
                        best[a] = perFeature[j][a];
                    }
                }
            }

            return best;
        }

        /// <summary>One pass over feature <paramref name="j"/> in value order, scoring every boundary between distinct values of each open node.</summary>
        private Candidate[] Scan(int j, List<int> open, int[] codes, CancellationToken cancellationToken)
        {
            int k = _k;
            int minLeaf = _options.MinLeafSize;
            int nodes = open.Count;
            var totals = new int[nodes * k];
            var sizes = new int[nodes];
            var splittable = new bool[nodes];
            for (int a = 0; a < nodes; a++)
            {
                Growing node = _nodes[open[a]];
                node.Counts.CopyTo(totals, a * k);
                sizes[a] = node.Size;
                splittable[a] = node.Size >= 2 * minLeaf && node.Counts.Count(c => c > 0) > 1;
            }

            var left = new int[nodes * k];
            SplitScores scores = _options.Criterion.Start(left, totals, k);
            var leftSizes = new int[nodes];
            var last = new float[nodes];
            var best = new Candidate[nodes];
            for (int a = 0; a < nodes; a++)
            {
                best[a] = new Candidate(j, double.PositiveInfinity, double.NaN, float.NaN, float.NaN);
            }

            float[] values = _sorted.Values[j];
            int[] rows = _sorted.Rows[j];
            for (int i = 0; i < rows.Length; i++)
            {
                if ((i & 0xFFFF) == 0 && cancellationToken.IsCancellationRequested)
                {
                    return best;
                }

                int code = codes[rows[i]];
                int a = code >> _shift;
                if (code < 0 || !splittable[a])
                {
                    continue;
                }

                float v = values[i];
                int leftSize = leftSizes[a];
                if (leftSize >= minLeaf && v != last[a] && sizes[a] - leftSize >= minLeaf)
                {
                    double score = scores.Score(a, leftSize, sizes[a]);
                    if (score < best[a].Score)
                    {
                        best[a] = new Candidate(j, score, ((double)last[a] + v) / 2, last[a], v);
                    }
                }

                int cell = (a * k) + (code & _mask);
                scores.MoveLeft(a, left[cell], totals[cell] - left[cell]);
                left[cell]++;
                leftSizes[a] = leftSize + 1;
                last[a] = v;
            }

            return best;
        }

        /// <summary>Makes the chosen splits, moves every row to its child, and returns the next level's open nodes.</summary>
        private List<int> Split(List<int> open, Candidate[] best, int[] codes, bool lastLevel)
        {
            // Children of split node a get temporary slots 2a (left) and 2a + 1 (right).
            var childOfSlot = new int[2 * open.Count];
            var featureOfSlot = new int[open.Count];
            var thresholdOfSlot = new double[open.Count];
            for (int a = 0; a < open.Count; a++)
            {
                featureOfSlot[a] = best[a].Feature;
                thresholdOfSlot[a] = best[a].Threshold;
                if (best[a].Feature < 0)
                {
                    continue;
                }

                Growing parent = _nodes[open[a]];
                parent.Feature = best[a].Feature;
                parent.Threshold = best[a].Threshold;
                (parent.Below, parent.Above) = Neighbours(_sorted.Values[best[a].Feature], best[a].Threshold);
                parent.Left = _nodes.Count;
                _nodes.Add(new Growing { Counts = new int[_k] });
                parent.Right = _nodes.Count;
                _nodes.Add(new Growing { Counts = new int[_k] });
                childOfSlot[2 * a] = parent.Left;
                childOfSlot[(2 * a) + 1] = parent.Right;
            }

            var next = new List<int>();
            var slotOfTemporary = new int[childOfSlot.Length];
            for (int t = 0; t < childOfSlot.Length; t++)
            {
                slotOfTemporary[t] = -1;
                if (!lastLevel && featureOfSlot[t / 2] >= 0)
                {
                    slotOfTemporary[t] = next.Count;
                    next.Add(childOfSlot[t]);
                }
            }

            float[][] columns = _features.PaddedColumns();
            for (int r = 0; r < codes.Length; r++)
            {
                int code = codes[r];
                if (code < 0)
                {
                    continue;
                }

                int a = code >> _shift;
                int j = featureOfSlot[a];
                if (j < 0)
                {
                    codes[r] = -1;
                    continue;
                }

                int temporary = (2 * a) + (columns[j][r] <= thresholdOfSlot[a] ? 0 : 1);
                int label = code & _mask;
                Growing child = _nodes[childOfSlot[temporary]];
                child.Counts[label]++;
                child.Size++;
                int slot = slotOfTemporary[temporary];
                codes[r] = slot < 0 ? -1 : (slot << _shift) | label;
            }

            return next;
        }

        /// <summary>The largest value at most <paramref name="threshold"/> and the smallest above it, among all rows (not only the node's).</summary>
        private static (float Below, float Above) Neighbours(float[] sorted, double threshold)
        {
            int low = 0;
            int high = sorted.Length;
            while (low < high)
            {
                int middle = low + ((high - low) / 2);
                if (sorted[middle] <= threshold)
                {
                    low = middle + 1;
                }
                else
                {
                    high = middle;
                }
            }

            return (sorted[low - 1], sorted[low]);
        }

        /// <summary>A node while the tree grows.</summary>
        public sealed class Growing
        {
            public int Feature { get; set; } = -1;

            public double Threshold { get; set; } = double.NaN;

            public float Below { get; set; }

            public float Above { get; set; }

            public int Left { get; set; } = -1;

            public int Right { get; set; } = -1;

            public required int[] Counts { get; init; }

            public int Size { get; set; }
        }

        /// <summary>A possible split of one node: the feature, its summed weighted impurity, the threshold and the values either side.</summary>
        private readonly record struct Candidate(int Feature, double Score, double Threshold, float Below, float Above);
    }
}
