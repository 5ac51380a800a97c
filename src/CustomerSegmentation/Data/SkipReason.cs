namespace CustomerSegmentation.Data;

/// <summary>Why a data row of a CSV file could not be used (the same reasons for every reader).</summary>
public enum SkipReason
{
    /// <summary>A numeric cell (a feature, an amount, a quantity, a price) holds text that is not a number in the configured culture.</summary>
    NotANumber,

    /// <summary>A required cell (a feature, an id, a timestamp, an amount) is empty or blank, or missing from a short row.</summary>
    EmptyValue,

    /// <summary>A numeric cell holds NaN, an infinity, or a magnitude beyond the range of its type (float32 features: about ±3.4e38).</summary>
    NotFinite,

    /// <summary>The row has a different number of fields than the header (a ragged row).</summary>
    WrongFieldCount,

    /// <summary>A field contains a quote character but is not properly quoted.</summary>
    MalformedQuotes,

    /// <summary>A timestamp cell matches none of the configured date and time formats.</summary>
    NotADate,

    /// <summary>A timestamp cell holds a date after the latest date a row may have (a transaction dated in the future).</summary>
    AfterLatestDate,
}
