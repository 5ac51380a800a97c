namespace CustomerSegmentation.Data;

/// <summary>One data row of a CSV file that could not be used: where it is, what it holds and why it was rejected.</summary>
public sealed class SkippedRow
{
    internal SkippedRow(int lineNumber, string? column, string? text, SkipReason reason, string message)
    {
        LineNumber = lineNumber;
        Column = column;
        Text = text;
        Reason = reason;
        Message = message;
    }

    /// <summary>The 1-based line of the file where the row starts (the header is line 1).</summary>
    public int LineNumber { get; }

    /// <summary>The header name of the offending column, or null when the whole row is at fault (a ragged row, a malformed quote).</summary>
    public string? Column { get; }

    /// <summary>The offending text: the cell's text, or the raw line (shortened) for a ragged row.</summary>
    public string? Text { get; }

    /// <summary>Why the row was rejected.</summary>
    public SkipReason Reason { get; }

    /// <summary>A readable sentence naming the line, the column, the text and the problem.</summary>
    public string Message { get; }

    /// <summary>Returns <see cref="Message"/>.</summary>
    public override string ToString() => Message;
}
