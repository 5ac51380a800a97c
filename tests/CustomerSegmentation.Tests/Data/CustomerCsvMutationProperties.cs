using System.Globalization;

using CustomerSegmentation.Data;

using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CustomerSegmentation.Tests.Data;

/// <summary>A clean customer grid (Id, Age, Income, Note) and one mutation of it.</summary>
public sealed record MutatedCustomers(string[][] Rows, CsvMutation Mutation)
{
    public static readonly string[] Header = ["Id", "Age", "Income", "Note"];

    public override string ToString() => $"{Rows.Length} rows, {Mutation}";
}

public static class MutatedCustomerGenerators
{
    public static Arbitrary<MutatedCustomers> Cases()
    {
        Gen<string[]> row =
            from id in Gen.Choose(1, 99_999)
            from age in Gen.Choose(18, 90)
            from income in Gen.Choose(-5000, 500_000)
            from note in Gen.Elements("fine", "vip", "new customer", "Größe", "x")
            select (string[])[$"c{id}", age.ToString(CultureInfo.InvariantCulture), (income / 100d).ToString(CultureInfo.InvariantCulture), note];
        Gen<MutatedCustomers> gen =
            from n in Gen.Choose(1, 30)
            from rows in row.ArrayOf(n)
            from mutation in CsvMutation.Any(n, MutatedCustomers.Header.Length)
            select new MutatedCustomers(rows, mutation);
        return Arb.From(gen);
    }
}

/// <summary>
/// Issue 11, beyond the list: a mutated customer file reads as the clean one, or fails with a
/// <see cref="DataFormatException"/>, never another exception; under the skip policy every row is read or reported.
/// </summary>
public sealed class CustomerCsvMutationProperties
{
    private static readonly string[] Features = ["Age", "Income"];

    [Property(Arbitrary = [typeof(MutatedCustomerGenerators)], MaxTest = 300)]
    public void A_mutated_file_reads_or_fails_with_a_data_error_never_another_exception(MutatedCustomers data)
    {
        byte[] bytes = data.Mutation.Apply(MutatedCustomers.Header, data.Rows);

        // Any exception other than DataFormatException escapes ReadOrDataError and fails the property.
        CustomerTable? read = ReadOrDataError(bytes, new() { IdColumn = "Id" });

        Assert.True(read is null || read.RowCount == read.RowsRead, "Fail-fast kept a partial table.");
    }

    [Property(Arbitrary = [typeof(MutatedCustomerGenerators)], MaxTest = 300)]
    public void Reordered_columns_read_as_the_clean_file(MutatedCustomers data)
    {
        CustomerTable clean = CsvText.ReadBytes(CsvMutation.Write(MutatedCustomers.Header, data.Rows), Features, new() { IdColumn = "Id" });
        byte[] reordered = (data.Mutation with { Kind = MutationKind.ReorderColumns }).Apply(MutatedCustomers.Header, data.Rows);

        AssertSameTable(clean, CsvText.ReadBytes(reordered, Features, new() { IdColumn = "Id" }));
    }

    [Property(Arbitrary = [typeof(MutatedCustomerGenerators)], MaxTest = 300)]
    public void Under_the_skip_policy_rows_read_plus_rows_skipped_is_every_data_row(MutatedCustomers data)
    {
        byte[] bytes = data.Mutation.Apply(MutatedCustomers.Header, data.Rows);

        CustomerTable? read = ReadOrDataError(bytes, new() { IdColumn = "Id", BadRows = BadRowPolicy.Skip });

        Assert.True(read is null || read.RowsRead == read.RowCount + read.SkippedRows.Count, "Rows read must be rows kept plus rows skipped.");
        Assert.True(
            read is null || data.Mutation.MaySplitDifferently || read.RowsRead == CsvMutation.DataLines(bytes),
            $"Every data line must be read or reported: {read?.RowsRead} rows read of {CsvMutation.DataLines(bytes)} lines.");
        Assert.True(read is null || read.RowsRead <= CsvMutation.DataLines(bytes), "More rows read than lines in the file.");
    }

    private static CustomerTable? ReadOrDataError(byte[] bytes, CustomerCsvOptions options)
    {
        try
        {
            return CsvText.ReadBytes(bytes, Features, options);
        }
        catch (DataFormatException e)
        {
            Assert.False(string.IsNullOrWhiteSpace(e.Message));
            return null;
        }
    }

    private static void AssertSameTable(CustomerTable expected, CustomerTable actual)
    {
        Assert.Equal<string>([.. expected.Ids], [.. actual.Ids]);
        Assert.Equal(expected.RowCount, actual.RowCount);
        for (int j = 0; j < Features.Length; j++)
        {
            Assert.Equal(expected.Features.Column(j).ToArray(), actual.Features.Column(j).ToArray());
        }
    }
}
