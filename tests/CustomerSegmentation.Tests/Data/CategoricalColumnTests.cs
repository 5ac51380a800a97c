using CustomerSegmentation.Data;

namespace CustomerSegmentation.Tests.Data;

public sealed class CategoricalColumnTests
{
    [Fact]
    public void Levels_are_in_ordinal_order_and_codes_index_them()
    {
        CategoricalColumn column = CategoricalColumn.FromValues(" Genre ", ["Male", " Female", "Male", "female"]);

        Assert.Equal("Genre", column.Name);
        Assert.Equal<string>(["Female", "Male", "female"], column.Levels);
        Assert.Equal<int>([1, 0, 1, 2], column.Codes);
        Assert.Equal("Female", column.ValueAt(1));
    }

    [Fact]
    public void Encoding_new_values_keeps_the_levels_and_marks_unknown_ones()
    {
        CategoricalColumn fitted = CategoricalColumn.FromValues("Genre", ["Male", "Female"]);

        CategoricalColumn encoded = fitted.Encode(["Female", "Other", "Male"]);

        Assert.Equal<string>(fitted.Levels, encoded.Levels);
        Assert.Equal<int>([0, CategoricalColumn.UnknownCode, 1], encoded.Codes);
        Assert.Null(encoded.ValueAt(1));
    }

    [Fact]
    public void Too_many_values_say_how_many_and_how_to_raise_the_limit()
    {
        string[] values = [.. Enumerable.Range(0, 120).Select(i => $"city{i % 60}")];

        var error = Assert.Throws<ArgumentException>(() => CategoricalColumn.FromValues("City", values));

        Assert.Contains("'City' has 60 distinct values, more than the limit of 50", error.Message);
        Assert.Contains("WithCategorical(60, \"City\")", error.Message);
        Assert.Equal(60, CategoricalColumn.FromValues("City", values, maxLevels: 60).Levels.Length);
    }

    [Fact]
    public void A_numeric_column_passed_as_categorical_points_to_WithFeatures()
    {
        string[] ages = [.. Enumerable.Range(0, 200).Select(i => (18 + (i % 70)).ToString(System.Globalization.CultureInfo.InvariantCulture))];

        var error = Assert.Throws<ArgumentException>(() => CategoricalColumn.FromValues("Age", ages));

        Assert.Equal("'Age' has 70 distinct numeric values: pass it to WithFeatures, not WithCategorical. (Parameter 'values')", error.Message);
    }

    [Fact]
    public void A_column_with_a_value_per_row_is_an_identifier()
    {
        string[] ids = [.. Enumerable.Range(0, 30).Select(i => $"C-{i}")];

        var error = Assert.Throws<ArgumentException>(() => CategoricalColumn.FromValues("Customer", ids, maxLevels: 100));

        Assert.Contains("different value on every one of its 30 rows, so it is an identifier", error.Message);
        Assert.Contains("WithId", error.Message);
    }

    [Fact]
    public void An_empty_category_names_the_row()
    {
        var error = Assert.Throws<ArgumentException>(() => CategoricalColumn.FromValues("Genre", ["Male", " ", "Female"]));

        Assert.Contains("'Genre' has an empty value at row 1", error.Message);
        Assert.Contains("BadRowPolicy.Skip", error.Message);
    }

    [Fact]
    public void Categories_travel_with_selected_rows_and_features()
    {
        FeatureMatrix data = FeatureMatrix.FromColumns([new double[] { 1, 2, 3 }, new double[] { 4, 5, 6 }], ["a", "b"])
            .WithCategoricals([CategoricalColumn.FromValues("g", ["x", "y", "z"])]);

        FeatureMatrix picked = data.SelectRows([2, 0]).SelectFeatures(["b"]);

        Assert.Equal<string>(["g"], picked.CategoricalNames);
        Assert.Equal<int>([2, 0], picked.Categoricals[0].Codes);
    }

    [Fact]
    public void A_categorical_feature_must_fit_the_matrix()
    {
        FeatureMatrix data = FeatureMatrix.FromColumns([new double[] { 1, 2 }], ["a"]);

        Assert.Contains("has 3 rows but the matrix has 2", Assert.Throws<ArgumentException>(() => data.WithCategoricals([CategoricalColumn.FromValues("g", ["x", "y", "x"])])).Message);
        Assert.Contains("'a' is used twice", Assert.Throws<ArgumentException>(() => data.WithCategoricals([CategoricalColumn.FromValues("a", ["x", "y"])])).Message);
    }

    [Fact]
    public void The_CSV_reader_treats_an_empty_category_as_a_bad_row()
    {
        const string Text = """
            Id,Genre,Age
            a,Male,19
            b,,21
            c,Female,35

            """;

        DataFormatException error = CsvText.Fails(Text, ["Age"], new() { IdColumn = "Id", CategoricalColumns = ["Genre"] });
        CustomerTable kept = CsvText.Read(Text, ["Age"], new() { IdColumn = "Id", CategoricalColumns = ["Genre"], BadRows = BadRowPolicy.Skip });

        Assert.Contains("Line 3, column 'Genre': the cell is empty", error.Message);
        Assert.Equal<string>(["a", "c"], kept.Ids);
        Assert.Equal<string>(["Male", "Female"], kept.Attributes["Genre"]);
        Assert.Equal(1, kept.SkippedRows.CountByReason[SkipReason.EmptyValue]);
    }

    [Fact]
    public void A_word_in_a_numeric_feature_points_to_WithCategorical()
    {
        DataFormatException error = CsvText.Fails("Id,Genre,Age\na,Male,19\n", ["Genre", "Age"], new() { IdColumn = "Id" });

        Assert.Contains("If 'Genre' holds categories, pass it to WithCategorical(\"Genre\")", error.Message);
    }
}
