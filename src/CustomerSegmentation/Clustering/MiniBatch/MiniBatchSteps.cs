namespace CustomerSegmentation.Clustering;

/// <summary>
/// The state of a mini-batch K-means fit (Sculley 2010, with scikit-learn's update and reassignment rules): the centres
/// in the data's centred coordinates (double), the weight each centre has absorbed so far, and reused batch buffers.
/// One <see cref="Take"/> draws a batch, assigns it, moves the centres and, when due, revives small clusters.
/// </summary>
/// <remarks>
/// Every step runs on the calling thread and draws from one random source in a fixed order, so the sequence of
/// centres depends only on the seed, never on the degree of parallelism. Memory is O(BatchSize x features + K).
/// </remarks>
internal sealed class MiniBatchSteps
{
    private KMeansInput _input;
    private readonly int _clusters;
    private readonly int _features;
    private readonly double _reassignmentRatio;
    private readonly double[] _centres;
    private readonly double[] _previous;
    private readonly double[] _counts;
    private readonly int[] _rows;
    private readonly float[] _batch;
    private readonly double[] _weights;
    private readonly int[] _labels;
    private readonly double[] _sums;
    private readonly int[] _positions;
    private long _sinceReassignment;

    public MiniBatchSteps(KMeansInput input, double[] initialCentres, int clusters, int batchSize, double reassignmentRatio)
    {
        _input = input;
        _clusters = clusters;
        _features = input.FeatureCount;
        _reassignmentRatio = reassignmentRatio;
        _centres = (double[])initialCentres.Clone();
        _previous = new double[_centres.Length];
        _counts = new double[clusters];
        _rows = new int[batchSize];
        _batch = new float[batchSize * _features];
        _weights = new double[batchSize];
        _labels = new int[batchSize];
        _sums = new double[clusters * (_features + 1)];
        _positions = new int[batchSize];
    }

    /// <summary>The centres in the data's centred coordinates, row-major (K x features); updated in place by each step.</summary>
    public double[] Centres => _centres;

    /// <summary>The weight each centre has absorbed (its learning rate is its batch weight over this count).</summary>
    public ReadOnlySpan<double> Counts => _counts;

    /// <summary>How many centres have been moved to random batch rows so far.</summary>
    public int Reassignments { get; private set; }

    public int BatchSize => _rows.Length;

    /// <summary>Draws the next batches from <paramref name="rows"/> (a streamed fit's current chunk, with the fit's offset).</summary>
    public void DrawFrom(KMeansInput rows) => _input = rows;

    /// <summary>
    /// One step: draws BatchSize rows uniformly with replacement, assigns each to its nearest centre, moves every
    /// centre that received weight to the weighted mean of its old position (weighted by its count) and its new
    /// members, then reassigns small centres when due.
    /// </summary>
    /// <returns>The batch's weighted inertia against the centres before the update, and the squared centre shift of the step.</returns>
    public (double BatchInertia, double CentreShift) Take(Random random)
    {
        bool reassign = ReassignmentDue();
        Array.Copy(_centres, _previous, _centres.Length);
        Draw(random);
        double inertia = Assign();
        Update();
        if (reassign && _reassignmentRatio > 0)
        {
            Reassign(random);
        }

        double shift = 0;
        for (int i = 0; i < _centres.Length; i++)
        {
            double delta = _centres[i] - _previous[i];
            shift += delta * delta;
        }

        return (inertia, shift);
    }

    /// <summary>scikit-learn's schedule: every time 10 K rows have been processed, and whenever a centre has no weight yet.</summary>
    private bool ReassignmentDue()
    {
        _sinceReassignment += BatchSize;
        if (Array.IndexOf(_counts, 0.0) >= 0 || _sinceReassignment >= 10L * _clusters)
        {
            _sinceReassignment = 0;
            return true;
        }

        return false;
    }

    /// <summary>Draws the batch's rows and gathers their centred values (row-major) and weights.</summary>
    private void Draw(Random random)
    {
        int rowCount = _input.RowCount;
        for (int b = 0; b < _rows.Length; b++)
        {
            _rows[b] = random.Next(rowCount);
        }

        float[][] columns = _input.Columns;
        float[] offset = _input.Offset;
        for (int j = 0; j < _features; j++)
        {
            float[] column = columns[j];
            float shift = offset[j];
            for (int b = 0, t = j; b < _rows.Length; b++, t += _features)
            {
                _batch[t] = column[_rows[b]] - shift;
            }
        }

        for (int b = 0; b < _rows.Length; b++)
        {
            _weights[b] = _input.Weight(_rows[b]);
        }
    }

    /// <summary>Labels every batch row with its nearest centre (the first on a tie) and returns the weighted sum of squared distances.</summary>
    private double Assign()
    {
        double inertia = 0;
        for (int b = 0; b < _rows.Length; b++)
        {
            int x = b * _features;
            int best = 0;
            double bestDistance = double.PositiveInfinity;
            for (int k = 0, c = 0; k < _clusters; k++)
            {
                double distance = 0;
                for (int j = 0; j < _features; j++, c++)
                {
                    double delta = _batch[x + j] - _centres[c];
                    distance += delta * delta;
                }

                if (distance < bestDistance)
                {
                    bestDistance = distance;
                    best = k;
                }
            }

            _labels[b] = best;
            inertia += _weights[b] * bestDistance;
        }

        return inertia;
    }

    /// <summary>new centre = (old centre x old count + weighted sum of new members) / (old count + their weight).</summary>
    private void Update()
    {
        int stride = _features + 1;
        Array.Clear(_sums);
        for (int b = 0; b < _rows.Length; b++)
        {
            double w = _weights[b];
            int s = _labels[b] * stride;
            for (int j = 0; j < _features; j++)
            {
                _sums[s + j] += w * _batch[(b * _features) + j];
            }

            _sums[s + _features] += w;
        }

        for (int k = 0; k < _clusters; k++)
        {
            int s = k * stride;
            double added = _sums[s + _features];
            if (added <= 0)
            {
                continue;
            }

            double total = _counts[k] + added;
            for (int j = 0; j < _features; j++)
            {
                int c = (k * _features) + j;
                _centres[c] = ((_centres[c] * _counts[k]) + _sums[s + j]) / total;
            }

            _counts[k] = total;
        }
    }

    /// <summary>
    /// Moves every centre whose count is below ReassignmentRatio x the largest count to a distinct random row of the
    /// batch (at most half the batch; the smallest counts first) and sets its count to the smallest count among the
    /// centres kept, so that it is not reassigned again at once.
    /// </summary>
    private void Reassign(Random random)
    {
        double threshold = _reassignmentRatio * _counts.Max();
        var small = new List<int>();
        for (int k = 0; k < _clusters; k++)
        {
            if (_counts[k] < threshold)
            {
                small.Add(k);
            }
        }

        int limit = _rows.Length / 2;
        if (small.Count > limit)
        {
            small = [.. small.OrderBy(k => _counts[k]).ThenBy(k => k).Take(limit).Order()];
        }

        if (small.Count == 0)
        {
            return;
        }

        double keptMinimum = double.PositiveInfinity;
        for (int k = 0; k < _clusters; k++)
        {
            if (!small.Contains(k))
            {
                keptMinimum = Math.Min(keptMinimum, _counts[k]);
            }
        }

        // A partial Fisher-Yates shuffle picks distinct batch positions uniformly.
        for (int b = 0; b < _positions.Length; b++)
        {
            _positions[b] = b;
        }

        for (int i = 0; i < small.Count; i++)
        {
            int pick = i + random.Next(_positions.Length - i);
            (_positions[i], _positions[pick]) = (_positions[pick], _positions[i]);
            int k = small[i];
            for (int j = 0; j < _features; j++)
            {
                _centres[(k * _features) + j] = _batch[(_positions[i] * _features) + j];
            }

            _counts[k] = keptMinimum;
        }

        Reassignments += small.Count;
    }
}
