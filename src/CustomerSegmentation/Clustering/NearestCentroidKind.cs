using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CustomerSegmentation.Clustering.Kernels;
using CustomerSegmentation.Data;

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
        var json = new JsonObject();
        WriteCentred(json, nearest.Offset, nearest.CentredCentres, nearest.FeatureNames.Length);
        return json;
    }

    public override IClusteringModel Read(JsonObject clustering, string path, ImmutableArray<string> featureNames)
    {
        StrictJson.OnlyProperties(clustering, path, "kind", "offset", "centredCentroids");
        (float[] offset, double[] centres) = ReadCentred(clustering, path, featureNames.Length);
        return new NearestCentroid(featureNames, offset, centres, -1, VectorWidths.Best);
    }

    /// <summary>Writes a float32 offset and centred centres (row-major, K x features) as "offset" and "centredCentroids".</summary>
    internal static void WriteCentred(JsonObject clustering, float[] offset, double[] centredCentres, int features)
    {
        clustering["offset"] = JsonSerializer.SerializeToNode(offset);
        clustering["centredCentroids"] = JsonSerializer.SerializeToNode(centredCentres.Chunk(features).ToArray());
    }

    /// <summary>Reads what <see cref="WriteCentred"/> wrote: the offset and the centred centres, row-major, checked against float32.</summary>
    internal static (float[] Offset, double[] Centres) ReadCentred(JsonObject clustering, string path, int features)
    {
        string offsetPath = StrictJson.Child(path, "offset");
        double[] offset = StrictJson.Numbers(StrictJson.Required(clustering, path, "offset"), offsetPath, features, float32: true);
        string centresPath = StrictJson.Child(path, "centredCentroids");
        JsonArray rows = StrictJson.Array(StrictJson.Required(clustering, path, "centredCentroids"), centresPath);
        if (rows.Count == 0)
        {
            throw StrictJson.Error(centresPath, "there are no centroids.");
        }

        var centres = new double[rows.Count * features];
        for (int c = 0; c < rows.Count; c++)
        {
            string rowPath = StrictJson.Item(centresPath, c);
            double[] centre = StrictJson.Numbers(rows[c], rowPath, features, float32: true);
            for (int j = 0; j < features; j++)
            {
                // The kernels subtract the offset in float32: the centroid in data units must fit too.
                if (!float.IsFinite((float)(centre[j] + offset[j])))
                {
                    throw StrictJson.Error(
                        StrictJson.Item(rowPath, j),
                        string.Create(CultureInfo.InvariantCulture, $"the centroid {centre[j]:R} plus the offset {offset[j]:R} is beyond the float32 range."));
                }
            }

            centre.CopyTo(centres, c * features);
        }

        return (Array.ConvertAll(offset, v => (float)v), centres);
    }
}
