using System.Text.Json.Nodes;
using System.Text.Json.Serialization;

namespace CustomerSegmentation.Pipeline;

/// <summary>The JSON shape a <see cref="SegmentationModel"/> is saved as (format version 2; version 1 had no clustering kind). Loading reads the JSON field by field instead, strictly, to name the path of a bad value.</summary>
/// <param name="Format">Always <see cref="SegmentationModel.FormatName"/>.</param>
/// <param name="Version">The format version.</param>
/// <param name="Features">The features in original units, in order.</param>
/// <param name="Scaling">The fitted scaling.</param>
/// <param name="KSelection">The rule that chose K (its name and parameters), or null when K was fixed.</param>
/// <param name="Clustering">The clustering model: its "kind" and that kind's parameters.</param>
/// <param name="Segments">The segments and the cluster each one is.</param>
/// <param name="Categorical">The one-hot encoding of categorical features (names, levels, weight), or null (absent from the file) when there is none.</param>
internal sealed record SegmentationModelFile(
    string Format,
    int Version,
    string[] Features,
    ScalingFile Scaling,
    JsonObject? KSelection,
    JsonObject Clustering,
    SegmentFile[] Segments,
    [property: JsonIgnore(Condition = JsonIgnoreCondition.WhenWritingNull)] JsonObject? Categorical = null);

/// <summary>A fitted scaling: its method's name and each feature's offset and scale.</summary>
internal sealed record ScalingFile(string Method, double[] Offsets, double[] Scales, string[] ZeroVarianceFeatures);

/// <summary>A segment: its number, its cluster in the model, its label and its centre in original units.</summary>
internal sealed record SegmentFile(int Id, int Cluster, string Label, double[] Centre);
