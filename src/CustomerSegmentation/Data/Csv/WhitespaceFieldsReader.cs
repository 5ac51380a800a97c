using System.Text;

namespace CustomerSegmentation.Data.Csv;

/// <summary>
/// Text whose fields are separated by runs of spaces and tabs, delivered line by line as tab-separated text: each line's
/// leading and trailing spaces and tabs are dropped and every inner run becomes one tab. Line breaks (and so line
/// numbers) are kept. The inner reader stays open (its owner disposes it).
/// </summary>
internal sealed class WhitespaceFieldsReader(TextReader inner) : TextReader
{
    private readonly StringBuilder _line = new();
    private string _pending = string.Empty;
    private int _position;
    private bool _ended;

    public override int Peek() => _position < _pending.Length || Fill() ? _pending[_position] : -1;

    public override int Read() => _position < _pending.Length || Fill() ? _pending[_position++] : -1;

    public override int Read(char[] buffer, int index, int count) => Read(buffer.AsSpan(index, count));

    public override int Read(Span<char> buffer)
    {
        if (buffer.IsEmpty || (_position >= _pending.Length && !Fill()))
        {
            return 0;
        }

        int n = Math.Min(buffer.Length, _pending.Length - _position);
        _pending.AsSpan(_position, n).CopyTo(buffer);
        _position += n;
        return n;
    }

    /// <summary>Loads the next line, rewritten, with its line break; false at the end.</summary>
    private bool Fill()
    {
        if (_ended)
        {
            return false;
        }

        _line.Clear();
        bool inRun = true;
        while (true)
        {
            int c = inner.Read();
            if (c < 0)
            {
                _ended = true;
                break;
            }

            if (c is '\r' or '\n')
            {
                if (c == '\r' && inner.Peek() == '\n')
                {
                    inner.Read();
                }

                _pending = string.Concat(_line.ToString(), "\n");
                _position = 0;
                return true;
            }

            if (c is ' ' or '\t')
            {
                inRun = true;
                continue;
            }

            if (inRun && _line.Length > 0)
            {
                _line.Append('\t');
            }

            inRun = false;
            _line.Append((char)c);
        }

        _pending = _line.ToString();
        _position = 0;
        return _pending.Length > 0;
    }
}
