using System.Globalization;

namespace CustomerSegmentation.Sample.Tests;

/// <summary>The sample checks its output folder before working and never leaves a half-written set of outputs.</summary>
public sealed class SampleOutputTests
{
    [Theory]
    [InlineData("--k", "3")]
    [InlineData("rfm", "--k", "3")]
    [InlineData("clv", "--k", "3")]
    public void An_output_folder_that_cannot_be_written_fails_fast_with_one_line_and_leaves_nothing(params string[] args)
    {
        string blocker = Path.Combine(Path.GetTempPath(), $"cs-sample-file-{Guid.NewGuid():N}");
        File.WriteAllText(blocker, "a file where the output folder's parent should be");
        try
        {
            string folder = Path.Combine(blocker, "out");
            var output = new StringWriter(CultureInfo.InvariantCulture);
            var error = new StringWriter(CultureInfo.InvariantCulture);

            int code = SampleProgram.Run([.. args, "--out", folder], output, error);

            Assert.Equal(1, code);
            string line = Assert.Single(error.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries));
            Assert.StartsWith($"error: The output folder '{folder}' cannot be written", line);
            Assert.DoesNotContain("Segments:", output.ToString());
            Assert.Equal("a file where the output folder's parent should be", File.ReadAllText(blocker));
        }
        finally
        {
            File.Delete(blocker);
        }
    }

    [Fact]
    public void A_successful_run_leaves_only_its_outputs_in_the_folder()
    {
        using SampleRun run = SampleRun.Of("--k", "3");

        Assert.Equal(0, run.ExitCode);
        Assert.Equal(
            ["model.json", "profiles.json", "report.html", "segments.csv"],
            Directory.GetFileSystemEntries(run.Folder).Select(Path.GetFileName).Order(StringComparer.Ordinal));
    }
}
