namespace CustomerSegmentation.Data;

/// <summary>
/// A column of texts kept as characters in blocks with the end of each text, so that a million ids cost a few buffers
/// instead of a million strings for the garbage collector to trace while a file is read; a string is made when one is
/// asked for.
/// </summary>
/// <remarks>
/// The characters lie in a space of positions cut into blocks of 2^blockBits characters; block b holds positions
/// b * 2^blockBits onwards, and only the last block grows (by doubling, up to the block size), so a large column never
/// needs one contiguous buffer, and appending a column moves its blocks instead of copying them. A text never crosses a
/// block boundary: one that would starts at the next block, which <see cref="Text"/> recognises from the two ends. A
/// text longer than a block is kept as a string of its own and takes no positions.
/// </remarks>
internal sealed class TextColumn
{
    private const int FirstBlockLength = 512;

    private readonly int _blockBits;
    private readonly int _blockLength;
    private char[][] _blocks = [];
    private int _blockCount;
    private Dictionary<int, string>? _longTexts;

    // _ends[i + 1] is where text i ends; _ends[0] is 0, the end before the first text.
    private int[] _ends = new int[65];
    private int _end;

    /// <param name="blockBits">The block size as a power of two (tests use small blocks); 2^20 characters by default.</param>
    public TextColumn(int blockBits = 20)
    {
        _blockBits = blockBits;
        _blockLength = 1 << blockBits;
    }

    /// <summary>The number of texts.</summary>
    public int Count { get; private set; }

    /// <summary>The characters of text <paramref name="index"/>.</summary>
    public ReadOnlySpan<char> Text(int index)
    {
        int start = _ends[index];
        int end = _ends[index + 1];
        if (end == start)
        {
            return _longTexts is not null && _longTexts.TryGetValue(index, out string? text) ? text : [];
        }

        // A text that would have crossed the boundary after the previous one's end starts at that boundary.
        long boundary = ((long)(start >> _blockBits) + 1) << _blockBits;
        if (end > boundary)
        {
            start = (int)boundary;
        }

        return new ReadOnlySpan<char>(_blocks[start >> _blockBits], start & (_blockLength - 1), end - start);
    }

    /// <summary>Text <paramref name="index"/> as a new string.</summary>
    public string this[int index] => new(Text(index));

    /// <summary>Adds <paramref name="text"/> after the others; its index is the <see cref="Count"/> before the call.</summary>
    /// <exception cref="InvalidOperationException">The texts would take more positions than an array can have (about 2^31).</exception>
    public void Add(ReadOnlySpan<char> text)
    {
        int at = _end;
        if (text.Length > _blockLength)
        {
            (_longTexts ??= [])[Count] = text.ToString();
            AddEnd(at);
            return;
        }

        int offset = at & (_blockLength - 1);
        long start = at;
        if (offset != 0 && offset + text.Length > _blockLength)
        {
            start = ((long)(at >> _blockBits) + 1) << _blockBits;
            offset = 0;
        }

        if (start + text.Length > Array.MaxLength)
        {
            throw new InvalidOperationException(
                $"The texts of one column hold more than {Array.MaxLength:N0} characters, more than one read can keep; split the data.");
        }

        at = (int)start;
        if (text.Length > 0)
        {
            int block = at >> _blockBits;
            while (_blockCount <= block)
            {
                // A first block starts small; a block after a full one is made full size at once.
                AddBlock(new char[_blockCount == 0 ? Math.Min(FirstBlockLength, _blockLength) : _blockLength]);
            }

            char[] chars = _blocks[block];
            if (offset + text.Length > chars.Length)
            {
                Array.Resize(ref chars, (int)Math.Min(_blockLength, Math.Max(chars.Length * 2L, offset + text.Length)));
                _blocks[block] = chars;
            }

            text.CopyTo(chars.AsSpan(offset));
        }

        AddEnd(at + text.Length);
    }

    /// <summary>
    /// Adds the texts of <paramref name="later"/> (of the same block size) after these, in order: its blocks are moved
    /// here, not copied, and <paramref name="later"/> must not be used afterwards. The join leaves the rest of this
    /// column's last block unused.
    /// </summary>
    /// <exception cref="InvalidOperationException">The texts would take more positions than an array can have (about 2^31).</exception>
    public void Append(TextColumn later)
    {
        if (later._blockBits != _blockBits)
        {
            throw new InvalidOperationException("Only columns of the same block size can be joined.");
        }

        long blocksBefore = (long)_blockCount << _blockBits;
        if (blocksBefore + later._end > Array.MaxLength || (long)Count + later.Count + 1 > Array.MaxLength)
        {
            throw new InvalidOperationException(
                $"The texts of one column hold more than {Array.MaxLength:N0} characters, more than one read can keep; split the data.");
        }

        int shift = (int)blocksBefore;

        if (Count + later.Count + 1 > _ends.Length)
        {
            Array.Resize(ref _ends, Count + later.Count + 1);
        }

        // The later texts keep their places within their blocks, which now follow this column's blocks, so their ends
        // move by whole blocks and each reads as before. The first of them with characters starts at the boundary after
        // this column's end, so it reads as a text that moved there. Texts before it (empty or long, ending at 0) end
        // where this column ends instead, so that they still read as having no characters here.
        for (int i = 0; i < later.Count; i++)
        {
            int end = later._ends[i + 1];
            _ends[Count + i + 1] = end == 0 ? _end : end + shift;
        }

        foreach ((int index, string text) in later._longTexts ?? [])
        {
            (_longTexts ??= [])[Count + index] = text;
        }

        for (int b = 0; b < later._blockCount; b++)
        {
            AddBlock(later._blocks[b]);
        }

        Count += later.Count;
        if (later._end > 0)
        {
            _end = later._end + shift;
        }
    }

    /// <summary>Every text as a new string, in order.</summary>
    public string[] ToStrings()
    {
        var texts = new string[Count];
        for (int i = 0; i < texts.Length; i++)
        {
            texts[i] = this[i];
        }

        return texts;
    }

    private void AddEnd(int end)
    {
        if (Count + 1 == _ends.Length)
        {
            Array.Resize(ref _ends, (int)Math.Min(Array.MaxLength, (long)_ends.Length * 2));
        }

        _ends[++Count] = end;
        _end = end;
    }

    private void AddBlock(char[] block)
    {
        if (_blockCount == _blocks.Length)
        {
            Array.Resize(ref _blocks, Math.Max(4, _blocks.Length * 2));
        }

        _blocks[_blockCount++] = block;
    }
}
