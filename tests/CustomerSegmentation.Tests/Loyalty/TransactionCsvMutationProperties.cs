using System.Globalization;

using CustomerSegmentation.Data;
using CustomerSegmentation.Loyalty;
using CustomerSegmentation.Tests.Data;

using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CustomerSegmentation.Tests.Loyalty;

/// <summary>A clean transaction grid (CustomerId, Timestamp, Amount, Note) and one mutation of it.</summary>
public sealed record MutatedTransactions(string[][] Rows, CsvMutation Mutation)
{
    public static readonly string[] Header = ["CustomerId", "Timestamp", "Amount", "Note"];

    public override string ToString() => $"{Rows.Length} rows, {Mutation}";
}

public static class MutatedTransactionGenerators
{
    public static Arbitrary<MutatedTransactions> Cases()
    {
        Gen<string[]> row =
            from id in Gen.Choose(1, 40)
            from day in Gen.Choose(0, 365)
            from cents in Gen.Choose(-2_000, 500_000)
            from note in Gen.Elements("fine", "gift", "store 12", "Größe", "x")
            select (string[])[$"c{id}", new DateOnly(2024, 1, 1).AddDays(day).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), (cents / 100m).ToString(CultureInfo.InvariantCulture), note];
        Gen<MutatedTransactions> gen =
            from n in Gen.Choose(1, 30)
            from rows in row.ArrayOf(n)
            from mutation in CsvMutation.Any(n, MutatedTransactions.Header.Length)
            select new MutatedTransactions(rows, mutation);
        return Arb.From(gen);
    }
}

/// <summary>
/// Issue 11, beyond the list: a mutated transaction file reads as the clean one, or fails with a
/// <see cref="DataFormatException"/>, never another exception; every row is kept, skipped or set aside and counted.
/// </summary>
public sealed class TransactionCsvMutationProperties
{
    [Property(Arbitrary = [typeof(MutatedTransactionGenerators)], MaxTest = 300)]
    public void A_mutated_file_reads_or_fails_with_a_data_error_never_another_exception(MutatedTransactions data)
    {
        byte[] bytes = data.Mutation.Apply(MutatedTransactions.Header, data.Rows);

        // Any exception other than DataFormatException escapes Read and fails the property.
        TransactionSet? read = Read(bytes, TransactionCsvTests.FailFast);

        Assert.True(read is null || read.Hygiene.SkippedRows.IsEmpty, "Fail-fast skipped a row.");
    }

    [Property(Arbitrary = [typeof(MutatedTransactionGenerators)], MaxTest = 300)]
    public void Reordered_columns_read_as_the_clean_file(MutatedTransactions data)
    {
        TransactionSet clean = TransactionCsv.Read(new MemoryStream(CsvMutation.Write(MutatedTransactions.Header, data.Rows)));
        byte[] reordered = (data.Mutation with { Kind = MutationKind.ReorderColumns }).Apply(MutatedTransactions.Header, data.Rows);

        TransactionSet read = TransactionCsv.Read(new MemoryStream(reordered));

        Assert.Equal<Transaction>([.. clean.Transactions], [.. read.Transactions]);
        Assert.Equal(clean.Hygiene.ToString(), read.Hygiene.ToString());
    }

    [Property(Arbitrary = [typeof(MutatedTransactionGenerators)], MaxTest = 300)]
    public void Under_the_skip_policy_every_data_row_is_kept_skipped_or_set_aside(MutatedTransactions data)
    {
        byte[] bytes = data.Mutation.Apply(MutatedTransactions.Header, data.Rows);

        TransactionSet? read = Read(bytes, new TransactionCsvOptions());

        TransactionHygieneReport? h = read?.Hygiene;
        Assert.True(h is null || h.RowsRead == h.RowsKept + h.SkippedRows.Count + h.ReturnsExcluded + h.ReturnsWithoutPurchase, $"Rows unaccounted for: {h}.");
        Assert.True(
            h is null || data.Mutation.MaySplitDifferently || h.RowsRead == CsvMutation.DataLines(bytes),
            $"Every data line must be read: {h?.RowsRead} rows read of {CsvMutation.DataLines(bytes)} lines.");
        Assert.True(h is null || h.RowsRead <= CsvMutation.DataLines(bytes), "More rows read than lines in the file.");
    }

    private static TransactionSet? Read(byte[] bytes, TransactionCsvOptions options)
    {
        try
        {
            return TransactionCsv.Read(new MemoryStream(bytes), options);
        }
        catch (DataFormatException e)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
            return null;
        }
    }
}
