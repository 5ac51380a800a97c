using System.Collections.Concurrent;
using System.Collections.Immutable;
using System.Text;
using System.Text.Json.Nodes;
using CustomerSegmentation.Clustering;
using CustomerSegmentation.Data;
using CustomerSegmentation.Pipeline;
using CustomerSegmentation.Selection;

namespace CustomerSegmentation.Tests.Pipeline;

/// <summary>The clusterer seam of the pipeline: who owns K and the seed, any clusterer through the sweep, the model file's kinds.</summary>
public sealed class ClustererSeamTests
{
    private static FeatureMatrix Blobs() => Selection.QualityFixtures.Blobs().Data;

    [Fact]
    public void Mini_batch_k_means_runs_through_the_sweep_the_profiles_and_a_model_file()
    {
        FeatureMatrix data = Blobs();
        SegmentationResult result = SegmentationPipeline.FromMatrix(data)
            .UseMiniBatchKMeans(new MiniBatchKMeansOptions { BatchSize = 64 })
            .ChooseK(2, 6)
            .WithSeed(3)
            .Run();

        Assert.Equal(5, result.Elbow!.Curve.Length);
        Assert.Equal(result.K, result.Profiles.Length);
        Assert.Equal(data.RowCount, result.Profiles.Sum(p => p.Size));
        Assert.Equal("NearestCentroid", result.Model.ClusteringKind);

        SegmentationModel loaded = SegmentationModel.FromJson(result.Model.ToJson());
        int[] expected = [.. result.Assignments.Select(a => a.Segment)];
        Assert.Equal(expected, loaded.PredictSegments(data));
        Assert.Equal(expected, result.Model.PredictSegments(data));
        for (int i = 0; i < data.RowCount; i += 37)
        {
            double[] row = [.. Enumerable.Range(0, data.FeatureCount).Select(j => (double)data[i, j])];
            Assert.Equal(expected[i], loaded.PredictSegment(row));
        }
    }

    [Fact]
    public void The_pipeline_owns_K_the_seed_and_the_thread_limit_whatever_order_they_are_set_in()
    {
        var requests = new ConcurrentBag<ClusteringRequest>();
        ClustererFactory kMeans = KMeansClusterer.Factory(new KMeansOptions { NInit = 2, Seed = 99, K = 9, MaxDegreeOfParallelism = 4 });
        IClusterer Recording(ClusteringRequest request)
        {
            requests.Add(request);
            return kMeans(request);
        }

        SegmentationResult seedFirst = SegmentationPipeline.FromMatrix(Blobs()).WithSeed(7).WithMaxDegreeOfParallelism(1).UseClusterer(Recording).ChooseK(2, 4).Run();
        SegmentationResult seedLast = SegmentationPipeline.FromMatrix(Blobs()).UseKMeans(new KMeansOptions { NInit = 2, Seed = 99 }).ChooseK(2, 4).WithSeed(7).Run();

        Assert.Equal([2, 3, 4], requests.Select(r => r.K).Order());
        Assert.All(requests, r => Assert.Equal((7, 1), (r.Seed, r.MaxDegreeOfParallelism)));
        Assert.Equal(seedFirst.Assignments.Select(a => a.Segment), seedLast.Assignments.Select(a => a.Segment));
        Assert.Equal(seedFirst.Inertia, seedLast.Inertia);
    }

    [Fact]
    public void A_clusterer_that_answers_with_another_K_is_named_in_the_error()
    {
        ClustererFactory wrong = request => KMeansClusterer.Factory()(new ClusteringRequest(request.K + 1, request.Seed));

        var error = Assert.Throws<InvalidOperationException>(() => SegmentationPipeline.FromMatrix(Blobs()).UseClusterer(wrong).WithK(3).Run());

        Assert.Contains("KMeansClusterer was asked for K = 3", error.Message);
        Assert.Contains("returned K = 4", error.Message);
    }

    [Fact]
    public void A_factory_that_returns_null_is_an_error_naming_K()
    {
        var error = Assert.Throws<InvalidOperationException>(() => SegmentationPipeline.FromMatrix(Blobs()).UseClusterer(_ => null!).WithK(2).Run());

        Assert.Contains("returned null for K = 2", error.Message);
    }

    [Fact]
    public void Fluent_clusterer_choices_reject_null()
    {
        SegmentationPipeline p = SegmentationPipeline.FromMatrix(Blobs());

        Assert.Equal("clusterers", Assert.Throws<ArgumentNullException>(() => p.UseClusterer(null!)).ParamName);
        var threads = Assert.Throws<ArgumentOutOfRangeException>(() => p.WithMaxDegreeOfParallelism(0));
        Assert.Contains("-1 (one thread per processor) or at least 1", threads.Message);
    }

    [Fact]
    public void A_seekable_stream_runs_again_from_where_it_started()
    {
        var stream = new MemoryStream(Encoding.UTF8.GetBytes(Csv()));
        SegmentationPipeline pipeline = SegmentationPipeline.FromCsv(stream).WithFeatures("x", "y").WithK(2);

        SegmentationResult first = pipeline.Run();
        SegmentationResult second = pipeline.Run();

        Assert.Equal(40, second.Assignments.Count);
        Assert.Equal(first.Assignments.Select(a => a.Segment), second.Assignments.Select(a => a.Segment));
    }

    [Fact]
    public void A_stream_that_cannot_seek_is_read_once_and_a_second_run_says_so()
    {
        SegmentationPipeline pipeline = SegmentationPipeline.FromCsv(new ForwardOnly(Encoding.UTF8.GetBytes(Csv()))).WithFeatures("x", "y").WithK(2);

        Assert.Equal(40, pipeline.Run().Assignments.Count);
        var error = Assert.Throws<InvalidOperationException>(() => pipeline.Run());

        Assert.Contains("already read by an earlier Run() and cannot seek back", error.Message);
    }

    [Fact]
    public void A_closed_stream_is_rejected_when_given()
    {
        var closed = new MemoryStream();
        closed.Dispose();

        var error = Assert.Throws<ArgumentException>(() => SegmentationPipeline.FromCsv(closed));

        Assert.Equal("stream", error.ParamName);
        Assert.Contains("cannot be read", error.Message);
    }

    [Fact]
    public void The_model_file_names_its_clustering_kind_and_its_K_rule()
    {
        SegmentationResult swept = SegmentationPipeline.FromMatrix(Blobs()).ChooseK(2, 5, KSelectionRule.Elbow(2)).Run();
        SegmentationResult fixedK = SegmentationPipeline.FromMatrix(Blobs()).WithK(3).Run();

        JsonObject file = JsonNode.Parse(swept.Model.ToJson())!.AsObject();
        Assert.Equal(2, (int)file["version"]!);
        Assert.Equal("NearestCentroid", (string)file["clustering"]!["kind"]!);
        Assert.Equal("Elbow", (string)file["kSelection"]!["name"]!);
        Assert.Equal(2.0, (double)file["kSelection"]!["sensitivity"]!);
        Assert.Equal("Elbow (sensitivity 2)", SegmentationModel.FromJson(swept.Model.ToJson()).KRule!.ToString());
        Assert.Null(JsonNode.Parse(fixedK.Model.ToJson())!["kSelection"]);
        Assert.Null(SegmentationModel.FromJson(fixedK.Model.ToJson()).KRule);
    }

    [Fact]
    public void A_version_1_file_without_a_kind_still_loads_and_predicts_the_same()
    {
        FeatureMatrix data = Blobs();
        SegmentationResult result = SegmentationPipeline.FromMatrix(data).WithK(3).Run();
        JsonObject file = JsonNode.Parse(result.Model.ToJson())!.AsObject();
        file["version"] = 1;
        file.Remove("kSelection");
        file["clustering"]!.AsObject().Remove("kind");

        SegmentationModel loaded = SegmentationModel.FromJson(file.ToJsonString());

        Assert.Equal(result.Assignments.Select(a => a.Segment), loaded.PredictSegments(data));
    }

    public static TheoryData<string, string> BrokenKindsAndRules()
    {
        string swept = SegmentationPipeline.FromMatrix(Blobs()).ChooseK(2, 4).Run().Model.ToJson();
        return new TheoryData<string, string>
        {
            { swept.Replace("\"NearestCentroid\"", "\"Spectral\"", StringComparison.Ordinal), "clustering kind 'Spectral' is not one this library reads; the kinds are NearestCentroid" },
            { Edit(swept, f => f["clustering"]!.AsObject().Remove("kind")), "clustering kind '(missing)'" },
            { Edit(swept, f => f["clustering"]!.AsObject().Remove("offset")), "missing 'offset'" },
            { Edit(swept, f => f["clustering"]!["offset"] = new JsonArray(1, 2)), "$.clustering.offset: it has 2 values but needs 3, one per feature" },
            { swept.Replace("\"Elbow\"", "\"Knee\"", StringComparison.Ordinal), "'Knee' is not a K rule; the rules are Elbow, MaxSilhouette, MaxCalinskiHarabasz, MinDaviesBouldin, Gap" },
            { Edit(swept, f => f["kSelection"] = new JsonObject { ["name"] = "Gap", ["references"] = 10 }), "The Gap rule takes exactly the parameters 'references' and 'principalComponents'; the file gives references" },
            { Edit(swept, f => f["kSelection"] = new JsonObject { ["name"] = "Gap", ["references"] = 2.5, ["principalComponents"] = 0 }), "'references' must be a whole number of at least 2; the file gives 2.5" },
            { Edit(swept, f => f["kSelection"] = new JsonObject { ["name"] = "Gap", ["references"] = 1, ["principalComponents"] = 0 }), "'references' must be a whole number of at least 2; the file gives 1" },
            { Edit(swept, f => f["kSelection"] = new JsonObject { ["name"] = "Gap", ["references"] = 10, ["principalComponents"] = 2 }), "'principalComponents' must be 0 (bounding box) or 1 (principal components); the file gives 2" },
            { Edit(swept, f => f["kSelection"]!["sensitivity"] = -1), "sensitivity must be a positive, finite number" },
            { Edit(swept, f => f["kSelection"]!["depth"] = 3), "takes exactly one parameter, 'sensitivity'; the file gives sensitivity, depth" },
            { Edit(swept, f => f["kSelection"] = new JsonObject { ["name"] = "MaxSilhouette", ["sensitivity"] = 1 }), "MaxSilhouette takes no parameters, but the file gives sensitivity" },
        };
    }

    [Theory]
    [MemberData(nameof(BrokenKindsAndRules))]
    public void A_model_file_with_an_unknown_kind_or_a_bad_K_rule_fails_with_a_clear_error(string json, string expected)
    {
        var error = Assert.Throws<InvalidDataException>(() => SegmentationModel.FromJson(json));

        Assert.Contains(expected, error.Message);
    }

    [Fact]
    public void Every_K_rule_round_trips_through_a_model_file()
    {
        foreach (KSelectionRule rule in new[] { KSelectionRule.Default, KSelectionRule.Elbow(0.5), KSelectionRule.MaxSilhouette, KSelectionRule.MaxCalinskiHarabasz, KSelectionRule.MinDaviesBouldin, KSelectionRule.Gap(3), KSelectionRule.Gap(2, GapReference.PrincipalComponents) })
        {
            SegmentationModel model = SegmentationPipeline.FromMatrix(Blobs()).ChooseK(2, 4, rule).Run().Model;

            Assert.Equal(rule.ToString(), SegmentationModel.FromJson(model.ToJson()).KRule!.ToString());
        }
    }

    [Fact]
    public void A_result_built_from_a_model_checks_its_labels_and_computes_the_inertia()
    {
        FeatureMatrix data = FeatureMatrix.FromColumns([new double[] { 0, 2, 10, 14 }], ["x"]);
        var model = new FixedModel(["x"], [[1.0], [12.0]]);

        var result = new ClusteringResult(data, model, [0, 0, 1, 1]);

        Assert.Equal(1 + 1 + 4 + 4, result.Inertia);
        Assert.Equal([2, 2], result.ClusterSizes.ToArray());
        Assert.Equal(new double[,] { { 1, 12 }, { 1, 10 }, { 9, 2 }, { 13, 2 } }, result.Transform(data));
        Assert.Contains("There are 3 labels for 4 rows", Assert.Throws<ArgumentException>(() => new ClusteringResult(data, model, [0, 0, 1])).Message);
        Assert.Contains("Row 2 has label 2, outside 0..1", Assert.Throws<ArgumentException>(() => new ClusteringResult(data, model, [0, 0, 2, 1])).Message);
        Assert.Contains("inertia is -1", Assert.Throws<ArgumentException>(() => new ClusteringResult(data, model, [0, 0, 1, 1], inertia: -1)).Message);
        Assert.Contains("fitted on features (y)", Assert.Throws<ArgumentException>(() => new ClusteringResult(data, new FixedModel(["y"], [[1.0]]), [0, 0, 0, 0])).Message);
        Assert.Contains("K finite centroids of 1 values each; it has K = 2 and 1 centroids", Assert.Throws<ArgumentException>(() => new ClusteringResult(data, new FixedModel(["x"], [[1.0]], k: 2), [0, 0, 1, 1])).Message);
        Assert.Equal("iterations", Assert.Throws<ArgumentOutOfRangeException>(() => new ClusteringResult(data, model, [0, 0, 1, 1], iterations: -1)).ParamName);
    }

    [Fact]
    public void A_model_of_a_foreign_kind_predicts_but_refuses_to_be_saved()
    {
        FeatureMatrix data = Blobs();
        SegmentationResult result = SegmentationPipeline.FromMatrix(data).UseClusterer(r => new FirstRowsClusterer(r.K)).WithK(3).Run();

        Assert.Equal(result.Assignments.Select(a => a.Segment), result.Model.PredictSegments(data));
        Assert.Equal("FixedModel", result.Model.ClusteringKind);
        var error = Assert.Throws<NotSupportedException>(() => result.Model.ToJson());
        Assert.Contains("FixedModel is not a kind the model file can hold (the kinds are NearestCentroid, KPrototypes, GaussianMixture)", error.Message);
        string path = Path.Combine(Path.GetTempPath(), $"foreign-{Guid.NewGuid():N}.json");
        Assert.Throws<NotSupportedException>(() => result.Model.Save(path));
        Assert.False(File.Exists(path));
    }

    private static string Csv()
    {
        var text = new StringBuilder("x,y\n");
        for (int i = 0; i < 40; i++)
        {
            text.Append(i % 2 == 0 ? i % 7 : 100 + (i % 5)).Append(',').Append(i % 3).Append('\n');
        }

        return text.ToString();
    }

    private static string Edit(string json, Action<JsonObject> edit)
    {
        JsonObject file = JsonNode.Parse(json)!.AsObject();
        edit(file);
        return file.ToJsonString();
    }

    /// <summary>Nearest of fixed centroids, by plain double distance.</summary>
    private sealed class FixedModel(ImmutableArray<string> names, double[][] centroids, int? k = null) : IClusteringModel
    {
        public int K => k ?? centroids.Length;

        public ImmutableArray<string> FeatureNames => names;

        public ImmutableArray<ImmutableArray<double>> Centroids { get; } = [.. centroids.Select(c => ImmutableArray.Create(c))];

        public int[] Predict(FeatureMatrix data)
            => [.. Enumerable.Range(0, data.RowCount).Select(i => Enumerable.Range(0, centroids.Length)
                .MinBy(c => Enumerable.Range(0, data.FeatureCount).Sum(j => Math.Pow(data[i, j] - centroids[c][j], 2))))];
    }

    /// <summary>A clusterer of the simplest kind: the first K rows are the centroids.</summary>
    private sealed class FirstRowsClusterer(int k) : IClusterer
    {
        public ClusteringResult Fit(FeatureMatrix data, CancellationToken cancellationToken = default)
        {
            double[][] centroids = [.. Enumerable.Range(0, k).Select(i => Enumerable.Range(0, data.FeatureCount).Select(j => (double)data[i * (data.RowCount / k), j]).ToArray())];
            var model = new FixedModel(data.FeatureNames, centroids);
            return new ClusteringResult(data, model, model.Predict(data));
        }
    }

    /// <summary>A stream that reads forward only, like a network stream.</summary>
    private sealed class ForwardOnly(byte[] bytes) : MemoryStream(bytes)
    {
        public override bool CanSeek => false;

        public override long Position
        {
            get => throw new NotSupportedException();
            set => throw new NotSupportedException();
        }

        public override long Seek(long offset, SeekOrigin loc) => throw new NotSupportedException();
    }
}
