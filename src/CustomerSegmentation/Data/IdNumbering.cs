namespace CustomerSegmentation.Data;

/// <summary>
/// Numbers distinct identifiers 0, 1, 2, ... in order of first appearance, compared ordinally. The characters of all
/// ids live in one growing buffer and the table holds only numbers, so a read of a million order ids keeps no million
/// strings for the garbage collector to trace; <see cref="this[int]"/> makes a string when one is needed.
/// </summary>
/// <remarks>
/// Open addressing with linear probing over slots that hold an id's hash and number, at most half full. The hash is
/// .NET's randomized string hash, so ids chosen to collide cannot be prepared in advance. An id equal to the one
/// numbered just before (the lines of one order, which sit together in most files) is recognised without hashing.
/// </remarks>
internal sealed class IdNumbering
{
    private const int FirstCapacity = 64;

    private char[] _text = new char[FirstCapacity * 8];
    private int _textLength;
    private int[] _starts = new int[FirstCapacity + 1];
    private ulong[] _slots = new ulong[FirstCapacity * 2];
    private int _last = -1;

    /// <summary>The number of distinct ids seen.</summary>
    public int Count { get; private set; }

    /// <summary>The characters of id <paramref name="number"/>.</summary>
    public ReadOnlySpan<char> Text(int number) => _text.AsSpan(_starts[number], _starts[number + 1] - _starts[number]);

    /// <summary>Id <paramref name="number"/> as a new string.</summary>
    public string this[int number] => new(Text(number));

    /// <summary>The number of <paramref name="id"/>: the one it was given before, or the next one.</summary>
    /// <exception cref="InvalidOperationException">The distinct ids hold more characters than one array can (about 2^31).</exception>
    public int Number(ReadOnlySpan<char> id)
    {
        if (_last >= 0 && id.SequenceEqual(Text(_last)))
        {
            return _last;
        }

        uint hash = (uint)string.GetHashCode(id);
        int mask = _slots.Length - 1;
        for (int slot = (int)hash & mask; ; slot = (slot + 1) & mask)
        {
            ulong entry = _slots[slot];
            if (entry == 0)
            {
                return _last = Add(id, hash, slot);
            }

            int number = (int)(uint)entry - 1;
            if ((uint)(entry >> 32) == hash && id.SequenceEqual(Text(number)))
            {
                return _last = number;
            }
        }
    }

    /// <summary>Every id as a string, in order of number.</summary>
    public string[] ToStrings()
    {
        var ids = new string[Count];
        for (int i = 0; i < ids.Length; i++)
        {
            ids[i] = this[i];
        }

        return ids;
    }

    private int Add(ReadOnlySpan<char> id, uint hash, int slot)
    {
        int number = Count;
        if ((long)_textLength + id.Length > Array.MaxLength)
        {
            throw new InvalidOperationException(
                $"The distinct ids hold more than {Array.MaxLength:N0} characters, more than one read can number; split the data.");
        }

        if (_textLength + id.Length > _text.Length)
        {
            Array.Resize(ref _text, (int)Math.Min(Array.MaxLength, Math.Max((long)_text.Length * 2, (long)_textLength + id.Length)));
        }

        if (number + 2 > _starts.Length)
        {
            Array.Resize(ref _starts, _starts.Length * 2);
        }

        id.CopyTo(_text.AsSpan(_textLength));
        _starts[number] = _textLength;
        _textLength += id.Length;
        _starts[number + 1] = _textLength;
        _slots[slot] = ((ulong)hash << 32) | (uint)(number + 1);
        Count = number + 1;
        if (Count * 2 > _slots.Length)
        {
            Grow();
        }

        return number;
    }

    /// <summary>Doubles the slots and places every id again.</summary>
    private void Grow()
    {
        var slots = new ulong[_slots.Length * 2];
        int mask = slots.Length - 1;
        foreach (ulong entry in _slots)
        {
            if (entry == 0)
            {
                continue;
            }

            int slot = (int)(entry >> 32) & mask;
            while (slots[slot] != 0)
            {
                slot = (slot + 1) & mask;
            }

            slots[slot] = entry;
        }

        _slots = slots;
    }
}
