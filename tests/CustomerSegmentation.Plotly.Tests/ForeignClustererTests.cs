using System.Collections.Immutable;
using System.Text.Json;
using CustomerSegmentation.Clustering;
using CustomerSegmentation.Data;
using CustomerSegmentation.Export;
using CustomerSegmentation.Pipeline;

namespace CustomerSegmentation.Plotly.Tests;

/// <summary>
/// A clusterer written outside the library, with nothing but its public API (this project cannot see the core's
/// internals), goes through the whole pipeline: the sweep, profiles, assignments, exports, the report and the model.
/// </summary>
public sealed class ForeignClustererTests
{
    private static SegmentationPipeline Customers() => SegmentationPipeline.FromTable(SegmentationReportsTests.Segmented(300).Customers);

    [Fact]
    public void A_foreign_clusterer_is_swept_profiled_exported_and_reported()
    {
        var asked = new List<int>();
        SegmentationResult result = Customers()
            .UseClusterer(request =>
            {
                lock (asked)
                {
                    asked.Add(request.K);
                }

                return new FarthestFirstClusterer(request.K);
            })
            .ChooseK(2, 6)
            .Run();

        Assert.Equal([2, 3, 4, 5, 6], asked.Order());
        Assert.Equal(5, result.Elbow!.Curve.Length);
        Assert.All(result.Elbow.Curve, p => Assert.NotNull(p.Silhouette));
        Assert.Equal(result.K, result.Profiles.Length);
        Assert.Equal(300, result.Profiles.Sum(p => p.Size));
        Assert.Equal(Enumerable.Range(1, result.K), result.Assignments.Select(a => a.Segment).Distinct().Order());
        AssertExportsAndReport(result);
    }

    [Fact]
    public void A_foreign_clusterer_with_a_fixed_K_predicts_in_memory_and_its_model_file_is_refused_clearly()
    {
        SegmentationResult result = Customers().UseClusterer(request => new FarthestFirstClusterer(request.K)).WithK(4).Run();

        Assert.Equal(4, result.K);
        Assert.Equal(result.Assignments.Select(a => a.Segment), result.Model.PredictSegments(result.Customers.Features));
        AssertExportsAndReport(result);
        var refusal = Assert.Throws<NotSupportedException>(() => result.Model.ToJson());
        Assert.Contains("NearestPointsModel is not a kind the model file can hold", refusal.Message);
        Assert.Contains("UseKMeans, UseMiniBatchKMeans", refusal.Message);
    }

    [Fact]
    public void Mini_batch_k_means_through_the_pipeline_gives_a_report_and_a_model_file_that_predicts_the_same()
    {
        SegmentationResult result = Customers().UseMiniBatchKMeans(new MiniBatchKMeansOptions { BatchSize = 100 }).ChooseK(2, 6).WithSeed(4).Run();

        AssertExportsAndReport(result);
        SegmentationModel loaded = SegmentationModel.FromJson(result.Model.ToJson());
        Assert.Equal(result.Assignments.Select(a => a.Segment), loaded.PredictSegments(result.Customers.Features));
    }

    [ChromiumFact]
    public void The_report_of_a_foreign_clusterer_renders_in_a_browser()
    {
        SegmentationResult result = Customers().UseClusterer(request => new FarthestFirstClusterer(request.K)).ChooseK(2, 6).Run();
        string path = Path.Combine(Path.GetTempPath(), $"foreign-report-{Guid.NewGuid():N}.html");
        try
        {
            result.ToReport().Save(path);
            JsonElement verdict = HeadlessChromium.Render(path, expectedPlots: 4, probe: ReportProbes.ProfileRowCount);

            Assert.False(verdict.GetProperty("timedOut").GetBoolean(), "plotly did not finish drawing: " + verdict);
            Assert.Equal(0, verdict.GetProperty("errors").GetArrayLength());
            Assert.Equal(result.K + 1, verdict.GetProperty("plots")[0].GetProperty("traces").GetInt32());
            Assert.Equal(result.K, verdict.GetProperty("probe").GetInt32()); // the profile table holds every segment
        }
        finally
        {
            File.Delete(path);
        }
    }

    private static void AssertExportsAndReport(SegmentationResult result)
    {
        var assignments = new StringWriter();
        result.WriteAssignmentsCsv(assignments);
        Assert.Equal(result.Customers.RowCount + 1, assignments.ToString().TrimEnd().Split('\n').Length);

        using JsonDocument profiles = JsonDocument.Parse(result.ToProfilesJson());
        Assert.Equal(result.K, profiles.RootElement.GetProperty("segments").GetArrayLength());
        Assert.Equal(result.K + 2, result.ToProfilesMarkdown().TrimEnd().Split('\n').Length);

        string html = result.ToReport().ToHtml();
        string[] shown = ReportPage.JsonStrings(html);
        string[][] profileRows = ReportPage.TableRows(html, "profile-table");
        Assert.Equal(result.K, profileRows.Length);
        foreach (var profile in result.Profiles)
        {
            Assert.Contains($"{profile.Id} · {profile.Label}", shown); // the legend name of its trace
            Assert.Equal(profile.Label, profileRows[profile.Id - 1][1]);
        }
    }

    /// <summary>
    /// Gonzalez's farthest-first traversal: the first centre is row 0, each next one the row farthest from the centres
    /// so far; every row joins its nearest centre. Deterministic, and nothing like K-means inside.
    /// </summary>
    private sealed class FarthestFirstClusterer(int k) : IClusterer
    {
        public ClusteringResult Fit(FeatureMatrix data, CancellationToken cancellationToken = default)
        {
            var centres = new List<double[]> { data.GetRow(0) };
            var nearest = Enumerable.Range(0, data.RowCount).Select(i => Distance(data.GetRow(i), centres[0])).ToArray();
            while (centres.Count < k)
            {
                cancellationToken.ThrowIfCancellationRequested();
                int farthest = Array.IndexOf(nearest, nearest.Max());
                centres.Add(data.GetRow(farthest));
                for (int i = 0; i < data.RowCount; i++)
                {
                    nearest[i] = Math.Min(nearest[i], Distance(data.GetRow(i), centres[^1]));
                }
            }

            var model = new NearestPointsModel(data.FeatureNames, [.. centres]);
            return new ClusteringResult(data, model, model.Predict(data), iterations: 1);
        }

        internal static double Distance(double[] a, double[] b) => a.Zip(b, (x, y) => (x - y) * (x - y)).Sum();
    }

    private sealed class NearestPointsModel(ImmutableArray<string> featureNames, double[][] centres) : IClusteringModel
    {
        public int K => centres.Length;

        public ImmutableArray<string> FeatureNames => featureNames;

        public ImmutableArray<ImmutableArray<double>> Centroids { get; } = [.. centres.Select(c => ImmutableArray.Create(c))];

        public int[] Predict(FeatureMatrix data)
            => [.. Enumerable.Range(0, data.RowCount).Select(i => Enumerable.Range(0, K).MinBy(c => FarthestFirstClusterer.Distance(data.GetRow(i), centres[c])))];
    }
}
