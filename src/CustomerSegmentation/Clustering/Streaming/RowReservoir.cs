using System.Collections.Immutable;
using CustomerSegmentation.Data;

namespace CustomerSegmentation.Clustering.Streaming;

/// <summary>
/// A uniform sample of at most <c>capacity</c> rows of a stream in one pass (Vitter's algorithm R): the first rows fill
/// it in order; row i after that replaces a random slot with probability capacity / (i + 1). A stream no longer than
/// the capacity is kept whole, in order. The random draws come from the given generator only.
/// </summary>
internal sealed class RowReservoir
{
    private readonly float[][] _columns;
    private readonly int _capacity;
    private readonly Random _random;
    private long _seen;

    public RowReservoir(int features, int capacity, Random random)
    {
        _capacity = capacity;
        _random = random;
        _columns = new float[features][];
        for (int j = 0; j < features; j++)
        {
            _columns[j] = new float[Math.Min(capacity, 1 << 16)];
        }
    }

    /// <summary>The rows held.</summary>
    public int Count => (int)Math.Min(_seen, _capacity);

    public void Add(FeatureMatrix chunk)
    {
        for (int i = 0; i < chunk.RowCount; i++, _seen++)
        {
            long slot = _seen < _capacity ? _seen : _random.NextInt64(_seen + 1);
            if (slot >= _capacity)
            {
                continue;
            }

            int target = (int)slot;
            for (int j = 0; j < _columns.Length; j++)
            {
                if (target >= _columns[j].Length)
                {
                    Array.Resize(ref _columns[j], (int)Math.Min(_capacity, (long)_columns[j].Length * 2));
                }

                _columns[j][target] = chunk[i, j];
            }
        }
    }

    /// <summary>The sample as a matrix, rows in slot order.</summary>
    public FeatureMatrix ToMatrix(ImmutableArray<string> featureNames)
    {
        float[][] columns = FeatureMatrix.AllocateColumns(_columns.Length, Count);
        for (int j = 0; j < columns.Length; j++)
        {
            _columns[j].AsSpan(0, Count).CopyTo(columns[j]);
        }

        return FeatureMatrix.Wrap(columns, Count, featureNames);
    }
}
