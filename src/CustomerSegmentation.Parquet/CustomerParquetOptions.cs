using System.Collections.Immutable;
using CustomerSegmentation.Data;

namespace CustomerSegmentation.Parquet;

/// <summary>
/// Which columns of a Parquet file of customers to read, and what to do with a row that cannot be used. Immutable;
/// every value is checked when it is set.
/// </summary>
public sealed record CustomerParquetOptions
{
    /// <summary>The id column (text or an integer type); null numbers the rows from 1.</summary>
    /// <value>The default value is null.</value>
    public string? IdColumn { get; init; }

    /// <summary>The numeric feature columns (float, double or an integer type), in order.</summary>
    /// <value>The default value is empty, which is refused when reading: name at least one feature.</value>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public ImmutableArray<string> FeatureColumns
    {
        get;
        init => field = value.IsDefault ? throw new ArgumentNullException(nameof(FeatureColumns)) : value;
    } = [];

    /// <summary>Text columns kept as <see cref="CustomerTable.Attributes"/> (e.g. Genre); a null value reads as empty text.</summary>
    /// <value>The default value is empty.</value>
    /// <exception cref="ArgumentNullException">The value is null.</exception>
    public ImmutableArray<string> AttributeColumns
    {
        get;
        init => field = value.IsDefault ? throw new ArgumentNullException(nameof(AttributeColumns)) : value;
    } = [];

    /// <summary>What happens to a row with a null, NaN or infinite feature or a null id.</summary>
    /// <value>The default value is <see cref="BadRowPolicy.FailFast"/>.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is not a defined policy.</exception>
    public BadRowPolicy BadRows
    {
        get;
        init => field = Enum.IsDefined(value)
            ? value
            : throw new ArgumentOutOfRangeException(nameof(BadRows), value, $"{value} is not a bad-row policy; use {nameof(BadRowPolicy.FailFast)} or {nameof(BadRowPolicy.Skip)}.");
    } = BadRowPolicy.FailFast;

    /// <summary>How many skipped rows the report keeps in full.</summary>
    /// <value>The default value is 10. Must not be negative.</value>
    /// <exception cref="ArgumentOutOfRangeException">The value is negative.</exception>
    public int MaxReportedSkippedRows
    {
        get;
        init
        {
            ArgumentOutOfRangeException.ThrowIfNegative(value, nameof(MaxReportedSkippedRows));
            field = value;
        }
    } = 10;
}
