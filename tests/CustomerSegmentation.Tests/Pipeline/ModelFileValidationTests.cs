using System.Text.Json.Nodes;
using CustomerSegmentation.Data;
using CustomerSegmentation.Pipeline;
using CustomerSegmentation.Selection;

namespace CustomerSegmentation.Tests.Pipeline;

/// <summary>Every field of a model file is validated on load; a bad file names the JSON path and the problem.</summary>
public sealed class ModelFileValidationTests
{
    private static readonly Lazy<string> Good = new(() => SegmentationPipeline.FromMatrix(Blobs()).ChooseK(4, 5, KSelectionRule.Elbow(1)).Run().Model.ToJson());

    private static FeatureMatrix Blobs() => Selection.QualityFixtures.Blobs().Data;

    public static TheoryData<string, string, string> BadFiles()
    {
        string good = Good.Value;
        return new TheoryData<string, string, string>
        {
            { "NaN string in a centroid", Edit(good, f => f["clustering"]!["centredCentroids"]![2]![1] = "NaN"), "$.clustering.centredCentroids[2][1]" },
            { "Infinity string in an offset", Edit(good, f => f["clustering"]!["offset"]![0] = "Infinity"), "$.clustering.offset[0]" },
            { "overflowing centroid", Raw(good, "centredCentroids", 2, 1, "1e400"), "$.clustering.centredCentroids[2][1]" },
            { "offset beyond float32", Edit(good, f => f["clustering"]!["offset"]![1] = 1e300), "$.clustering.offset[1]" },
            { "centroid beyond float32", Edit(good, f => f["clustering"]!["centredCentroids"]![0]![0] = 1e300), "$.clustering.centredCentroids[0][0]" },
            { "number as a string in scales", Edit(good, f => f["scaling"]!["scales"]![0] = "2.5"), "$.scaling.scales[0]" },
            { "negative scale", Edit(good, f => f["scaling"]!["scales"]![1] = -1), "$.scaling.scales[1]" },
            { "zero scale", Edit(good, f => f["scaling"]!["scales"]![2] = 0), "$.scaling.scales[2]" },
            { "Infinity string in a scaling offset", Edit(good, f => f["scaling"]!["offsets"]![2] = "-Infinity"), "$.scaling.offsets[2]" },
            { "overflowing scaling offset", Raw(good, "offsets", -1, 0, "-1e400"), "$.scaling.offsets[0]" },
            { "duplicate segment ids", Edit(good, f => f["segments"]![1]!["id"] = 1), "$.segments[1].id" },
            { "duplicate clusters", Edit(good, f => f["segments"]![2]!["cluster"] = f["segments"]![0]!["cluster"]!.GetValue<int>()), "$.segments[2].cluster" },
            { "segment centre too short", Edit(good, f => f["segments"]![3]!["centre"]!.AsArray().RemoveAt(0)), "$.segments[3].centre" },
            { "segment centre with NaN", Edit(good, f => f["segments"]![3]!["centre"]![1] = "NaN"), "$.segments[3].centre[1]" },
            { "segment centre that is not the centroid", Edit(good, f => f["segments"]![0]!["centre"]![0] = -12345.5), "$.segments[0].centre[0]" },
            { "flag-combination scaling method", Edit(good, f => f["scaling"]!["method"] = "Standard, MinMax"), "$.scaling.method" },
            { "scaling method with other case", Edit(good, f => f["scaling"]!["method"] = "standard"), "$.scaling.method" },
            { "null segment", Edit(good, f => f["segments"]![1] = null), "$.segments[1]" },
            { "null feature name", Edit(good, f => f["features"]![1] = null), "$.features[1]" },
            { "duplicate feature names", Edit(good, f => f["features"]![2] = f["features"]![0]!.GetValue<string>().ToUpperInvariant()), "$.features: Feature name" },
            { "missing segment cluster", Edit(good, f => f["segments"]![0]!.AsObject().Remove("cluster")), "$.segments[0].cluster" },
            { "fractional segment id", Edit(good, f => f["segments"]![0]!["id"] = 1.5), "$.segments[0].id" },
            { "label that is a number", Edit(good, f => f["segments"]![0]!["label"] = 7), "$.segments[0].label" },
            { "unknown top-level property", Edit(good, f => f["kSelections"] = new JsonObject { ["name"] = "Elbow" }), "$.kSelections" },
            { "unknown segment property", Edit(good, f => f["segments"]![0]!["centroid"] = new JsonArray(1, 2, 3)), "$.segments[0].centroid" },
            { "unknown clustering property", Edit(good, f => f["clustering"]!["centredCentroid"] = new JsonArray()), "$.clustering.centredCentroid" },
            { "NaN string in the K rule", Edit(good, f => f["kSelection"]!["sensitivity"] = "NaN"), "$.kSelection.sensitivity" },
            { "overflowing K rule parameter", RawRule(good, "1e400"), "$.kSelection.sensitivity" },
            { "duplicate property", good.Replace("\"version\": 2,", "\"version\": 2, \"version\": 2,", StringComparison.Ordinal), "version" },
            { "features not a list", Edit(good, f => f["features"] = "f1"), "$.features" },
            { "zero-variance name repeated", Edit(good, f => f["scaling"]!["zeroVarianceFeatures"] = new JsonArray("f1", "f1")), "$.scaling.zeroVarianceFeatures: The zero-variance feature 'f1' is listed twice" },
        };
    }

    [Theory]
    [MemberData(nameof(BadFiles))]
    public void A_bad_model_file_throws_InvalidDataException_naming_the_path(string problem, string json, string path)
    {
        var error = Assert.Throws<InvalidDataException>(() => SegmentationModel.FromJson(json));

        Assert.True(error.Message.Contains(path, StringComparison.Ordinal), $"{problem}: '{error.Message}' does not name {path}");
    }

    [Fact]
    public void A_good_file_still_loads_and_predicts_as_saved()
    {
        SegmentationResult result = SegmentationPipeline.FromMatrix(Blobs()).ChooseK(3, 4).Run();

        SegmentationModel loaded = SegmentationModel.FromJson(result.Model.ToJson());

        Assert.Equal(result.Assignments.Select(a => a.Segment), loaded.PredictSegments(Blobs()));
    }

    [Fact]
    public void Messages_say_what_is_wrong_with_the_value()
    {
        string good = Good.Value;
        Assert.Contains("\"NaN\" is not a number", Load(Edit(good, f => f["clustering"]!["centredCentroids"]![2]![1] = "NaN")));
        Assert.Contains("greater than zero", Load(Edit(good, f => f["scaling"]!["scales"]![1] = -1)));
        Assert.Contains("repeated", Load(Edit(good, f => f["segments"]![1]!["id"] = 1)));
        Assert.Contains("use one of None, Standard, MinMax, LogStandard", Load(Edit(good, f => f["scaling"]!["method"] = "Standard, MinMax")));
        Assert.Contains("is null", Load(Edit(good, f => f["segments"]![1] = null)));
        Assert.Contains("not a property of a model file", Load(Edit(good, f => f["kSelections"] = 1)));
        Assert.Contains("not a finite number", Load(Raw(good, "centredCentroids", 2, 1, "1e400")));
        Assert.Contains("has 2 values but needs 3", Load(Edit(good, f => f["segments"]![3]!["centre"]!.AsArray().RemoveAt(0))));
    }

    private static string Load(string json) => Assert.Throws<InvalidDataException>(() => SegmentationModel.FromJson(json)).Message;

    private static string Edit(string json, Action<JsonObject> edit)
    {
        JsonObject file = JsonNode.Parse(json)!.AsObject();
        edit(file);
        return file.ToJsonString();
    }

    /// <summary>Writes raw number text (such as 1e400, which no JsonNode holds) into a centroid (row >= 0) or a scaling offset (row -1).</summary>
    private static string Raw(string json, string list, int row, int column, string text)
    {
        const string marker = "\"__raw__\"";
        string edited = row >= 0
            ? Edit(json, f => f["clustering"]![list]![row]![column] = "__raw__")
            : Edit(json, f => f["scaling"]![list]![column] = "__raw__");
        return edited.Replace(marker, text, StringComparison.Ordinal);
    }

    private static string RawRule(string json, string text)
        => Edit(json, f => f["kSelection"]!["sensitivity"] = "__raw__").Replace("\"__raw__\"", text, StringComparison.Ordinal);
}
