namespace CustomerSegmentation.Data;

/// <summary>
/// A column of texts kept as characters in one growing buffer with the start of each, so that a million ids cost one
/// buffer instead of a million strings for the garbage collector to trace while a file is read; a string is made when
/// one is asked for.
/// </summary>
internal sealed class TextColumn
{
    private char[] _text = new char[512];
    private int _length;
    private int[] _starts = new int[65];

    /// <summary>The number of texts.</summary>
    public int Count { get; private set; }

    /// <summary>The characters of text <paramref name="index"/>.</summary>
    public ReadOnlySpan<char> Text(int index) => _text.AsSpan(_starts[index], _starts[index + 1] - _starts[index]);

    /// <summary>Text <paramref name="index"/> as a new string.</summary>
    public string this[int index] => new(Text(index));

    /// <summary>Adds <paramref name="text"/> after the others; its index is the <see cref="Count"/> before the call.</summary>
    /// <exception cref="InvalidOperationException">The texts would hold more characters than one array can (about 2^31).</exception>
    public void Add(ReadOnlySpan<char> text)
    {
        if ((long)_length + text.Length > Array.MaxLength)
        {
            throw new InvalidOperationException(
                $"The texts of one column hold more than {Array.MaxLength:N0} characters, more than one read can keep; split the data.");
        }

        if (_length + text.Length > _text.Length)
        {
            Array.Resize(ref _text, (int)Math.Min(Array.MaxLength, Math.Max((long)_text.Length * 2, (long)_length + text.Length)));
        }

        if (Count + 2 > _starts.Length)
        {
            Array.Resize(ref _starts, (int)Math.Min(Array.MaxLength, (long)_starts.Length * 2));
        }

        text.CopyTo(_text.AsSpan(_length));
        _length += text.Length;
        Count++;
        _starts[Count] = _length;
    }

    /// <summary>
    /// Adds the texts of <paramref name="later"/> after these, in order, growing the buffers once to the exact size
    /// (not by doubling: the columns of a read split across threads are joined this way, and both are large).
    /// </summary>
    /// <exception cref="InvalidOperationException">The texts would hold more characters than one array can (about 2^31).</exception>
    public void Append(TextColumn later)
    {
        long length = (long)_length + later._length;
        if (length > Array.MaxLength || (long)Count + later.Count + 1 > Array.MaxLength)
        {
            throw new InvalidOperationException(
                $"The texts of one column hold more than {Array.MaxLength:N0} characters, more than one read can keep; split the data.");
        }

        if (length > _text.Length)
        {
            Array.Resize(ref _text, (int)length);
        }

        if (Count + later.Count + 1 > _starts.Length)
        {
            Array.Resize(ref _starts, Count + later.Count + 1);
        }

        later._text.AsSpan(0, later._length).CopyTo(_text.AsSpan(_length));
        for (int i = 1; i <= later.Count; i++)
        {
            _starts[Count + i] = _length + later._starts[i];
        }

        _length = (int)length;
        Count += later.Count;
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
}
