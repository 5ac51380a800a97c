using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CustomerSegmentation.Clustering;
using CustomerSegmentation.Data;
using CustomerSegmentation.Scaling;
using CustomerSegmentation.Selection;

namespace CustomerSegmentation.Pipeline;

/// <summary>
/// A fitted segmentation that places new customers into segments: it applies the stored scaling, asks the clustering
/// model for the cluster exactly as the fit did, and answers with the segment number. Saves to and loads from
/// versioned JSON that records which kind of clustering model it holds.
/// </summary>
/// <remarks>
/// Models of the library's own clusterers (K-means and mini-batch K-means) save and load; a model of a clusterer
/// written elsewhere predicts in memory, and <see cref="Save(Stream)"/> refuses it with
/// <see cref="NotSupportedException"/>.
/// </remarks>
public sealed class SegmentationModel
{
    /// <summary>The format name written into every model file.</summary>
    public const string FormatName = "CustomerSegmentation.SegmentationModel";

    /// <summary>The model file version this library writes and the newest it reads (version 1 files are read too).</summary>
    public const int FormatVersion = 2;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly int[] _segmentOfCluster;

    internal SegmentationModel(FeatureScaler scaler, IClusteringModel clustering, ImmutableArray<SegmentDefinition> segments, int[] segmentOfCluster, KSelectionRule? kRule, OneHotEncoding? oneHot = null)
    {
        OneHot = oneHot;
        Scaler = scaler;
        Clustering = clustering;
        Segments = segments;
        _segmentOfCluster = segmentOfCluster;
        KRule = kRule;
    }

    /// <summary>The features a customer must have, in order, in original units.</summary>
    public ImmutableArray<string> FeatureNames => Scaler.FeatureNames;

    /// <summary>The scaling fitted on the training customers and applied to every new one.</summary>
    public FeatureScaler Scaler { get; }

    /// <summary>The segments, in segment order (1..K).</summary>
    public ImmutableArray<SegmentDefinition> Segments { get; }

    /// <summary>The rule that chose K, or null when K was fixed.</summary>
    public KSelectionRule? KRule { get; }

    /// <summary>The kind of clustering model, as written into the file (e.g. "NearestCentroid"), or the model's type name for a foreign one.</summary>
    public string ClusteringKind => ClusteringModelKind.Of(Clustering)?.Name ?? Clustering.GetType().Name;

    /// <summary>The clustering model in scaled space (cluster indices are internal; users see segment numbers).</summary>
    internal IClusteringModel Clustering { get; }

    /// <summary>The one-hot encoding of the categorical features, when the segmentation used one.</summary>
    internal OneHotEncoding? OneHot { get; }

    /// <summary>
    /// The categorical features a customer must have (beside <see cref="FeatureNames"/>), in order; empty when the
    /// segmentation used numeric features only.
    /// </summary>
    public ImmutableArray<string> CategoricalFeatureNames
        => OneHot?.Names ?? (Clustering is KPrototypesModel prototypes ? prototypes.CategoricalNames : []);

    /// <summary>The segment number (1..K) of one customer given its numeric values and its categories.</summary>
    /// <param name="customer">One finite value per feature of <see cref="FeatureNames"/>, in order, in original units.</param>
    /// <param name="categories">One category per feature of <see cref="CategoricalFeatureNames"/>, in order; a category not seen in the fit matches none.</param>
    /// <returns>The segment number.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="categories"/> is null.</exception>
    /// <exception cref="ArgumentException">The wrong number of values or categories, or a NaN or infinite value.</exception>
    public int PredictSegment(ReadOnlySpan<double> customer, IReadOnlyList<string> categories)
    {
        ArgumentNullException.ThrowIfNull(categories);
        ImmutableArray<string> names = CategoricalFeatureNames;
        if (categories.Count != names.Length)
        {
            throw new ArgumentException(
                $"The customer has {categories.Count} categories but the model needs {names.Length} ({(names.IsEmpty ? "none" : string.Join(", ", names))}).", nameof(categories));
        }

        return PredictOne(customer, [.. names.Select((name, f) => CategoricalColumn.WithLevels(name, [categories[f]], [categories[f]]))]);
    }

    /// <summary>The segment number (1..K) of one customer, given one value per feature in original units.</summary>
    /// <param name="customer">One finite value per feature of <see cref="FeatureNames"/>, in order.</param>
    /// <returns>The segment number.</returns>
    /// <exception cref="ArgumentException">The customer has the wrong number of values or a NaN or infinite one.</exception>
    /// <exception cref="InvalidOperationException">The model also needs categories; use <see cref="PredictSegment(ReadOnlySpan{double}, IReadOnlyList{string})"/>.</exception>
    public int PredictSegment(ReadOnlySpan<double> customer)
    {
        if (!CategoricalFeatureNames.IsEmpty)
        {
            throw new InvalidOperationException(
                $"The model also needs the categorical features {string.Join(", ", CategoricalFeatureNames)}; call PredictSegment(values, categories).");
        }

        return PredictOne(customer, []);
    }

    private int PredictOne(ReadOnlySpan<double> customer, ImmutableArray<CategoricalColumn> categories)
    {
        if (customer.Length != FeatureNames.Length)
        {
            throw new ArgumentException(
                $"The customer has {customer.Length} values but the model needs {FeatureNames.Length} ({string.Join(", ", FeatureNames)}).", nameof(customer));
        }

        // Round as a FeatureMatrix stores values, then scale as FeatureScaler.Transform(FeatureMatrix) does.
        var scaled = new double[customer.Length][];
        for (int j = 0; j < customer.Length; j++)
        {
            float value = (float)customer[j];
            if (!float.IsFinite(value))
            {
                throw new ArgumentException($"Feature '{FeatureNames[j]}' is {customer[j]}; values must be finite.", nameof(customer));
            }

            scaled[j] = [Scaler.Scale(j, value)];
        }

        return _segmentOfCluster[Clustering.Predict(WithCategories(FeatureMatrix.FromColumns(scaled, FeatureNames), categories))[0]];
    }

    /// <summary>The segment number (1..K) of every customer; the matrix may hold more features than the model needs, in any order.</summary>
    /// <param name="customers">The customers, features in original units.</param>
    /// <returns>One segment number per customer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is null.</exception>
    /// <exception cref="ArgumentException">A feature the model needs is missing, numeric or categorical (<see cref="FeatureMatrix.Categoricals"/>); the message names it.</exception>
    public int[] PredictSegments(FeatureMatrix customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        FeatureMatrix scaled = Scaler.Transform(customers.SelectFeatures(FeatureNames));
        int[] clusters = Clustering.Predict(WithCategories(scaled, customers.Categoricals));
        return Array.ConvertAll(clusters, c => _segmentOfCluster[c]);
    }

    /// <summary>
    /// Every customer's membership probability for every segment, when the clustering model gives them (a Gaussian
    /// mixture); the matrix may hold more features than the model needs, in any order.
    /// </summary>
    /// <param name="customers">The customers, features in original units.</param>
    /// <returns>A customers x K array in segment order (column s - 1 is segment s), each row summing to 1; null when the model has no probabilities.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is null.</exception>
    /// <exception cref="ArgumentException">A feature the model needs is missing (the message lists the features).</exception>
    public double[,]? PredictSegmentProbabilities(FeatureMatrix customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        if (Clustering is not ISoftClusteringModel soft)
        {
            return null;
        }

        double[,] byCluster = soft.PredictProbabilities(Scaler.Transform(customers.SelectFeatures(FeatureNames)));
        var bySegment = new double[byCluster.GetLength(0), byCluster.GetLength(1)];
        for (int i = 0; i < byCluster.GetLength(0); i++)
        {
            double[] row = InSegmentOrder(byCluster, i, _segmentOfCluster);
            for (int s = 0; s < row.Length; s++)
            {
                bySegment[i, s] = row[s];
            }
        }

        return bySegment;
    }

    /// <summary>Row <paramref name="row"/> of per-cluster probabilities, reordered so that item s - 1 is segment s.</summary>
    internal static double[] InSegmentOrder(double[,] byCluster, int row, int[] segmentOfCluster)
    {
        var bySegment = new double[segmentOfCluster.Length];
        for (int c = 0; c < segmentOfCluster.Length; c++)
        {
            bySegment[segmentOfCluster[c] - 1] = byCluster[row, c];
        }

        return bySegment;
    }

    /// <summary>The model as indented JSON (format <see cref="FormatName"/>, version <see cref="FormatVersion"/>).</summary>
    /// <returns>The JSON text.</returns>
    /// <exception cref="NotSupportedException">The clustering model is not one of the library's kinds (a clusterer written elsewhere).</exception>
    public string ToJson() => JsonSerializer.Serialize(ToFile(), Json);

    /// <summary>Writes the model as JSON to <paramref name="stream"/> (left open).</summary>
    /// <param name="stream">The destination.</param>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="NotSupportedException">The clustering model is not one of the library's kinds (a clusterer written elsewhere).</exception>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        JsonSerializer.Serialize(stream, ToFile(), Json);
    }

    /// <summary>
    /// Writes the model as JSON to the file at <paramref name="path"/>, replacing it only once the new file is complete:
    /// it is written to a temporary file in the same folder and moved into place, so a failure leaves the old file as it was.
    /// </summary>
    /// <param name="path">The file.</param>
    /// <exception cref="ArgumentException"><paramref name="path"/> is null or blank.</exception>
    /// <exception cref="NotSupportedException">The clustering model is not one of the library's kinds; no file is written.</exception>
    /// <exception cref="IOException">The file cannot be written; an existing file is left as it was.</exception>
    public void Save(string path)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(path);
        AtomicFile.Write(path, Save);
    }

    /// <summary>Reads a model saved by <see cref="Save(Stream)"/> or <see cref="ToJson"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="InvalidDataException">The text is not JSON, is truncated, is not a model file, was written by a newer version, names an unknown kind, has an unknown or repeated property, a value that is not a finite number (including "NaN" strings and numbers that overflow), a repeated id or feature, or is inconsistent; the message names the JSON path (such as <c>$.segments[3].centre</c>) and the problem.</exception>
    public static SegmentationModel FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return FromJson(Parse(json));
    }

    /// <summary>Reads a model from <paramref name="stream"/> (UTF-8 JSON; the stream is left open).</summary>
    /// <param name="stream">The source.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    /// <exception cref="InvalidDataException">The content is not a valid model file; the message says why.</exception>
    public static SegmentationModel Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new StreamReader(stream, leaveOpen: true);
        return FromJson(Parse(reader.ReadToEnd()));
    }

    /// <summary>Reads a model from the file at <paramref name="path"/>.</summary>
    /// <param name="path">The file.</param>
    /// <returns>The model.</returns>
    /// <exception cref="FileNotFoundException">The file does not exist.</exception>
    /// <exception cref="InvalidDataException">The file is not a valid model file; the message says why.</exception>
    public static SegmentationModel Load(string path)
    {
        if (!File.Exists(path))
        {
            throw new FileNotFoundException($"The model file '{path}' does not exist.", path);
        }

        using FileStream file = File.OpenRead(path);
        return Load(file);
    }

    /// <summary>The scaled numeric customers with their categories as the clustering model takes them: one-hot columns appended, or the categories beside.</summary>
    private FeatureMatrix WithCategories(FeatureMatrix scaled, ImmutableArray<CategoricalColumn> categories)
    {
        if (OneHot is { } oneHot)
        {
            return oneHot.Append(scaled, categories);
        }

        return categories.IsEmpty ? scaled : scaled.WithCategoricals(categories);
    }

    private SegmentationModelFile ToFile()
    {
        ClusteringModelKind kind = ClusteringModelKind.Of(Clustering) ?? throw new NotSupportedException(
            $"The clustering model {Clustering.GetType().FullName} is not a kind the model file can hold (the kinds are {string.Join(", ", ClusteringModelKind.All.Select(k => k.Name))}). Its SegmentationModel predicts in memory but cannot be saved; cluster with a built-in clusterer (UseKMeans, UseMiniBatchKMeans, UseGaussianMixture) to get a model file.");
        JsonObject clustering = kind.Write(Clustering);
        clustering.Insert(0, "kind", kind.Name);
        return new SegmentationModelFile(
            FormatName,
            FormatVersion,
            [.. FeatureNames],
            new ScalingFile(Scaler.Method.Name, [.. Scaler.Offsets], [.. Scaler.Scales], [.. Scaler.ZeroVarianceFeatures]),
            KRule?.ToJson(),
            clustering,
            [.. Segments.Select(s => new SegmentFile(s.Id, Array.IndexOf(_segmentOfCluster, s.Id), s.Label, [.. s.Centre]))],
            OneHot is null ? null : WriteOneHot(OneHot));
    }

    private static JsonNode? Parse(string json)
    {
        try
        {
            return StrictJson.Parse(json);
        }
        catch (JsonException error)
        {
            string trimmed = json.TrimEnd();
            string what = trimmed.StartsWith('{') && !trimmed.EndsWith('}') ? "is truncated" : "is not a valid model file";
            throw new InvalidDataException($"The model file {what} (JSON error at line {error.LineNumber + 1}, byte {error.BytePositionInLine}): {error.Message}", error);
        }
    }

    private static SegmentationModel FromJson(JsonNode? root)
    {
        const string Root = "$";
        JsonObject file = root as JsonObject ?? throw (root is null
            ? new InvalidDataException("The model file is empty (JSON null).")
            : StrictJson.Error(Root, "the model file must be a JSON object."));
        string? format = file["format"] is JsonValue f && f.GetValueKind() == JsonValueKind.String ? f.GetValue<string>() : null;
        if (format != FormatName)
        {
            throw new InvalidDataException($"This is not a CustomerSegmentation model file: its format is '{format ?? "(missing)"}', expected '{FormatName}'.");
        }

        int version = StrictJson.Integer(StrictJson.Required(file, Root, "version"), "$.version");
        if (version > FormatVersion)
        {
            throw new InvalidDataException(
                $"The model file has format version {version}, newer than this library reads (version {FormatVersion}); update CustomerSegmentation.");
        }

        if (version < 1)
        {
            throw new InvalidDataException($"The model file has an invalid format version {version} at $.version.");
        }

        StrictJson.OnlyProperties(file, Root, "format", "version", "features", "scaling", "kSelection", "clustering", "segments", "categorical");
        FeatureScaler scaler = ReadScaling(file);
        KSelectionRule? rule = file["kSelection"] is { } ruleJson ? KSelectionRule.FromJson(StrictJson.Object(ruleJson, "$.kSelection"), "$.kSelection") : null;

        // Version 1 files hold K-means centroids without naming their kind.
        JsonObject clustering = StrictJson.Object(StrictJson.Required(file, Root, "clustering"), "$.clustering");
        string? kind = clustering["kind"] is { } kindNode ? StrictJson.Text(kindNode, "$.clustering.kind") : version == 1 ? NearestCentroid.Kind : null;
        OneHotEncoding? oneHot = file["categorical"] is { } categorical ? ReadOneHot(categorical) : null;
        ImmutableArray<string> clusteredFeatures = oneHot is null ? scaler.FeatureNames : [.. scaler.FeatureNames, .. oneHot.ColumnNames];
        IClusteringModel model = ClusteringModelKind.Named(kind, "$.clustering.kind").Read(clustering, "$.clustering", clusteredFeatures);
        (ImmutableArray<SegmentDefinition> segments, int[] segmentOfCluster) = ReadSegments(file, scaler, model);
        return new SegmentationModel(scaler, model, segments, segmentOfCluster, rule, oneHot);
    }

    private static JsonObject WriteOneHot(OneHotEncoding oneHot) => new()
    {
        ["encoding"] = "OneHot",
        ["weight"] = oneHot.Weight,
        ["features"] = new JsonArray([.. oneHot.Names.Select((name, f) => new JsonObject
        {
            ["name"] = name,
            ["levels"] = JsonSerializer.SerializeToNode(oneHot.Levels[f].ToArray()),
        })]),
    };

    private static OneHotEncoding ReadOneHot(JsonNode node)
    {
        const string Path = "$.categorical";
        JsonObject json = StrictJson.Object(node, Path);
        StrictJson.OnlyProperties(json, Path, "encoding", "weight", "features");
        string encoding = StrictJson.Text(StrictJson.Required(json, Path, "encoding"), "$.categorical.encoding");
        if (encoding != "OneHot")
        {
            throw StrictJson.Error("$.categorical.encoding", $"the encoding '{encoding}' is not one this library reads; the encodings are OneHot.");
        }

        double weight = StrictJson.InFloat32Range(StrictJson.Required(json, Path, "weight"), "$.categorical.weight");
        if (!(weight > 0))
        {
            throw StrictJson.Error("$.categorical.weight", string.Create(CultureInfo.InvariantCulture, $"the weight {weight:R} must be positive."));
        }

        JsonArray features = StrictJson.Array(StrictJson.Required(json, Path, "features"), "$.categorical.features");
        var names = new string[features.Count];
        var levels = new ImmutableArray<string>[features.Count];
        for (int f = 0; f < names.Length; f++)
        {
            string itemPath = StrictJson.Item("$.categorical.features", f);
            JsonObject item = StrictJson.Object(features[f], itemPath);
            StrictJson.OnlyProperties(item, itemPath, "name", "levels");
            names[f] = StrictJson.Text(StrictJson.Required(item, itemPath, "name"), StrictJson.Child(itemPath, "name"));
            string[] texts = StrictJson.Texts(StrictJson.Required(item, itemPath, "levels"), StrictJson.Child(itemPath, "levels"));
            if (texts.Length == 0 || texts.Distinct(StringComparer.Ordinal).Count() != texts.Length)
            {
                throw StrictJson.Error(StrictJson.Child(itemPath, "levels"), $"the levels of '{names[f]}' must be at least one and distinct.");
            }

            levels[f] = [.. texts];
        }

        return new OneHotEncoding([.. names], [.. levels], weight);
    }

    private static FeatureScaler ReadScaling(JsonObject file)
    {
        const string Path = "$.scaling";
        string[] features = StrictJson.Texts(StrictJson.Required(file, "$", "features"), "$.features");
        JsonObject scaling = StrictJson.Object(StrictJson.Required(file, "$", "scaling"), Path);
        StrictJson.OnlyProperties(scaling, Path, "method", "offsets", "scales", "zeroVarianceFeatures");
        FeatureScaling method;
        try
        {
            method = FeatureScaling.Parse(StrictJson.Text(StrictJson.Required(scaling, Path, "method"), "$.scaling.method"));
        }
        catch (FormatException error)
        {
            throw StrictJson.Error("$.scaling.method", error.Message, error);
        }

        double[] offsets = StrictJson.Numbers(StrictJson.Required(scaling, Path, "offsets"), "$.scaling.offsets", features.Length);
        double[] scales = StrictJson.Numbers(StrictJson.Required(scaling, Path, "scales"), "$.scaling.scales", features.Length);
        int badScale = Array.FindIndex(scales, s => !(s > 0));
        if (badScale >= 0)
        {
            throw StrictJson.Error(StrictJson.Item("$.scaling.scales", badScale), string.Create(CultureInfo.InvariantCulture, $"the scale {scales[badScale]:R} must be greater than zero."));
        }

        string[]? zeroVariance = scaling["zeroVarianceFeatures"] is { } names ? StrictJson.Texts(names, "$.scaling.zeroVarianceFeatures") : null;
        try
        {
            return FeatureScaler.FromParameters(method, features, offsets, scales, zeroVariance);
        }
        catch (ArgumentException error)
        {
            string path = error.ParamName switch
            {
                "featureNames" => "$.features",
                "zeroVarianceFeatures" => "$.scaling.zeroVarianceFeatures",
                { } list => StrictJson.Child(Path, list),
                null => Path,
            };
            throw StrictJson.Error(path, error.Message, error);
        }
    }

    private static (ImmutableArray<SegmentDefinition> Segments, int[] SegmentOfCluster) ReadSegments(JsonObject file, FeatureScaler scaler, IClusteringModel model)
    {
        const string Path = "$.segments";
        JsonArray list = StrictJson.Array(StrictJson.Required(file, "$", "segments"), Path);
        int k = model.K;
        if (list.Count != k)
        {
            throw StrictJson.Error(Path, $"there are {list.Count} segments but the clustering has {k} centroids.");
        }

        var segmentOfCluster = new int[k];
        var definitions = new SegmentDefinition?[k];
        for (int s = 0; s < k; s++)
        {
            string path = StrictJson.Item(Path, s);
            JsonObject segment = StrictJson.Object(list[s], path);
            StrictJson.OnlyProperties(segment, path, "id", "cluster", "label", "centre");
            string idPath = StrictJson.Child(path, "id");
            int id = StrictJson.Integer(StrictJson.Required(segment, path, "id"), idPath);
            if (id < 1 || id > k || definitions[id - 1] is not null)
            {
                throw StrictJson.Error(idPath, $"segment id {id} is out of range or repeated; the ids are 1..{k}, each once.");
            }

            string clusterPath = StrictJson.Child(path, "cluster");
            int cluster = StrictJson.Integer(StrictJson.Required(segment, path, "cluster"), clusterPath);
            if (cluster < 0 || cluster >= k || segmentOfCluster[cluster] != 0)
            {
                throw StrictJson.Error(clusterPath, $"cluster {cluster} is out of range or repeated; the clusters are 0..{k - 1}, each once.");
            }

            string label = segment["label"] is { } text ? StrictJson.Text(text, StrictJson.Child(path, "label")) : $"Segment {id}";
            string centrePath = StrictJson.Child(path, "centre");
            double[] centre = StrictJson.Numbers(StrictJson.Required(segment, path, "centre"), centrePath, scaler.FeatureNames.Length);
            RequireCentreOfCentroid(centre, scaler.InverseTransform(model.Centroids[cluster].AsSpan(0, scaler.FeatureNames.Length)), scaler, centrePath);
            segmentOfCluster[cluster] = id;
            definitions[id - 1] = new SegmentDefinition(id, label, [.. centre]);
        }

        return ([.. definitions.Select(d => d!)], segmentOfCluster);
    }

    /// <summary>
    /// A segment's centre is its cluster's centroid in original units, so a file where they disagree has been altered
    /// (a centroid, an offset or a scale changed). They agree to float32 precision, not bit for bit: the fit computes
    /// the centres from its result, the model keeps a float32 offset, hence a relative tolerance of 1e-5.
    /// </summary>
    private static void RequireCentreOfCentroid(double[] centre, double[] expected, FeatureScaler scaler, string path)
    {
        for (int j = 0; j < centre.Length; j++)
        {
            double tolerance = (1e-5 * (Math.Abs(centre[j]) + Math.Abs(expected[j]))) + (1e-7 * (scaler.Scales[j] + Math.Abs(scaler.Offsets[j])));
            if (!double.IsFinite(expected[j]) || !(Math.Abs(centre[j] - expected[j]) <= tolerance))
            {
                throw StrictJson.Error(
                    StrictJson.Item(path, j),
                    string.Create(CultureInfo.InvariantCulture, $"the centre {centre[j]:R} of feature '{scaler.FeatureNames[j]}' is not its cluster's centroid in original units ({expected[j]:R}); the file is inconsistent."));
            }
        }
    }
}
