namespace CustomerSegmentation.Data;

/// <summary>
/// <see cref="ColumnStatistics"/> of a column read in pieces, in two passes (the mean and range first, then the
/// squared deviations), adding values in exactly the order <see cref="ColumnStatistics.Of(ReadOnlySpan{float})"/> adds
/// them: four accumulators by position modulo 4, combined as (a + b) + (c + d), the last count % 4 values after. So a
/// column streamed in any pieces gives the same bits as the whole column in memory.
/// </summary>
internal sealed class StreamedColumnStatistics
{
    private readonly double[] _lanes = new double[4];
    private readonly double[] _pending = new double[4];
    private int _pendingCount;
    private double _mean = double.NaN;
    private double _min = double.PositiveInfinity;
    private double _max = double.NegativeInfinity;
    private bool _meanDone;
    private long _meanCount;

    /// <summary>How many values the current pass has seen.</summary>
    public long Count { get; private set; }

    /// <summary>Adds values to the current pass (the first gives the mean and range, the second the variance).</summary>
    /// <param name="values">The next values of the column.</param>
    public void Add(ReadOnlySpan<float> values)
    {
        foreach (float value in values)
        {
            double v = value;
            if (!_meanDone)
            {
                _min = Math.Min(_min, v);
                _max = Math.Max(_max, v);
            }
            else
            {
                v -= _mean;
                v *= v;
            }

            _pending[_pendingCount++] = v;
            if (_pendingCount == 4)
            {
                for (int l = 0; l < 4; l++)
                {
                    _lanes[l] += _pending[l];
                }

                _pendingCount = 0;
            }
        }

        Count += values.Length;
    }

    /// <summary>Ends the first pass: the mean is known and the next values are the same column again, for the variance.</summary>
    /// <returns>The mean.</returns>
    public double EndMeanPass()
    {
        _mean = Total() / Count;
        _meanDone = true;
        _meanCount = Count;
        Array.Clear(_lanes);
        _pendingCount = 0;
        Count = 0;
        return _mean;
    }

    /// <summary>Ends the second pass.</summary>
    /// <returns>The statistics, equal to those of the whole column in memory.</returns>
    /// <exception cref="InvalidOperationException">The passes saw different numbers of values.</exception>
    public ColumnStatistics EndVariancePass()
    {
        if (Count != _meanCount)
        {
            throw new InvalidOperationException($"The first pass read {_meanCount} values but the second {Count}; a chunk source must give the same rows on every pass.");
        }

        double squares = Total();
        return new ColumnStatistics(checked((int)Math.Min(Count, int.MaxValue)), _mean, squares / Count, _min, _max);
    }

    private double Total()
    {
        double sum = (_lanes[0] + _lanes[1]) + (_lanes[2] + _lanes[3]);
        for (int l = 0; l < _pendingCount; l++)
        {
            sum += _pending[l];
        }

        return sum;
    }
}
