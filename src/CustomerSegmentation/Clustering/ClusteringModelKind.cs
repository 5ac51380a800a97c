using System.Collections.Immutable;
using System.Text.Json.Nodes;
using CustomerSegmentation.Data;

namespace CustomerSegmentation.Clustering;

/// <summary>
/// A kind of <see cref="IClusteringModel"/> that a model file can hold: its name, and how its parameters are written
/// and read back so that a loaded model predicts exactly as the fitted one. A new built-in model kind is a new
/// subclass added to <see cref="All"/>.
/// </summary>
internal abstract class ClusteringModelKind
{
    /// <summary>Every kind a model file may name.</summary>
    public static ImmutableArray<ClusteringModelKind> All { get; } = [new NearestCentroidKind(), new KPrototypesKind(), new GaussianMixtureKind()];

    /// <summary>The name written into model files.</summary>
    public abstract string Name { get; }

    /// <summary>The kind that writes <paramref name="model"/>, or null when no built-in kind does (a foreign model).</summary>
    public static ClusteringModelKind? Of(IClusteringModel model) => All.FirstOrDefault(kind => kind.Writes(model));

    /// <summary>The kind named <paramref name="name"/> (exact, case-sensitive), read from <paramref name="path"/>.</summary>
    /// <exception cref="InvalidDataException">No kind has that name; the message names the path and lists the kinds.</exception>
    public static ClusteringModelKind Named(string? name, string path)
        => All.FirstOrDefault(kind => kind.Name == name)
            ?? throw StrictJson.Error(path, $"the clustering kind '{name ?? "(missing)"}' is not one this library reads; the kinds are {string.Join(", ", All.Select(k => k.Name))}.");

    /// <summary>Whether this kind writes <paramref name="model"/>.</summary>
    public abstract bool Writes(IClusteringModel model);

    /// <summary>The model's parameters as JSON (the caller adds the kind's name).</summary>
    public abstract JsonObject Write(IClusteringModel model);

    /// <summary>Rebuilds a model from what <see cref="Write"/> wrote, validating every value.</summary>
    /// <param name="clustering">The file's clustering object: "kind" and the parameters; any other property is an error.</param>
    /// <param name="path">The JSON path of <paramref name="clustering"/>, for messages.</param>
    /// <param name="featureNames">The model's features.</param>
    /// <exception cref="InvalidDataException">A parameter is missing, unknown, not finite or inconsistent with the features; the message names its JSON path.</exception>
    public abstract IClusteringModel Read(JsonObject clustering, string path, ImmutableArray<string> featureNames);
}
