using System.Collections.Immutable;
using System.Text.Json;
using CustomerSegmentation.Clustering;
using CustomerSegmentation.Clustering.Kernels;
using CustomerSegmentation.Data;
using CustomerSegmentation.Scaling;

namespace CustomerSegmentation.Pipeline;

/// <summary>
/// A fitted segmentation that places new customers into segments: it applies the stored scaling, finds the nearest
/// centre exactly as the fit did, and answers with the segment number. Saves to and loads from versioned JSON.
/// </summary>
public sealed class SegmentationModel
{
    /// <summary>The format name written into every model file.</summary>
    public const string FormatName = "CustomerSegmentation.SegmentationModel";

    /// <summary>The model file version this library writes and the newest it reads.</summary>
    public const int FormatVersion = 1;

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web) { WriteIndented = true };

    private readonly NearestCentroid _centroids;
    private readonly int[] _segmentOfCluster;

    internal SegmentationModel(FeatureScaler scaler, NearestCentroid centroids, ImmutableArray<SegmentDefinition> segments, int[] segmentOfCluster)
    {
        Scaler = scaler;
        _centroids = centroids;
        Segments = segments;
        _segmentOfCluster = segmentOfCluster;
    }

    /// <summary>The features a customer must have, in order, in original units.</summary>
    public ImmutableArray<string> FeatureNames => Scaler.FeatureNames;

    /// <summary>The scaling fitted on the training customers and applied to every new one.</summary>
    public FeatureScaler Scaler { get; }

    /// <summary>The segments, in segment order (1..K).</summary>
    public ImmutableArray<SegmentDefinition> Segments { get; }

    /// <summary>The segment number (1..K) of one customer, given one value per feature in original units.</summary>
    /// <exception cref="ArgumentException">The customer has the wrong number of values or a NaN or infinite one.</exception>
    public int PredictSegment(ReadOnlySpan<double> customer)
    {
        if (customer.Length != FeatureNames.Length)
        {
            throw new ArgumentException(
                $"The customer has {customer.Length} values but the model needs {FeatureNames.Length} ({string.Join(", ", FeatureNames)}).", nameof(customer));
        }

        // Round as a FeatureMatrix stores values, then scale as FeatureScaler.Transform(FeatureMatrix) does.
        Span<double> scaled = stackalloc double[customer.Length];
        for (int j = 0; j < customer.Length; j++)
        {
            float value = (float)customer[j];
            if (!float.IsFinite(value))
            {
                throw new ArgumentException($"Feature '{FeatureNames[j]}' is {customer[j]}; values must be finite.", nameof(customer));
            }

            scaled[j] = Scaler.Scale(j, value);
        }

        return _segmentOfCluster[_centroids.Predict(scaled)];
    }

    /// <summary>The segment number (1..K) of every customer; the matrix may hold more features than the model needs, in any order.</summary>
    /// <exception cref="ArgumentNullException"><paramref name="customers"/> is null.</exception>
    /// <exception cref="ArgumentException">A feature the model needs is missing (the message lists the features).</exception>
    public int[] PredictSegments(FeatureMatrix customers)
    {
        ArgumentNullException.ThrowIfNull(customers);
        FeatureMatrix scaled = Scaler.Transform(customers.SelectFeatures(FeatureNames));
        int[] clusters = _centroids.Predict(scaled);
        return Array.ConvertAll(clusters, c => _segmentOfCluster[c]);
    }

    /// <summary>The model as indented JSON (format <see cref="FormatName"/>, version <see cref="FormatVersion"/>).</summary>
    public string ToJson() => JsonSerializer.Serialize(ToFile(), Json);

    /// <summary>Writes the model as JSON to <paramref name="stream"/> (left open).</summary>
    /// <exception cref="ArgumentNullException"><paramref name="stream"/> is null.</exception>
    public void Save(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        JsonSerializer.Serialize(stream, ToFile(), Json);
    }

    /// <summary>Writes the model as JSON to the file at <paramref name="path"/>, replacing it.</summary>
    public void Save(string path)
    {
        using FileStream file = File.Create(path);
        Save(file);
    }

    /// <summary>Reads a model saved by <see cref="Save(Stream)"/>.</summary>
    /// <exception cref="InvalidDataException">The text is not JSON, is truncated, is not a model file, was written by a newer version, or is inconsistent; the message says which.</exception>
    public static SegmentationModel FromJson(string json)
    {
        ArgumentNullException.ThrowIfNull(json);
        return FromFile(Parse(json));
    }

    /// <summary>Reads a model from <paramref name="stream"/> (UTF-8 JSON; the stream is left open).</summary>
    /// <exception cref="InvalidDataException">The content is not a valid model file; the message says why.</exception>
    public static SegmentationModel Load(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var reader = new StreamReader(stream, leaveOpen: true);
        return FromFile(Parse(reader.ReadToEnd()));
    }

    /// <summary>Reads a model from the file at <paramref name="path"/>.</summary>
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
        int features = FeatureNames.Length;
        return new SegmentationModelFile(
            FormatName,
            FormatVersion,
            [.. FeatureNames],
            new ScalingFile(Scaler.Method.ToString(), [.. Scaler.Offsets], [.. Scaler.Scales], [.. Scaler.ZeroVarianceFeatures]),
            new ClusteringFile(
                _centroids.Offset,
                [.. _centroids.CentredCentres.Chunk(features)]),
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
        ClusteringFile clustering = file.Clustering ?? throw Missing("clustering");
        SegmentFile[] segments = file.Segments ?? throw Missing("segments");
        FeatureScaling method;
        try
        {
            method = FeatureScaling.Parse(scaling.Method ?? throw Missing("scaling.method"));
        }
        catch (FormatException error)
        {
            throw new InvalidDataException($"The model file's scaling is unreadable: {error.Message}", error);
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

        float[] offset = clustering.Offset ?? throw Missing("clustering.offset");
        double[][] centres = clustering.CentredCentroids ?? throw Missing("clustering.centredCentroids");
        if (offset.Length != features.Length || centres.Length == 0 || centres.Any(c => c is null || c.Length != features.Length))
        {
            throw new InvalidDataException(
                $"The model file's clustering does not match its {features.Length} features: every centroid and the offset need {features.Length} values.");
        }

        int k = centres.Length;
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

        var nearest = new NearestCentroid([.. scaler.FeatureNames], offset, [.. centres.SelectMany(c => c)], -1, VectorWidths.Best);
        ImmutableArray<SegmentDefinition> definitions = [.. segments.OrderBy(s => s.Id).Select(s => new SegmentDefinition(
            s.Id, s.Label ?? $"Segment {s.Id}", [.. s.Centre ?? throw Missing($"segments[{s.Id}].centre")]))];
        return new SegmentationModel(scaler, nearest, definitions, segmentOfCluster);
    }

    private static InvalidDataException Missing(string field)
        => new($"The model file is missing '{field}'; it may be truncated or written by another program.");
}
