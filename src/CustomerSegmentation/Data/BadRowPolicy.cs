namespace CustomerSegmentation.Data;

/// <summary>What a CSV reader (<see cref="CustomerCsv"/>, <c>TransactionCsv</c>) does with a data row it cannot use.</summary>
public enum BadRowPolicy
{
    /// <summary>Stop at the first bad row with a <see cref="DataFormatException"/> naming its line, column and text.</summary>
    FailFast,

    /// <summary>Skip bad rows, count every one of them and keep the first few in a <see cref="SkippedRowsReport"/>.</summary>
    Skip,
}
