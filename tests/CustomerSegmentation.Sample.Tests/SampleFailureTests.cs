using System.Globalization;
using System.Text;

namespace CustomerSegmentation.Sample.Tests;

/// <summary>Every failure of the sample is one line on standard error and its documented exit code, never a stack trace.</summary>
public sealed class SampleFailureTests
{
    [Fact]
    public void A_header_with_a_stray_quote_is_one_line_and_exit_code_1()
    {
        string path = Path.GetTempFileName();
        File.WriteAllText(path, "CustomerID,\"Age,Annual Income (k$),Spending Score (1-100)\n1,19,15,39\n2,20,16,81\n");
        try
        {
            using SampleRun run = SampleRun.Of("--input", path);

            Assert.Equal(SampleProgram.DataError, run.ExitCode);
            Assert.Single(run.Error.TrimEnd().Split(Environment.NewLine));
            Assert.StartsWith("error: ", run.Error);
            Assert.DoesNotContain(" at ", run.Error);
            Assert.Contains("stray or unclosed quote", run.Error, StringComparison.Ordinal);
            Assert.Contains("double any quote inside them", run.Error, StringComparison.Ordinal);
        }
        finally
        {
            File.Delete(path);
        }
    }

    [Fact]
    public void An_unexpected_exception_is_one_line_and_its_own_exit_code()
    {
        var error = new StringWriter(CultureInfo.InvariantCulture);

        int code = SampleProgram.Run(["--k", "3", "--out", Path.Combine(Path.GetTempPath(), "cs-sample-" + Guid.NewGuid().ToString("N"))], new FailingWriter(), error);

        Assert.Equal(SampleProgram.UnexpectedError, code);
        Assert.Equal(3, code);
        string text = error.ToString();
        Assert.Single(text.TrimEnd().Split(Environment.NewLine));
        Assert.StartsWith("error: unexpected NotImplementedException: the console broke", text);
        Assert.DoesNotContain(" at ", text);
    }

    [Fact]
    public void The_usage_text_documents_every_exit_code()
    {
        using SampleRun run = SampleRun.Of("--help");

        Assert.Contains("Exit codes: 0 success, 1 unusable data or files, 2 bad command line, 3 unexpected failure", run.Output);
    }

    /// <summary>An output that fails in a way no part of the sample expects.</summary>
    private sealed class FailingWriter : TextWriter
    {
        public override Encoding Encoding => Encoding.UTF8;

        public override void Write(char value) => throw new NotImplementedException("the console broke\n(second line)");

        public override void WriteLine(string? value) => throw new NotImplementedException("the console broke\n(second line)");
    }
}
