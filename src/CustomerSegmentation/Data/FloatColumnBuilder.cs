namespace CustomerSegmentation.Data;

/// <summary>
/// Collects the values of one feature while a file streams past, in chunks that grow from 256 to 16,384 values
/// (each below the large-object heap), then copies them once into a zero-padded column for <see cref="FeatureMatrix.Wrap"/>.
/// Peak memory is about twice the final column.
/// </summary>
internal sealed class FloatColumnBuilder
{
    private const int FirstChunkLength = 256;
    private const int MaxChunkLength = 16_384;

    private readonly List<float[]> _fullChunks = [];
    private float[] _current = new float[FirstChunkLength];
    private int _used;

    /// <summary>The number of values added.</summary>
    public int Count { get; private set; }

    public void Add(float value)
    {
        if (_used == _current.Length)
        {
            _fullChunks.Add(_current);
            _current = new float[Math.Min(_current.Length * 2, MaxChunkLength)];
            _used = 0;
        }

        _current[_used++] = value;
        Count++;
    }

    /// <summary>Moves the values of <paramref name="later"/> after the ones here (<paramref name="later"/> is not used afterwards).</summary>
    public void Append(FloatColumnBuilder later)
    {
        _fullChunks.Add(_current[.._used]);
        _fullChunks.AddRange(later._fullChunks);
        _current = later._current;
        _used = later._used;
        Count += later.Count;
    }

    /// <summary>The values in a new array of <see cref="FeatureMatrix.PaddedLength"/>(<see cref="Count"/>) floats, zeros past the end.</summary>
    public float[] ToPaddedColumn()
    {
        var column = new float[FeatureMatrix.PaddedLength(Count)];
        int offset = 0;
        foreach (float[] chunk in _fullChunks)
        {
            chunk.CopyTo(column, offset);
            offset += chunk.Length;
        }

        _current.AsSpan(0, _used).CopyTo(column.AsSpan(offset));
        return column;
    }
}
