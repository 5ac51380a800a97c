namespace CustomerSegmentation.Data;

/// <summary>
/// Numbers distinct identifiers 0, 1, 2, ... in order of first appearance, compared ordinally. The characters of all
/// ids live in one <see cref="TextColumn"/> and the table holds only numbers, so a read of a million order ids keeps no million
/// strings for the garbage collector to trace; <see cref="this[int]"/> makes a string when one is needed.
/// </summary>
/// <remarks>
/// Open addressing with linear probing over slots that hold an id's hash and number, at most half full. The hash is
/// .NET's randomized string hash, so ids chosen to collide cannot be prepared in advance. An id equal to the one
/// numbered just before (the lines of one order, which sit together in most files) is recognised without hashing.
/// </remarks>
internal sealed class IdNumbering
{
    private readonly TextColumn _ids = new();
    private ulong[] _slots = new ulong[128];
    private int _last = -1;

    /// <summary>The number of distinct ids seen.</summary>
    public int Count => _ids.Count;

    /// <summary>The characters of id <paramref name="number"/>.</summary>
    public ReadOnlySpan<char> Text(int number) => _ids.Text(number);

    /// <summary>Id <paramref name="number"/> as a new string.</summary>
    public string this[int number] => _ids[number];

    /// <summary>The number of <paramref name="id"/>: the one it was given before, or the next one.</summary>
    /// <exception cref="InvalidOperationException">The distinct ids would hold more characters than one array can (about 2^31).</exception>
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
    public string[] ToStrings() => _ids.ToStrings();

    private int Add(ReadOnlySpan<char> id, uint hash, int slot)
    {
        int number = Count;
        _ids.Add(id);
        _slots[slot] = ((ulong)hash << 32) | (uint)(number + 1);
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
