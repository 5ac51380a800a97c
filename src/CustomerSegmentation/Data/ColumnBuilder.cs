using System.Runtime.CompilerServices;

namespace CustomerSegmentation.Data;

/// <summary>
/// Collects the values of one column while a file streams past, in chunks that grow from 256 values to 64 KiB (each
/// below the large-object heap, and none copied as the column grows), then copies them once into one array. Columns
/// of a file's ranges are joined by moving their chunks. Peak memory is about twice the final column.
/// </summary>
/// <typeparam name="T">The value type (a float feature, a customer number, a timestamp, an amount).</typeparam>
internal sealed class ColumnBuilder<T>
    where T : unmanaged
{
    private const int FirstChunkLength = 256;

    private readonly int _maxChunkLength;

    private readonly List<T[]> _fullChunks = [];
    private T[] _current = new T[FirstChunkLength];
    private int _used;

    /// <param name="maxChunkBytes">The size of the longest chunk; 64 KiB by default.</param>
    public ColumnBuilder(int maxChunkBytes = 1 << 16)
    {
        _maxChunkLength = Math.Max(FirstChunkLength, maxChunkBytes / Unsafe.SizeOf<T>());
    }

    /// <summary>The number of values added.</summary>
    public int Count { get; private set; }

    /// <summary>Adds <paramref name="value"/> after the others.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    public void Add(T value)
    {
        if (_used == _current.Length)
        {
            NextChunk();
        }

        _current[_used++] = value;
        Count++;
    }

    /// <summary>Moves the values of <paramref name="later"/> after the ones here (<paramref name="later"/> is not used afterwards).</summary>
    public void Append(ColumnBuilder<T> later)
    {
        _fullChunks.Add(_current[.._used]);
        _fullChunks.AddRange(later._fullChunks);
        _current = later._current;
        _used = later._used;
        Count += later.Count;
    }

    /// <summary>Replaces every value by the result of <paramref name="map"/> on it, in place (a renumbering before a join).</summary>
    public void Map(Func<T, T> map)
    {
        foreach (T[] chunk in _fullChunks)
        {
            MapSpan(chunk, map);
        }

        MapSpan(_current.AsSpan(0, _used), map);
    }

    /// <summary>The values in a new array of <paramref name="length"/> (at least <see cref="Count"/>) elements, default values past the end.</summary>
    public T[] ToArray(int length)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(length, Count);
        var column = new T[length];
        int offset = 0;
        foreach (T[] chunk in _fullChunks)
        {
            chunk.CopyTo(column, offset);
            offset += chunk.Length;
        }

        _current.AsSpan(0, _used).CopyTo(column.AsSpan(offset));
        return column;
    }

    /// <summary>The values in a new array of exactly <see cref="Count"/> elements.</summary>
    public T[] ToArray() => ToArray(Count);

    private static void MapSpan(Span<T> values, Func<T, T> map)
    {
        for (int i = 0; i < values.Length; i++)
        {
            values[i] = map(values[i]);
        }
    }

    private void NextChunk()
    {
        _fullChunks.Add(_current);
        _current = new T[Math.Min(_current.Length * 2, _maxChunkLength)];
        _used = 0;
    }
}
