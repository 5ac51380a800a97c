using CustomerSegmentation.Clustering;
using CustomerSegmentation.Data;
using CustomerSegmentation.DemoData;
using CustomerSegmentation.Export;
using CustomerSegmentation.Pipeline;
using CustomerSegmentation.Tests.Clustering;

namespace CustomerSegmentation.Tests.Pipeline;

public sealed class CategoricalPipelineTests
{
    private static SegmentationPipeline MallWithGenre() => SegmentationPipeline
        .FromCsv(TestData.MallCustomersCsv()!)
        .WithId("CustomerID")
        .WithFeatures("Age", "Annual Income (k$)", "Spending Score (1-100)")
        .WithCategorical("Genre");

    private static SegmentationPipeline Mixed(MixedCustomers customers) => SegmentationPipeline
        .FromTable(customers.ToCustomerTable())
        .WithCategorical([.. SyntheticMixedCustomers.CategoricalNames]);

    [MallDataFact]
    public void Mall_with_genre_is_bit_identical_for_1_2_and_all_threads()
    {
        static SegmentationResult Run(int threads) => MallWithGenre().UseKPrototypes().ChooseK(2, 8).WithSeed(42).WithMaxDegreeOfParallelism(threads).Run();

        SegmentationResult one = Run(1);
        foreach (int threads in new[] { 2, -1 })
        {
            SegmentationResult many = Run(threads);
            Assert.Equal(one.K, many.K);
            Assert.Equal(one.Assignments.ToArray(), many.Assignments.ToArray());
            Assert.Equal(one.Elbow!.Curve.Select(p => p.Inertia), many.Elbow!.Curve.Select(p => p.Inertia));
            Assert.Equal(one.Clustering.Centroids.SelectMany(c => c), many.Clustering.Centroids.SelectMany(c => c));
        }

        Assert.Equal(7, one.Elbow!.Curve.Length);
        Assert.Equal("KPrototypes", one.Model.ClusteringKind);
        Assert.All(one.Profiles, p => Assert.Equal(p.Size, p.Categories["Genre"].Sum(c => c.Count)));
    }

    [MallDataFact]
    public void Mall_segments_by_K_prototypes_name_their_genre()
    {
        // Huang's gamma (0.5 on standardised features) leaves genre mixed on the Mall data; gamma 2 makes it count.
        SegmentationResult result = MallWithGenre().UseKPrototypes(new KPrototypesOptions { Gamma = 2 }).WithK(6).WithSeed(42).Run();

        Assert.Contains(result.Profiles, p => p.Label.StartsWith("Mostly female · ", StringComparison.Ordinal));
        Assert.Contains(result.Profiles, p => p.Label.StartsWith("Mostly male · ", StringComparison.Ordinal));
        Assert.All(
            result.Profiles.Where(p => p.Label.StartsWith("Mostly ", StringComparison.Ordinal)),
            p => Assert.True(p.Categories["Genre"][0].Share >= 0.7, p.ToString()));
    }

    [MallDataFact]
    public void Genre_passed_to_WithFeatures_by_mistake_points_to_WithCategorical()
    {
        var error = Assert.Throws<DataFormatException>(() => SegmentationPipeline
            .FromCsv(TestData.MallCustomersCsv()!)
            .WithFeatures("Genre", "Age")
            .WithK(3)
            .Run());

        Assert.Contains("'Male' is not a number", error.Message);
        Assert.Contains("pass it to WithCategorical(\"Genre\")", error.Message);
    }

    [MallDataFact]
    public void Categorical_features_without_a_way_to_cluster_them_name_both_ways()
    {
        var error = Assert.Throws<InvalidOperationException>(() => MallWithGenre().WithK(3).Run());

        Assert.Contains("'Genre'", error.Message);
        Assert.Contains("UseKPrototypes()", error.Message);
        Assert.Contains("WithOneHotEncoding()", error.Message);
    }

    [MallDataFact]
    public void Both_ways_at_once_are_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() => MallWithGenre().UseKPrototypes().WithOneHotEncoding().WithK(3).Run());

        Assert.Contains("Both UseKPrototypes() and WithOneHotEncoding()", error.Message);
    }

    [MallDataFact]
    public void A_column_both_numeric_and_categorical_is_refused()
    {
        var error = Assert.Throws<ArgumentException>(() => MallWithGenre().WithCategorical("Age").UseKPrototypes().WithK(3).Run());

        Assert.Contains("'Age' is named by both WithFeatures and WithCategorical", error.Message);
    }

    [MallDataFact]
    public void One_hot_genre_runs_through_K_means_with_the_weight_in_the_distance()
    {
        SegmentationResult result = MallWithGenre().WithOneHotEncoding().WithK(5).WithSeed(1).Run();

        Assert.Equal<string>(["Age", "Annual Income (k$)", "Spending Score (1-100)", "Genre=Female", "Genre=Male"], result.Clustering.FeatureNames);
        Assert.Equal<string>(["Age", "Annual Income (k$)", "Spending Score (1-100)"], result.Model.FeatureNames);
        Assert.Equal(3, result.Profiles[0].Features.Length);
        Assert.Equal("NearestCentroid", result.Model.ClusteringKind);
        double[] centroid = [.. result.Clustering.Centroids[0].Skip(3)];
        Assert.Equal(SegmentationPipeline.DefaultOneHotWeight, centroid.Sum(), 5);
    }

    [Fact]
    public void Invalid_categorical_settings_name_the_problem()
    {
        SegmentationPipeline pipeline = SegmentationPipeline.FromMatrix(FeatureMatrix.FromColumns([new double[] { 1, 2 }], ["a"]));

        Assert.Throws<ArgumentException>(() => pipeline.WithCategorical());
        Assert.Equal("maxLevels", Assert.Throws<ArgumentOutOfRangeException>(() => pipeline.WithCategorical(0, "Genre")).ParamName);
        Assert.Equal("weight", Assert.Throws<ArgumentOutOfRangeException>(() => pipeline.WithOneHotEncoding(0)).ParamName);
        Assert.Equal("weight", Assert.Throws<ArgumentOutOfRangeException>(() => pipeline.WithOneHotEncoding(double.NaN)).ParamName);
    }

    [Fact]
    public void Too_many_categories_through_the_pipeline_say_how_many()
    {
        MixedCustomers customers = SyntheticMixedCustomers.Generate(400, 4, seed: 3);

        var error = Assert.Throws<ArgumentException>(() => Mixed(customers).WithCategorical(3, "Channel").UseKPrototypes().WithK(2).Run());

        Assert.Contains("'Channel' has 5 distinct values, more than the limit of 3", error.Message);
    }

    [Fact]
    public void Known_mixed_groups_are_recovered_with_an_adjusted_Rand_index_of_at_least_0_95()
    {
        MixedCustomers customers = SyntheticMixedCustomers.Generate(4000, 4, seed: 17);

        SegmentationResult result = Mixed(customers).UseKPrototypes().WithK(4).WithSeed(3).Run();

        double ari = AdjustedRand.Index(customers.Truth, [.. result.Clustering.Labels], 4);
        Assert.True(ari >= 0.95, $"adjusted Rand index {ari}");
    }

    [Fact]
    public void When_the_categories_carry_the_signal_K_prototypes_beats_one_hot_K_means()
    {
        MixedCustomers customers = SyntheticMixedCustomers.Generate(4000, 4, seed: 23, numericSignal: false);

        SegmentationResult prototypes = Mixed(customers).UseKPrototypes().WithK(4).WithSeed(3).Run();
        SegmentationResult oneHot = Mixed(customers).WithOneHotEncoding().WithK(4).WithSeed(3).Run();

        double kp = AdjustedRand.Index(customers.Truth, [.. prototypes.Clustering.Labels], 4);
        double km = AdjustedRand.Index(customers.Truth, [.. oneHot.Clustering.Labels], 4);
        Assert.True(kp > km, $"K-prototypes {kp} vs one-hot K-means {km}");
    }

    [Fact]
    public void The_model_file_keeps_the_levels_and_predicts_the_same_segments()
    {
        MixedCustomers customers = SyntheticMixedCustomers.Generate(1500, 3, seed: 4);
        FeatureMatrix matrix = customers.ToFeatureMatrix();
        foreach (SegmentationPipeline pipeline in new[] { Mixed(customers).UseKPrototypes(), Mixed(customers).WithOneHotEncoding(0.8) })
        {
            SegmentationResult result = pipeline.WithK(3).WithSeed(5).Run();

            SegmentationModel loaded = SegmentationModel.FromJson(result.Model.ToJson());

            Assert.Equal([.. result.Assignments.Select(a => a.Segment)], result.Model.PredictSegments(matrix));
            Assert.Equal(result.Model.PredictSegments(matrix), loaded.PredictSegments(matrix));
            Assert.Equal<string>(["Channel", "Region"], loaded.CategoricalFeatureNames);
            double[] first = [.. customers.Numeric.Select(c => c[0])];
            string[] categories = [.. customers.Categories.Select(c => c[0])];
            Assert.Equal(result.Assignments[0].Segment, loaded.PredictSegment(first, categories));
            Assert.Contains("also needs the categorical features Channel, Region", Assert.Throws<InvalidOperationException>(() => loaded.PredictSegment(first)).Message);
        }
    }

    [Fact]
    public void Assignments_export_their_categories()
    {
        MixedCustomers customers = SyntheticMixedCustomers.Generate(300, 3, seed: 6);
        SegmentationResult result = Mixed(customers).UseKPrototypes().WithK(3).Run();

        using var text = new StringWriter();
        result.WriteAssignmentsCsv(text);

        string[] lines = text.ToString().Split('\n');
        Assert.StartsWith("Id,Recency,Frequency,Spend,Channel,Region,Segment", lines[0]);
        Assert.Contains($",{customers.Categories[0][0]},{customers.Categories[1][0]},", lines[1]);
    }

    [Fact]
    public void Stability_reclusters_with_the_categories()
    {
        MixedCustomers customers = SyntheticMixedCustomers.Generate(600, 3, seed: 12);

        SegmentationResult result = Mixed(customers).UseKPrototypes(new KPrototypesOptions { NInit = 2 }).WithK(3).WithStability(new() { Resamples = 4 }).Run();

        Assert.True(result.Stability!.Segments.All(s => s.MeanJaccard > 0.8), result.Stability.Summary);
    }

    [Fact]
    public void Cancellation_stops_a_K_prototypes_run()
    {
        MixedCustomers customers = SyntheticMixedCustomers.Generate(300, 3, seed: 6);
        using var cancelled = new CancellationTokenSource();
        cancelled.Cancel();

        Assert.ThrowsAny<OperationCanceledException>(() => Mixed(customers).UseKPrototypes().Run(cancelled.Token));
    }
}
