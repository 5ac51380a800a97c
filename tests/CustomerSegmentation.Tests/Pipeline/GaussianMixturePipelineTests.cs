using System.Globalization;
using System.Text.Json.Nodes;
using CustomerSegmentation.Clustering;
using CustomerSegmentation.Data;
using CustomerSegmentation.Export;
using CustomerSegmentation.Pipeline;
using CustomerSegmentation.Selection;

namespace CustomerSegmentation.Tests.Pipeline;

/// <summary>The Gaussian mixture through the seam: BIC and AIC in the sweep, probabilities in assignments and exports, the model file.</summary>
public sealed class GaussianMixturePipelineTests
{
    private static readonly FeatureMatrix Blobs = Selection.QualityFixtures.Blobs().Data;

    private static readonly Lazy<SegmentationResult> ByBic = new(() => SegmentationPipeline.FromMatrix(Blobs)
        .WithoutScaling()
        .UseGaussianMixture(new GaussianMixtureOptions { NInit = 5 })
        .ChooseK(1, 8, KSelectionRule.Bic)
        .Run());

    [Fact]
    public void The_sweep_reports_bic_and_aic_per_K_and_the_bic_rule_chooses_the_five_blobs()
    {
        SegmentationResult result = ByBic.Value;

        Assert.Equal(5, result.K);
        Assert.Contains("lowest BIC", result.KReason);
        Assert.All(result.Elbow!.Curve, p => Assert.True(p.Bic is double && p.Aic is double));
        ElbowPoint five = result.Elbow.Curve[4];
        var model = (GaussianMixtureModel)result.Elbow.ClusteringFor(5).Model;
        Assert.Equal(model.Bic, five.Bic);
        Assert.Equal(model.Aic, five.Aic);
        Assert.Equal(five.Bic, result.Elbow.Curve.Min(p => p.Bic));
        Assert.Equal("GaussianMixture", result.Model.ClusteringKind);
    }

    [Fact]
    public void Each_customer_has_a_probability_per_segment_in_segment_order_summing_to_one()
    {
        SegmentationResult result = ByBic.Value;

        foreach (SegmentAssignment assignment in result.Assignments)
        {
            IReadOnlyList<double> p = assignment.Probabilities!;
            Assert.Equal(result.K, p.Count);
            Assert.True(Math.Abs(p.Sum() - 1) <= 1e-9);
            Assert.Equal(assignment.Segment, p.ToList().IndexOf(p.Max()) + 1);
        }
    }

    [Fact]
    public void The_model_file_round_trips_segments_probabilities_and_the_rule()
    {
        SegmentationResult result = ByBic.Value;

        SegmentationModel loaded = SegmentationModel.FromJson(result.Model.ToJson());

        Assert.Equal("GaussianMixture", loaded.ClusteringKind);
        Assert.Equal(KSelectionRule.Bic.Name, loaded.KRule!.Name);
        Assert.Equal(result.Assignments.Select(a => a.Segment), loaded.PredictSegments(Blobs));
        double[,] before = result.Model.PredictSegmentProbabilities(Blobs)!;
        double[,] after = loaded.PredictSegmentProbabilities(Blobs)!;
        Assert.Equal(before, after);
        Assert.Equal(result.Assignments[17].Probabilities, Enumerable.Range(0, result.K).Select(s => after[17, s]));
        var fitted = (GaussianMixtureModel)result.Elbow!.ClusteringFor(5).Model;
        var restored = (GaussianMixtureModel)loaded.Clustering;
        Assert.Equal(fitted.Bic, restored.Bic);
        Assert.Equal(fitted.MeanLogLikelihood, restored.MeanLogLikelihood);
        Assert.Empty(restored.LowerBoundHistory);
    }

    [Fact]
    public void The_aic_rule_with_diagonal_covariance_is_written_and_read_back()
    {
        SegmentationResult result = SegmentationPipeline.FromMatrix(Blobs)
            .UseGaussianMixture(new GaussianMixtureOptions { Covariance = GaussianCovariance.Diagonal })
            .ChooseK(3, 6, KSelectionRule.Aic)
            .Run();

        SegmentationModel loaded = SegmentationModel.FromJson(result.Model.ToJson());

        Assert.Equal("Aic", loaded.KRule!.Name);
        Assert.Contains("lowest AIC", result.KReason);
        Assert.Equal(GaussianCovariance.Diagonal, ((GaussianMixtureModel)loaded.Clustering).CovarianceType);
        Assert.Equal(result.Model.PredictSegmentProbabilities(Blobs), loaded.PredictSegmentProbabilities(Blobs));
    }

    [Theory]
    [InlineData("Bic")]
    [InlineData("Aic")]
    public void A_likelihood_rule_with_k_means_is_refused_naming_the_rule_and_the_model(string rule)
    {
        KSelectionRule chosen = rule == "Bic" ? KSelectionRule.Bic : KSelectionRule.Aic;
        SegmentationPipeline pipeline = SegmentationPipeline.FromMatrix(Blobs).UseKMeans().ChooseK(2, 4, chosen);

        InvalidOperationException error = Assert.Throws<InvalidOperationException>(() => pipeline.Run());

        Assert.Contains($"The K rule {rule} needs each fit's likelihood", error.Message);
        Assert.Contains("model NearestCentroid has none", error.Message);
    }

    [Fact]
    public void K_means_has_no_likelihood_and_no_probabilities()
    {
        SegmentationResult result = SegmentationPipeline.FromMatrix(Blobs).ChooseK(2, 3).Run();

        Assert.All(result.Elbow!.Curve, p => Assert.True(p.Bic is null && p.Aic is null));
        Assert.All(result.Assignments, a => Assert.Null(a.Probabilities));
        Assert.Null(result.Model.PredictSegmentProbabilities(Blobs));
        var csv = new StringWriter();
        result.WriteAssignmentsCsv(csv);
        Assert.DoesNotContain("p_segment", csv.ToString().Split('\n')[0]);
    }

    [Fact]
    public void The_assignments_csv_has_one_probability_column_per_segment()
    {
        SegmentationResult result = ByBic.Value;
        var csv = new StringWriter();

        result.WriteAssignmentsCsv(csv);

        string[] lines = csv.ToString().Split('\n', StringSplitOptions.RemoveEmptyEntries);
        string[] header = lines[0].TrimEnd('\r').Split(',');
        Assert.Equal(["p_segment_1", "p_segment_2", "p_segment_3", "p_segment_4", "p_segment_5"], header[^5..]);
        string[] first = lines[1].TrimEnd('\r').Split(',');
        double[] probabilities = first[^5..].Select(v => double.Parse(v, CultureInfo.InvariantCulture)).ToArray();
        Assert.Equal(result.Assignments[0].Probabilities, probabilities);
    }

    [Theory]
    [InlineData("weights", "[0.5, 0.6, 0.1, 0.1, 0.1]", "$.clustering.weights: the weights must be positive and sum to 1")]
    [InlineData("covariance", "\"Spherical\"", "$.clustering.covariance: 'Spherical' is not a covariance shape; the shapes are Full, Diagonal")]
    [InlineData("means", "[[1, 2, 3]]", "$.clustering.means: it has 1 rows but there are 5 weights")]
    [InlineData("covariances", "[[-1,0,0,0,1,0,0,0,1],[1,0,0,0,1,0,0,0,1],[1,0,0,0,1,0,0,0,1],[1,0,0,0,1,0,0,0,1],[1,0,0,0,1,0,0,0,1]]", "covariance of Gaussian component 0 is not positive definite")]
    [InlineData("sampleCount", "2", "$.clustering.sampleCount: 2 rows cannot have fitted 5 components")]
    public void A_damaged_mixture_in_a_model_file_is_refused_naming_the_path(string property, string value, string expected)
    {
        JsonObject file = JsonNode.Parse(ByBic.Value.Model.ToJson())!.AsObject();
        file["clustering"]![property] = JsonNode.Parse(value);

        InvalidDataException error = Assert.Throws<InvalidDataException>(() => SegmentationModel.FromJson(file.ToJsonString()));

        Assert.Contains(expected, error.Message);
    }
}
