namespace CustomerSegmentation.Loyalty;

/// <summary>
/// Where the amount of a transaction line comes from: one amount column, or a quantity column times a unit price column.
/// Column names match the header ordinally, ignoring case and surrounding whitespace.
/// </summary>
public sealed record TransactionAmount
{
    private TransactionAmount(string? amountColumn, string? quantityColumn, string? unitPriceColumn)
    {
        AmountColumn = amountColumn;
        QuantityColumn = quantityColumn;
        UnitPriceColumn = unitPriceColumn;
    }

    /// <summary>The amount is the "Amount" column (the default of <see cref="TransactionCsvOptions.Amount"/>).</summary>
    public static TransactionAmount Default { get; } = Column("Amount");

    /// <summary>The amount column, or null when the amount is quantity times unit price.</summary>
    public string? AmountColumn { get; }

    /// <summary>The quantity column, or null when the amount is one column.</summary>
    public string? QuantityColumn { get; }

    /// <summary>The unit price column, or null when the amount is one column.</summary>
    public string? UnitPriceColumn { get; }

    /// <summary>The amount of a line is the value of one column.</summary>
    /// <param name="name">The header name of the amount column, for example "Amount".</param>
    /// <returns>The amount source.</returns>
    /// <exception cref="ArgumentException"><paramref name="name"/> is null or blank.</exception>
    public static TransactionAmount Column(string name) => new(RequireName(name, nameof(name), "amount", "Amount"), null, null);

    /// <summary>The amount of a line is its quantity times its unit price, as in the public "Online Retail" data set.</summary>
    /// <param name="quantityColumn">The header name of the quantity column, for example "Quantity".</param>
    /// <param name="unitPriceColumn">The header name of the unit price column, for example "UnitPrice".</param>
    /// <returns>The amount source.</returns>
    /// <exception cref="ArgumentException">A name is null or blank, or both name the same column.</exception>
    public static TransactionAmount QuantityTimesUnitPrice(string quantityColumn, string unitPriceColumn)
    {
        string quantity = RequireName(quantityColumn, nameof(quantityColumn), "quantity", "Quantity");
        string price = RequireName(unitPriceColumn, nameof(unitPriceColumn), "unit price", "UnitPrice");
        if (string.Equals(quantity, price, StringComparison.OrdinalIgnoreCase))
        {
            throw new ArgumentException(
                $"The quantity and unit price columns are both '{quantity}'; name two different columns.", nameof(unitPriceColumn));
        }

        return new(null, quantity, price);
    }

    /// <summary>Describes the source, for example "column 'Amount'" or "'Quantity' x 'UnitPrice'".</summary>
    /// <returns>The description.</returns>
    public override string ToString() => AmountColumn is not null ? $"column '{AmountColumn}'" : $"'{QuantityColumn}' x '{UnitPriceColumn}'";

    private static string RequireName(string value, string parameter, string role, string example)
    {
        if (string.IsNullOrWhiteSpace(value))
        {
            throw new ArgumentException($"The {role} column name is missing or blank; give a header name such as \"{example}\".", parameter);
        }

        return value.Trim();
    }
}
