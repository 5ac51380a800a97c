using System.Collections.Immutable;
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

    internal SegmentationModel(FeatureScaler scaler, IClusteringModel clustering, ImmutableArray<SegmentDefinition> segments, int[] segmentOfCluster, KSelectionRule? kRule)
    {
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

    /// <summary>The segment number (1..K) of one customer, given one value per feature in original units.</summary>
    /// <param name="customer">One finite value per feature of <see cref="FeatureNames"/>, in order.</param>
    /// <returns>The segment number.</returns>
    /// <exception cref="ArgumentException">The customer has the wrong number of values or a NaN or infinite one.</exception>
    public int PredictSegment(ReadOnlySpan<double> customer)
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

        return _segmentOfCluster[Clustering.Predict(FeatureMatrix.FromColumns(scaled, FeatureNames))[0]];
    }

    /// <summary>The segment number (1..K) of every customer; the matrix may hold more features than the model needs, in any order.</summary>
    /// <param name="customers">The customers, features in original units.</param>
    /// <returns>One segment number per customer.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is null.</exception>
    /// <exception cref="ArgumentException">A feature the model needs is missing (the message lists the features).</exception>
    public int[] PredictSegments(FeatureMatrix customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        FeatureMatrix scaled = Scaler.Transform(customers.SelectFeatures(FeatureNames));
        int[] clusters = Clustering.Predict(scaled);
        return Array.ConvertAll(clusters, c => _segmentOfCluster[c]);
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

    /// <summary>Writes the model as JSON to the file at <paramref name="path"/>, replacing it.</summary>
    /// <param name="path">The file.</param>
    /// <exception cref="NotSupportedException">The clustering model is not one of the library's kinds; no file is written.</exception>
    public void Save(string path)
    {
        SegmentationModelFile file = ToFile();
        using FileStream stream = File.Create(path);
        JsonSerializer.Serialize(stream, file, Json);
    }

    /// <summary>Reads a model saved by <see cref="Save(Stream)"/> or <see cref="ToJson"/>.</summary>
    /// <param name="json">The JSON text.</param>
    /// <returns>The model.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="json"/> is null.</exception>
    /// <exception cref="InvalidDataException">The text is not JSON, is truncated, is not a model file, was written by a newer version, names an unknown kind, or is inconsistent; the message says which.</exception>
    public static SegmentationModel FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return FromFile(Parse(json));
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
        return FromFile(Parse(reader.ReadToEnd()));
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

    private SegmentationModelFile ToFile()
    {
        ClusteringModelKind kind = ClusteringModelKind.Of(Clustering) ?? throw new NotSupportedException(
            $"The clustering model {Clustering.GetType().FullName} is not a kind the model file can hold (the kinds are {string.Join(", ", ClusteringModelKind.All.Select(k => k.Name))}). Its SegmentationModel predicts in memory but cannot be saved; cluster with a built-in clusterer (UseKMeans, UseMiniBatchKMeans) to get a model file.");
        JsonObject clustering = kind.Write(Clustering);
        clustering.Insert(0, "kind", kind.Name);
        return new SegmentationModelFile(
            FormatName,
            FormatVersion,
            [.. FeatureNames],
            new ScalingFile(Scaler.Method.Name, [.. Scaler.Offsets], [.. Scaler.Scales], [.. Scaler.ZeroVarianceFeatures]),
            KRule?.ToJson(),
            clustering,
            [.. Segments.Select(s => new SegmentFile(s.Id, Array.IndexOf(_segmentOfCluster, s.Id), s.Label, [.. s.Centre]))]);
    }

    private static SegmentationModelFile Parse(string json)
    {
        try
        {
            return JsonSerializer.Deserialize<SegmentationModelFile>(json, Json) ?? throw new InvalidDataException("The model file is empty (JSON null).");
        }
        catch (JsonException error)
        {
            string trimmed = json.TrimEnd();
            string what = trimmed.StartsWith('{') && !trimmed.EndsWith('}') ? "is truncated" : "is not a valid model file";
            throw new InvalidDataException($"The model file {what} (JSON error at line {error.LineNumber + 1}, byte {error.BytePositionInLine}): {error.Message}", error);
        }
    }

    private static SegmentationModel FromFile(SegmentationModelFile file)
    {
        if (file.Format != FormatName)
        {
            throw new InvalidDataException($"This is not a CustomerSegmentation model file: its format is '{file.Format ?? "(missing)"}', expected '{FormatName}'.");
        }

        if (file.Version > FormatVersion)
        {
            throw new InvalidDataException(
                $"The model file has format version {file.Version}, newer than this library reads (version {FormatVersion}); update CustomerSegmentation.");
        }

        if (file.Version < 1)
        {
            throw new InvalidDataException($"The model file has an invalid format version {file.Version}.");
        }

        string[] features = file.Features ?? throw Missing("features");
        ScalingFile scaling = file.Scaling ?? throw Missing("scaling");
        JsonObject clustering = file.Clustering ?? throw Missing("clustering");
        SegmentFile[] segments = file.Segments ?? throw Missing("segments");
        FeatureScaling method;
        try
        {
            method = FeatureScaling.Parse(scaling.Method ?? throw Missing("scaling.method"));
        }
        catch (FormatException error)
        {
            throw new InvalidDataException($"The model file's scaling method is not valid: {error.Message}", error);
        }

        FeatureScaler scaler;
        try
        {
            scaler = FeatureScaler.FromParameters(
                method, features, scaling.Offsets ?? throw Missing("scaling.offsets"), scaling.Scales ?? throw Missing("scaling.scales"), scaling.ZeroVarianceFeatures);
        }
        catch (ArgumentException error)
        {
            throw new InvalidDataException($"The model file's scaling is inconsistent: {error.Message}", error);
        }

        KSelectionRule? rule = null;
        if (file.KSelection is { } ruleJson)
        {
            try
            {
                rule = KSelectionRule.FromJson(ruleJson);
            }
            catch (FormatException error)
            {
                throw new InvalidDataException($"The model file's K rule is not valid: {error.Message}", error);
            }
        }

        // Version 1 files hold K-means centroids without naming their kind.
        string? kindName = clustering["kind"] is JsonValue kindValue && kindValue.GetValueKind() == JsonValueKind.String
            ? kindValue.GetValue<string>()
            : file.Version == 1 && clustering["kind"] is null ? NearestCentroid.Kind : null;
        IClusteringModel model;
        try
        {
            JsonObject parameters = clustering.DeepClone().AsObject();
            parameters.Remove("kind");
            model = ClusteringModelKind.Named(kindName).Read(parameters, scaler.FeatureNames);
        }
        catch (FormatException error)
        {
            throw new InvalidDataException($"The model file's clustering is not valid: {error.Message}", error);
        }

        int k = model.K;
        if (segments.Length != k)
        {
            throw new InvalidDataException($"The model file has {k} centroids but {segments.Length} segments.");
        }

        var segmentOfCluster = new int[k];
        foreach (SegmentFile segment in segments)
        {
            if (segment.Cluster < 0 || segment.Cluster >= k || segment.Id < 1 || segment.Id > k || segmentOfCluster[segment.Cluster] != 0)
            {
                throw new InvalidDataException($"The model file's segment {segment.Id} (cluster {segment.Cluster}) is out of range or repeated; expected ids 1..{k} and clusters 0..{k - 1}.");
            }

            segmentOfCluster[segment.Cluster] = segment.Id;
        }

        ImmutableArray<SegmentDefinition> definitions = [.. segments.OrderBy(s => s.Id).Select(s => new SegmentDefinition(
            s.Id, s.Label ?? $"Segment {s.Id}", [.. s.Centre ?? throw Missing($"segments[{s.Id}].centre")]))];
        return new SegmentationModel(scaler, model, definitions, segmentOfCluster, rule);
    }

    private static InvalidDataException Missing(string field)
        => new($"The model file is missing '{field}'; it may be truncated or written by another program.");
}
