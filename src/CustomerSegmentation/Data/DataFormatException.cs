namespace CustomerSegmentation.Data;

/// <summary>
/// Data that cannot be used as it is: an empty file, a missing or ambiguous column, text that is not valid UTF-8 or
/// not valid CSV, or a bad row under <see cref="BadRowPolicy.FailFast"/>. Thrown by every reader of this library
/// (customers and transactions alike); the message says what is wrong, where (line, column, text) and what to do.
/// </summary>
/// <remarks>
/// <see cref="LineNumber"/> counts the lines of the file from 1; the header is line 1 (unless blank lines precede it),
/// and a row whose quoted field spans several lines is reported at the line where it starts.
/// </remarks>
public class DataFormatException : FormatException
{
    /// <summary>Creates an exception with a default message and no location.</summary>
    public DataFormatException()
    {
    }

    /// <summary>Creates an exception with a message and no location.</summary>
    /// <param name="message">What is wrong and what to do.</param>
    public DataFormatException(string message)
        : base(message)
    {
    }

    /// <summary>Creates an exception with a message and the exception that caused it.</summary>
    /// <param name="message">What is wrong and what to do.</param>
    /// <param name="innerException">The underlying error.</param>
    public DataFormatException(string message, Exception innerException)
        : base(message, innerException)
    {
    }

    /// <summary>Creates an exception that points at a line, a column and a text.</summary>
    /// <param name="message">What is wrong and what to do.</param>
    /// <param name="lineNumber">The 1-based line of the file (header = line 1), or null.</param>
    /// <param name="column">The column name, or null.</param>
    /// <param name="text">The offending text, or null.</param>
    /// <param name="innerException">The underlying error, or null.</param>
    public DataFormatException(string message, int? lineNumber, string? column, string? text, Exception? innerException = null)
        : base(message, innerException)
    {
        LineNumber = lineNumber;
        Column = column;
        Text = text;
    }

    /// <summary>The 1-based line of the file the problem is on (header = line 1), or null when it is not about one line.</summary>
    public int? LineNumber { get; }

    /// <summary>The name of the column at fault, or null.</summary>
    public string? Column { get; }

    /// <summary>The offending text (a cell, or a shortened raw line), or null.</summary>
    public string? Text { get; }

    /// <summary>Why the row was rejected when the problem is one data row; otherwise null.</summary>
    public SkipReason? Reason { get; init; }

    /// <summary>The rows skipped before the failure (set when every data row was skipped); otherwise null.</summary>
    public SkippedRowsReport? SkippedRows { get; init; }
}
