using System.Collections.Immutable;
using System.Text.Json;
using System.Text.Json.Nodes;
using CustomerSegmentation.Clustering.Kernels;

namespace CustomerSegmentation.Clustering;

/// <summary>
/// The model of K-means and mini-batch K-means in a file: the float32 offset of the fit and the centres minus that
/// offset, so the loaded model runs the same kernel on the same float32 values and predicts bit for bit as the fit.
/// </summary>
internal sealed class NearestCentroidKind : ClusteringModelKind
{
    public override string Name => NearestCentroid.Kind;

    public override bool Writes(IClusteringModel model) => model is NearestCentroid;

    public override JsonObject Write(IClusteringModel model)
    {
        var nearest = (NearestCentroid)model;
        int features = nearest.FeatureNames.Length;
        return new JsonObject
        {
            ["offset"] = JsonSerializer.SerializeToNode(nearest.Offset),
            ["centredCentroids"] = JsonSerializer.SerializeToNode(nearest.CentredCentres.Chunk(features).ToArray()),
        };
    }

    public override IClusteringModel Read(JsonObject parameters, ImmutableArray<string> featureNames)
    {
        float[] offset = Get<float[]>(parameters, "offset");
        double[][] centres = Get<double[][]>(parameters, "centredCentroids");
        int features = featureNames.Length;
        if (offset.Length != features || centres.Length == 0 || centres.Any(c => c is null || c.Length != features))
        {
            throw new FormatException(
                $"The clustering does not match the {features} features: the offset and every centroid need {features} values.");
        }

        if (offset.Any(v => !float.IsFinite(v)) || centres.Any(c => c.Any(v => !double.IsFinite(v))))
        {
            throw new FormatException("The clustering has a value that is not a finite number.");
        }

        return new NearestCentroid(featureNames, offset, [.. centres.SelectMany(c => c)], -1, VectorWidths.Best);
    }

    private static T Get<T>(JsonObject parameters, string name)
        where T : class
    {
        try
        {
            return parameters[name]?.Deserialize<T>() ?? throw new FormatException($"The clustering is missing '{name}'.");
        }
        catch (JsonException error)
        {
            throw new FormatException($"The clustering's '{name}' is not a list of numbers: {error.Message}", error);
        }
    }
}
