using System.Globalization;

using CustomerSegmentation.Data;
using CustomerSegmentation.Data.Database;
using CustomerSegmentation.Loyalty;
using CustomerSegmentation.Pipeline;

using FsCheck;
using FsCheck.Fluent;
using FsCheck.Xunit;

namespace CustomerSegmentation.Tests.Data;

/// <summary>How database values become features: the same float32 as the CSV reader gets from the same number as text.</summary>
public sealed class DatabaseValueTests
{
    /// <summary>Finite doubles of every magnitude from raw bits, and doubles within a few units of a point halfway between two floats.</summary>
    public static class Generators
    {
        public static Arbitrary<double> Doubles()
        {
            Gen<double> anyBits = Gen.Choose(0, int.MaxValue).Two()
                .Select(p => BitConverter.Int64BitsToDouble(((long)p.Item1 << 32) ^ (uint)p.Item2 ^ ((long)p.Item2 << 1)))
                .Where(double.IsFinite);
            Gen<double> nearHalfway = Gen.Choose(-1000, 1000).Two().Select(p => Halfway(p.Item1 * 1.37e-3, p.Item2 % 6));
            Gen<double> decimals = Gen.Choose(-10_000_000, 10_000_000).Two().Select(p => p.Item1 / Math.Pow(10, Math.Abs(p.Item2 % 8)));
            return Arb.From(Gen.OneOf(anyBits, nearHalfway, decimals));
        }

        /// <summary>A double whose bits below float32's mantissa are halfway, moved by <paramref name="offset"/> units of its last place.</summary>
        private static double Halfway(double near, int offset)
        {
            long bits = BitConverter.DoubleToInt64Bits(near == 0 ? 1d : near);
            bits = (bits & ~((1L << 29) - 1)) | (1L << 28);
            return BitConverter.Int64BitsToDouble(bits + offset - 3);
        }
    }

    [Property(Arbitrary = [typeof(Generators)], MaxTest = 2000)]
    public void A_double_lands_on_the_float_its_shortest_text_parses_to(double value)
    {
        var outcome = DbValues.ToFeature(value, CultureInfo.InvariantCulture, out float fromDatabase);
        bool parsed = float.TryParse(value.ToString("R", CultureInfo.InvariantCulture), NumberStyles.Float, CultureInfo.InvariantCulture, out float fromText);
        Assert.True(parsed);
        Assert.Equal(float.IsFinite(fromText) ? FeatureValue.Number : FeatureValue.NotFinite, outcome);
        Assert.Equal(BitConverter.SingleToInt32Bits(fromText), float.IsFinite(fromText) ? BitConverter.SingleToInt32Bits(fromDatabase) : BitConverter.SingleToInt32Bits(fromText));
    }

    [Property(MaxTest = 500)]
    public void A_decimal_lands_on_the_float_its_digits_parse_to(int units, byte scale)
    {
        decimal value = new(Math.Abs(units), 0, 0, units < 0, (byte)(scale % 10));
        Assert.Equal(FeatureValue.Number, DbValues.ToFeature(value, CultureInfo.InvariantCulture, out float fromDatabase));
        Assert.Equal(float.Parse(value.ToString(CultureInfo.InvariantCulture), CultureInfo.InvariantCulture), fromDatabase);
    }

    [Fact]
    public void Integers_booleans_and_text_map_as_documented()
    {
        Assert.Equal((FeatureValue.Number, 16777216f), (DbValues.ToFeature(16777217L, CultureInfo.InvariantCulture, out float big), big));
        Assert.Equal((FeatureValue.Number, 1f), (DbValues.ToFeature(true, CultureInfo.InvariantCulture, out float yes), yes));
        Assert.Equal((FeatureValue.Number, 12.5f), (DbValues.ToFeature("12,5", CultureInfo.GetCultureInfo("de-DE"), out float german), german));
        Assert.Equal(FeatureValue.Null, DbValues.ToFeature(DBNull.Value, CultureInfo.InvariantCulture, out _));
        Assert.Equal(FeatureValue.Null, DbValues.ToFeature("  ", CultureInfo.InvariantCulture, out _));
        Assert.Equal(FeatureValue.NotANumber, DbValues.ToFeature("12,5", CultureInfo.InvariantCulture, out _));
        Assert.Equal(FeatureValue.NotFinite, DbValues.ToFeature(double.NaN, CultureInfo.InvariantCulture, out _));
        Assert.Equal(FeatureValue.NotFinite, DbValues.ToFeature(1e39, CultureInfo.InvariantCulture, out _));
        Assert.Equal(FeatureValue.WrongType, DbValues.ToFeature(new DateOnly(2024, 1, 1), CultureInfo.InvariantCulture, out _));
    }

    [Fact]
    public void Values_become_text_as_a_csv_cell_holds_it()
    {
        Assert.Equal(string.Empty, DbValues.ToText(DBNull.Value));
        Assert.Equal("0.1", DbValues.ToText(0.1d));
        Assert.Equal("12.50", DbValues.ToText(12.50m));
        Assert.Equal("Male", DbValues.ToText("  Male "));
        Assert.Equal("2024-03-01 14:30:00", DbValues.ToText(new DateTime(2024, 3, 1, 14, 30, 0)));
        Assert.Equal("2024-03-01", DbValues.ToText(new DateOnly(2024, 3, 1)));
    }

    [Fact]
    public void In_memory_customers_keep_their_attribute_columns()
    {
        var customers = new[] { ("a", "Female", 20.0, 1.0), ("b", "Male", 21.0, 2.0), ("c", null, 60.0, 9.0), ("d", "Male", 61.0, 10.0) };
        SegmentationResult result = SegmentationPipeline
            .From(customers, c => c.Item1, [("Genre", c => c.Item2)], ("Age", c => c.Item3), ("Spend", c => c.Item4))
            .WithAttributes("Genre")
            .WithK(2)
            .WithoutRules()
            .Run();
        Assert.Equal(["Female", "Male", string.Empty, "Male"], result.Customers.Attributes["Genre"].ToArray());
    }

    [Fact]
    public void In_memory_attribute_names_must_be_unique()
    {
        var customers = new[] { ("a", 1.0) };
        var error = Assert.Throws<ArgumentException>(() => SegmentationPipeline.From(customers, c => c.Item1, [("Genre", c => "x"), ("genre", c => "y")], ("Age", c => c.Item2)));
        Assert.Contains("'genre' is blank or listed twice", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_transaction_table_quotes_every_name_and_passes_the_end_day_as_a_parameter()
    {
        var table = new TransactionTable("sales.lines", "customer\"id", "ts", "amount") { IdentifierQuote = '"', ParameterMarker = "$" };
        string sql = table.RfmQuery();
        Assert.Contains("FROM \"sales\".\"lines\"", sql, StringComparison.Ordinal);
        Assert.Contains("\"customer\"\"id\" AS customer_id", sql, StringComparison.Ordinal);
        Assert.Contains("\"ts\" < $after_end", sql, StringComparison.Ordinal);
        Assert.Contains("`ts`", (table with { IdentifierQuote = '`' }).PurchaseSummaryQuery(), StringComparison.Ordinal);
    }

    [Fact]
    public void A_transaction_table_rejects_bad_names_and_options()
    {
        Assert.Contains("empty part", Assert.Throws<ArgumentException>(() => new TransactionTable("sales..lines", "c", "t", "a")).Message, StringComparison.Ordinal);
        Assert.Equal("customerIdColumn", Assert.Throws<ArgumentException>(() => new TransactionTable("t", " ", "t", "a")).ParamName);
        Assert.Contains("identifier quote", Assert.Throws<ArgumentOutOfRangeException>(() => new TransactionTable("t", "c", "t", "a") { IdentifierQuote = '[' }).Message, StringComparison.Ordinal);
        Assert.Contains("parameter marker", Assert.Throws<ArgumentOutOfRangeException>(() => new TransactionTable("t", "c", "t", "a") { ParameterMarker = "?" }).Message, StringComparison.Ordinal);
        Assert.Equal("AmountScale", Assert.Throws<ArgumentOutOfRangeException>(() => new TransactionTable("t", "c", "t", "a") { AmountScale = 29 }).ParamName);
        Assert.Contains("DayColumn must be a column name", Assert.Throws<ArgumentException>(() => new TransactionTable("t", "c", "t", "a") { DayColumn = "" }).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Reading_chunks_needs_at_least_one_row_per_chunk()
    {
        var error = Assert.Throws<ArgumentOutOfRangeException>(() => CustomerDatabase.ReadChunks(new System.Data.DataTable().CreateDataReader(), ["Age"], 0));
        Assert.Equal("rowsPerChunk", error.ParamName);
    }

    [Fact]
    public void A_chunk_source_refuses_bad_arguments_naming_them()
    {
        using var connection = new Microsoft.Data.Sqlite.SqliteConnection("Data Source=:memory:");

        Assert.Equal("rowsPerChunk", Assert.Throws<ArgumentOutOfRangeException>(() => CustomerDatabase.Chunks(connection, "SELECT 1", ["Age"], 0)).ParamName);
        Assert.Equal("sql", Assert.Throws<ArgumentException>(() => CustomerDatabase.Chunks(connection, " ", ["Age"], 10)).ParamName);
        Assert.Equal("connection", Assert.Throws<ArgumentNullException>(() => CustomerDatabase.Chunks(null!, "SELECT 1", ["Age"], 10)).ParamName);
        Assert.Contains("feature column", Assert.Throws<ArgumentException>(() => CustomerDatabase.Chunks(connection, "SELECT 1", [], 10)).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void An_empty_result_is_named()
    {
        var table = new System.Data.DataTable();
        table.Columns.Add("Age", typeof(double));
        var error = Assert.Throws<DataFormatException>(() => CustomerDatabase.Read(table.CreateDataReader(), ["Age"]));
        Assert.Contains("No customers in the query result: it returned no rows", error.Message, StringComparison.Ordinal);
    }
}
