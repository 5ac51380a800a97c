namespace CustomerSegmentation.Sample.Tests;

public sealed class SampleCategoricalTests
{
    [Theory]
    [InlineData("kprototypes", "K-prototypes", "\"kind\": \"KPrototypes\"")]
    [InlineData("kmeans", "one-hot", "\"encoding\": \"OneHot\"")]
    public void Genre_can_be_clustered_as_a_category(string clusterer, string way, string inModel)
    {
        using SampleRun run = SampleRun.Of("--categorical", "Genre", "--clusterer", clusterer, "--k", "4");

        Assert.Equal(0, run.ExitCode);
        Assert.Contains($"Categorical: Genre ({way})", run.Output);
        Assert.Contains(inModel, File.ReadAllText(run.File("model.json")));
    }
}
