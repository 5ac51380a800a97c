using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CustomerSegmentation.Data;

namespace CustomerSegmentation.Clustering;

/// <summary>
/// The K-prototypes model in a file: the numeric part as the nearest-centroid kind writes it (float32 offset and
/// centred prototypes), gamma, each categorical feature's name and levels (their order defines the codes), and each
/// cluster's modes as level texts. A loaded model predicts bit for bit as the fitted one.
/// </summary>
internal sealed class KPrototypesKind : ClusteringModelKind
{
    public override string Name => KPrototypesModel.Kind;

    public override bool Writes(IClusteringModel model) => model is KPrototypesModel;

    public override JsonObject Write(IClusteringModel model)
    {
        var prototypes = (KPrototypesModel)model;
        var json = new JsonObject();
        NearestCentroidKind.WriteCentred(json, prototypes.Offset, prototypes.CentredCentres, prototypes.FeatureNames.Length);
        json["gamma"] = prototypes.Gamma;
        json["categorical"] = new JsonArray([.. prototypes.CategoricalNames.Select((name, f) => new JsonObject
        {
            ["name"] = name,
            ["levels"] = JsonSerializer.SerializeToNode(prototypes.Levels[f].ToArray()),
        })]);
        json["modes"] = JsonSerializer.SerializeToNode(prototypes.Modes.Select(m => m.ToArray()).ToArray());
        return json;
    }

    public override IClusteringModel Read(JsonObject clustering, string path, ImmutableArray<string> featureNames)
    {
        StrictJson.OnlyProperties(clustering, path, "kind", "offset", "centredCentroids", "gamma", "categorical", "modes");
        (float[] offset, double[] centres) = NearestCentroidKind.ReadCentred(clustering, path, featureNames.Length);
        int k = centres.Length / featureNames.Length;
        string gammaPath = StrictJson.Child(path, "gamma");
        double gamma = StrictJson.InFloat32Range(StrictJson.Required(clustering, path, "gamma"), gammaPath);
        if (!(gamma >= 0))
        {
            throw StrictJson.Error(gammaPath, string.Create(CultureInfo.InvariantCulture, $"gamma is {gamma:R}; it must be non-negative."));
        }

        string categoricalPath = StrictJson.Child(path, "categorical");
        JsonArray categorical = StrictJson.Array(StrictJson.Required(clustering, path, "categorical"), categoricalPath);
        var names = new string[categorical.Count];
        var levels = new ImmutableArray<string>[categorical.Count];
        for (int f = 0; f < names.Length; f++)
        {
            string itemPath = StrictJson.Item(categoricalPath, f);
            JsonObject item = StrictJson.Object(categorical[f], itemPath);
            StrictJson.OnlyProperties(item, itemPath, "name", "levels");
            names[f] = StrictJson.Text(StrictJson.Required(item, itemPath, "name"), StrictJson.Child(itemPath, "name"));
            string levelsPath = StrictJson.Child(itemPath, "levels");
            string[] texts = StrictJson.Texts(StrictJson.Required(item, itemPath, "levels"), levelsPath);
            if (texts.Length == 0 || texts.Distinct(StringComparer.Ordinal).Count() != texts.Length)
            {
                throw StrictJson.Error(levelsPath, $"the levels of '{names[f]}' must be at least one and distinct.");
            }

            levels[f] = [.. texts];
        }

        string modesPath = StrictJson.Child(path, "modes");
        JsonArray modeRows = StrictJson.Array(StrictJson.Required(clustering, path, "modes"), modesPath);
        if (modeRows.Count != k)
        {
            throw StrictJson.Error(modesPath, string.Create(CultureInfo.InvariantCulture, $"there are {modeRows.Count} rows of modes for {k} prototypes."));
        }

        var modes = new int[k * names.Length];
        for (int c = 0; c < k; c++)
        {
            string rowPath = StrictJson.Item(modesPath, c);
            string[] row = StrictJson.Texts(modeRows[c], rowPath);
            if (row.Length != names.Length)
            {
                throw StrictJson.Error(rowPath, string.Create(CultureInfo.InvariantCulture, $"there are {row.Length} modes for {names.Length} categorical features."));
            }

            for (int f = 0; f < names.Length; f++)
            {
                int code = levels[f].IndexOf(row[f], StringComparer.Ordinal);
                modes[(c * names.Length) + f] = code >= 0 ? code : throw StrictJson.Error(
                    StrictJson.Item(rowPath, f), $"the mode '{row[f]}' is not a level of '{names[f]}'.");
            }
        }

        return new KPrototypesModel(featureNames, [.. names], [.. levels], offset, centres, modes, gamma, [], -1);
    }
}
