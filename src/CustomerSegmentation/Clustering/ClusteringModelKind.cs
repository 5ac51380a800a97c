using System.Collections.Immutable;
using System.Text.Json.Nodes;

namespace CustomerSegmentation.Clustering;

/// <summary>
/// A kind of <see cref="IClusteringModel"/> that a model file can hold: its name, and how its parameters are written
/// and read back so that a loaded model predicts exactly as the fitted one. A new built-in model kind is a new
/// subclass added to <see cref="All"/>.
/// </summary>
internal abstract class ClusteringModelKind
{
    /// <summary>Every kind a model file may name.</summary>
    public static ImmutableArray<ClusteringModelKind> All { get; } = [new NearestCentroidKind()];

    /// <summary>The name written into model files.</summary>
    public abstract string Name { get; }

    /// <summary>The kind that writes <paramref name="model"/>, or null when no built-in kind does (a foreign model).</summary>
    public static ClusteringModelKind? Of(IClusteringModel model) => All.FirstOrDefault(kind => kind.Writes(model));

    /// <summary>The kind named <paramref name="name"/>.</summary>
    /// <exception cref="FormatException">No kind has that name; the message lists the kinds.</exception>
    public static ClusteringModelKind Named(string? name)
        => All.FirstOrDefault(kind => kind.Name == name)
            ?? throw new FormatException($"The clustering kind '{name ?? "(missing)"}' is not one this library reads; the kinds are {string.Join(", ", All.Select(k => k.Name))}.");

    /// <summary>Whether this kind writes <paramref name="model"/>.</summary>
    public abstract bool Writes(IClusteringModel model);

    /// <summary>The model's parameters as JSON (the caller adds the kind's name).</summary>
    public abstract JsonObject Write(IClusteringModel model);

    /// <summary>Rebuilds a model from what <see cref="Write"/> wrote.</summary>
    /// <exception cref="FormatException">A parameter is missing or inconsistent with the features; the message says which.</exception>
    public abstract IClusteringModel Read(JsonObject parameters, ImmutableArray<string> featureNames);
}
