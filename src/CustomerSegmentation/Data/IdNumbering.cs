using System.Runtime.CompilerServices;

namespace CustomerSegmentation.Data;

/// <summary>
/// Numbers distinct identifiers 0, 1, 2, ... in order of first appearance, compared ordinally. The characters of all
/// ids live in one <see cref="TextColumn"/> and the table holds only numbers, so a read of a million order ids keeps no million
/// strings for the garbage collector to trace; <see cref="this[int]"/> makes a string when one is needed.
/// </summary>
/// <remarks>
/// Open addressing with linear probing over slots that hold an id's key and number, at most half full. A short id (one
/// to seven characters, each below U+0100, as most customer and order ids are) is its own key: its characters packed
/// into 56 bits under its length, so a look-up compares the slot alone and never reads the characters. A longer id's
/// key is a marker bit over its string hash, and a slot with that key is compared character by character. The hashes
/// are .NET's randomized ones (<see cref="HashCode"/> for packed keys, the string hash otherwise), so ids chosen to
/// collide cannot be prepared in advance. An id equal to the one numbered just before (the lines of one order, which
/// sit together in most files) is recognised without hashing.
/// </remarks>
internal sealed class IdNumbering
{
    /// <summary>The bit that marks the key of an id that is not packed (bit 63; a packed key's top byte is its length, 1 to 7).</summary>
    private const ulong HashedKey = 1UL << 63;

    /// <summary>The most characters a packed key holds.</summary>
    private const int MaxPackedLength = 7;

    private readonly TextColumn _ids = new();
    private Slot[] _slots = new Slot[128];
    private int _last = -1;
    private ulong _lastKey;

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
        ulong key = KeyOf(id);
        if (_last >= 0 && key == _lastKey && (key < HashedKey || id.SequenceEqual(Text(_last))))
        {
            return _last;
        }

        int number = Probe(id, key, out int empty);
        _lastKey = key;
        return _last = number >= 0 ? number : Add(id, key, empty);
    }

    /// <summary>The characters of every id, in order of number. Only what the numbering added belongs here.</summary>
    public TextColumn Texts => _ids;

    /// <summary>The number of <paramref name="id"/>, or -1 when it has none; reads only, so threads may call it side by side.</summary>
    public int Find(ReadOnlySpan<char> id) => Probe(id, KeyOf(id), out _);

    /// <summary>
    /// The key of <paramref name="id"/>: its length (1 to 7) in the top byte over its characters, one byte each, when
    /// it is short and every character is below U+0100; otherwise <see cref="HashedKey"/> over its string hash.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static ulong KeyOf(ReadOnlySpan<char> id)
    {
        if (id.Length is >= 1 and <= MaxPackedLength)
        {
            ulong key = (ulong)id.Length << 56;
            for (int i = 0; i < id.Length; i++)
            {
                if (id[i] > 0xFF)
                {
                    return HashedKey | (uint)string.GetHashCode(id);
                }

                key |= (ulong)id[i] << (8 * i);
            }

            return key;
        }

        return HashedKey | (uint)string.GetHashCode(id);
    }

    /// <summary>The first slot to probe for <paramref name="key"/>: a randomized hash of a packed key, the string hash of another.</summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private static int Home(ulong key) => key < HashedKey ? HashCode.Combine(key) : (int)(uint)key;

    /// <summary>
    /// The number of <paramref name="id"/> (whose key is <paramref name="key"/>), or -1 with <paramref name="empty"/>
    /// the free slot where it would go; reads only.
    /// </summary>
    [MethodImpl(MethodImplOptions.AggressiveInlining)]
    private int Probe(ReadOnlySpan<char> id, ulong key, out int empty)
    {
        int mask = _slots.Length - 1;
        for (int slot = Home(key) & mask; ; slot = (slot + 1) & mask)
        {
            Slot entry = _slots[slot];
            if (entry.Key == 0)
            {
                empty = slot;
                return -1;
            }

            if (entry.Key == key && (key < HashedKey || id.SequenceEqual(Text(entry.Number))))
            {
                empty = -1;
                return entry.Number;
            }
        }
    }

    /// <summary>
    /// The numbering of the ids of consecutive parts (the numberings of a file's ranges, in file order) as one: the
    /// texts by first appearance over the parts in order (what numbering every part's ids one after the other gives)
    /// and, per part, the one number of each of its ids. The first part's texts are taken, not copied: no part may
    /// number ids afterwards. Each later part's ids are looked up in the parts before it side by side, on up to
    /// <paramref name="maxDegreeOfParallelism"/> threads; numbering the new ones is one pass in order.
    /// </summary>
    public static (TextColumn Texts, int[][] Numbers) Merge(IReadOnlyList<IdNumbering> parts, int maxDegreeOfParallelism)
    {
        ArgumentOutOfRangeException.ThrowIfZero(parts.Count);
        const int Chunk = 16_384;
        var earlier = new long[parts.Count][];
        var work = new List<(int Part, int Start)>();
        for (int k = 1; k < parts.Count; k++)
        {
            earlier[k] = new long[parts[k].Count];
            for (int start = 0; start < parts[k].Count; start += Chunk)
            {
                work.Add((k, start));
            }
        }

        // Where each id of a later part was numbered first: part j and its number n there, as (j << 32) | n (-1: nowhere).
        Parallel.For(0, work.Count, new ParallelOptions { MaxDegreeOfParallelism = maxDegreeOfParallelism }, w =>
        {
            (int k, int start) = work[w];
            IdNumbering part = parts[k];
            long[] found = earlier[k];
            int end = Math.Min(part.Count, start + Chunk);
            for (int o = start; o < end; o++)
            {
                found[o] = -1;
                ReadOnlySpan<char> id = part.Text(o);
                for (int j = 0; j < k; j++)
                {
                    int number = parts[j].Find(id);
                    if (number >= 0)
                    {
                        found[o] = ((long)j << 32) | (uint)number;
                        break;
                    }
                }
            }
        });

        TextColumn texts = parts[0]._ids;
        var numbers = new int[parts.Count][];
        numbers[0] = new int[parts[0].Count];
        for (int o = 0; o < numbers[0].Length; o++)
        {
            numbers[0][o] = o;
        }

        for (int k = 1; k < parts.Count; k++)
        {
            long[] found = earlier[k];
            int[] mine = numbers[k] = new int[found.Length];
            for (int o = 0; o < found.Length; o++)
            {
                if (found[o] < 0)
                {
                    mine[o] = texts.Count;
                    texts.Add(parts[k].Text(o));
                }
                else
                {
                    mine[o] = numbers[(int)(found[o] >> 32)][(int)(uint)found[o]];
                }
            }
        }

        return (texts, numbers);
    }

    /// <summary>Every id as a string, in order of number.</summary>
    public string[] ToStrings() => _ids.ToStrings();

    private int Add(ReadOnlySpan<char> id, ulong key, int slot)
    {
        int number = Count;
        _ids.Add(id);
        _slots[slot] = new Slot(key, number);
        if (Count * 2 > _slots.Length)
        {
            Grow();
        }

        return number;
    }

    /// <summary>Doubles the slots and places every id again.</summary>
    private void Grow()
    {
        var slots = new Slot[_slots.Length * 2];
        int mask = slots.Length - 1;
        foreach (Slot entry in _slots)
        {
            if (entry.Key == 0)
            {
                continue;
            }

            int slot = Home(entry.Key) & mask;
            while (slots[slot].Key != 0)
            {
                slot = (slot + 1) & mask;
            }

            slots[slot] = entry;
        }

        _slots = slots;
    }

    /// <summary>A slot of the table: an id's key (0 for a free slot) and its number.</summary>
    private readonly record struct Slot(ulong Key, int Number);
}
