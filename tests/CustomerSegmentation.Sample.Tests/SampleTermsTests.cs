using CustomerSegmentation.Data;

namespace CustomerSegmentation.Sample.Tests;

/// <summary>Every error a user can hit speaks the sample's flags, never the library's option or method names.</summary>
public sealed class SampleTermsTests
{
    private const string Header = "CustomerID,Age,Annual Income (k$),Spending Score (1-100),Genre\n";

    [Fact]
    public void A_bad_cell_is_skipped_and_counted_with_skip_bad_rows()
    {
        using TempFile file = TempFile.With(Header + "1,19,15,39,Male\n2,twenty,16,81,Female\n3,20,16,6,Female\n4,23,16,77,Male\n5,31,17,40,Female\n6,22,17,76,Male\n");
        using SampleRun run = SampleRun.Of("--input", file.Path, "--k", "2", "--skip-bad-rows");

        Assert.True(run.ExitCode == 0, run.Error);
        Assert.Contains("Rows skipped (--skip-bad-rows): 1; ", run.Output);
        Assert.Contains("Line 3, column 'Age': 'twenty'", run.Output);
        Assert.Equal(5, File.ReadLines(run.File("segments.csv")).Count() - 1);
    }

    [Fact]
    public void A_text_column_given_as_a_feature_points_to_categorical()
    {
        using TempFile file = TempFile.With(Header + "1,19,15,39,Male\n2,21,16,81,Female\n");
        using SampleRun run = SampleRun.Of("--input", file.Path, "--features", "Age,Genre", "--k", "1");

        Assert.Equal(SampleProgram.DataError, run.ExitCode);
        Assert.Single(run.Error.TrimEnd().Split(Environment.NewLine));
        Assert.Contains("If 'Genre' holds categories, give it to --categorical instead of --features.", run.Error);
        Assert.DoesNotContain("WithCategorical", run.Error);
        Assert.DoesNotContain("CustomerCsvOptions", run.Error);
    }

    [Fact]
    public void Too_few_customers_for_the_elbow_names_k_max()
    {
        using TempFile file = TempFile.With(Header + "1,19,15,39,Male\n2,21,16,81,Female\n3,20,16,6,Female\n4,23,16,77,Male\n");
        using SampleRun run = SampleRun.Of("--input", file.Path);

        Assert.Equal(SampleProgram.DataError, run.ExitCode);
        Assert.Equal("error: --k-max is 10 but the data has only 4 customers; lower --k-max or add rows." + Environment.NewLine, run.Error);
    }

    [Theory]
    [InlineData("a,2024-01-01,10,1\nb,2024-02-01,x,2\n", new string[0], "Line 3, column 'Amount': 'x' is not a number")]
    [InlineData("a,2024-01-01,10,1\nb,2024-02-01,\"12,50\",2\n", new string[0], "has no flag to change it: convert the file first.")]
    [InlineData("a,2024-01-01,10,1\nb,2099-02-01,12,2\n", new string[0], "a transaction cannot be dated in the future (the sample has no flag to move that bound).")]
    [InlineData("a,2024-01-01,10,1\nb,2024-02-01,12,\n", new[] { "--order", "OrderId" }, "the order id is empty although --order is given.")]
    public void A_bad_transaction_row_names_the_file_and_the_flags(string rows, string[] flags, string expected)
    {
        using TempFile file = TempFile.With("CustomerId,Timestamp,Amount,OrderId\n" + rows);
        using SampleRun run = SampleRun.Of(["rfm", "--transactions", file.Path, .. flags]);

        Assert.Equal(SampleProgram.DataError, run.ExitCode);
        Assert.Single(run.Error.TrimEnd().Split(Environment.NewLine));
        Assert.StartsWith("error: Line 3, column '", run.Error);
        Assert.Contains(expected, run.Error);
        Assert.Contains($"(in the file '{file.Path}'). Add --skip-bad-rows to skip such rows and count them instead.", run.Error);
        Assert.DoesNotContain("TransactionCsvOptions", run.Error);
        Assert.DoesNotContain("BadRows", run.Error);
    }

    [Fact]
    public void A_missing_transactions_file_is_one_line_naming_it()
    {
        using SampleRun run = SampleRun.Of("clv", "--transactions", "no-such-transactions.csv");

        Assert.Equal(SampleProgram.DataError, run.ExitCode);
        Assert.StartsWith("error: The transaction file 'no-such-transactions.csv' does not exist", run.Error);
        Assert.Single(run.Error.TrimEnd().Split(Environment.NewLine));
    }

    [Theory]
    [InlineData(
        "The covariance of Gaussian component 2 is not positive definite even after GaussianMixtureOptions.RegCovar was added to its diagonal (a feature has no spread within it); raise RegCovar, scale the features (e.g. standard scaling), or use fewer components.",
        "The covariance of Gaussian component 2 is not positive definite even after a small regularisation was added to its diagonal (a feature has no spread within it); use --scale standard, --covariance diag, or a smaller --k or --k-max.")]
    [InlineData(
        "The best of 1 initialisations did not converge in 100 EM iterations (lower bound still changing by 0.001 or more); raise MaxIterations or Tolerance.",
        "The best of 1 initialisations did not converge in 100 EM iterations (lower bound still changing by 0.001 or more); try --covariance diag, --scale standard or another --k (the sample has no flag for the iteration limit).")]
    [InlineData(
        "'Region' has 300 distinct values, more than the limit of 256 for a categorical feature; raise the limit (maxLevels, e.g. WithCategorical(300, \"Region\")) or group the rare values first.",
        "'Region' has 300 distinct values, more than the limit of 256 for a categorical feature; the sample has no flag to raise the limit: group the rare values first.")]
    public void The_mixture_and_category_advice_is_rewritten_in_flags(string library, string sample)
        => Assert.Equal(sample, SampleTerms.Of(library));

    [Fact]
    public void A_message_without_library_advice_is_left_as_it_is()
        => Assert.Equal("The customer file 'x.csv' does not exist.", SampleTerms.Of("The customer file 'x.csv' does not exist."));

    /// <summary>A temporary file holding some text, deleted on dispose.</summary>
    private sealed class TempFile(string path) : IDisposable
    {
        public string Path { get; } = path;

        public static TempFile With(string text)
        {
            string path = System.IO.Path.GetTempFileName();
            File.WriteAllText(path, text);
            return new TempFile(path);
        }

        public void Dispose() => File.Delete(Path);
    }
}
