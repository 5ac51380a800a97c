using System.Collections.Immutable;
using CustomerSegmentation.Clustering.Kernels;
using CustomerSegmentation.Data;

namespace CustomerSegmentation.Clustering;

/// <summary>
/// A fitted K-prototypes model: per cluster a numeric prototype (<see cref="Centroids"/>, the members' mean) and a
/// categorical mode (<see cref="Modes"/>). It predicts new rows exactly as the fit assigned its own: the same float32
/// offset and prototypes and the same kernel.
/// </summary>
public sealed class KPrototypesModel : IClusteringModel
{
    /// <summary>The model kind written into model files.</summary>
    internal const string Kind = "KPrototypes";

    private readonly float[] _kernelCentres;
    private readonly float[] _kernelModes;

    internal KPrototypesModel(
        ImmutableArray<string> featureNames,
        ImmutableArray<string> categoricalNames,
        ImmutableArray<ImmutableArray<string>> levels,
        float[] offset,
        double[] centredCentres,
        int[] modeCodes,
        double gamma,
        ImmutableArray<double> costHistory,
        int maxDegreeOfParallelism)
    {
        FeatureNames = featureNames;
        CategoricalNames = categoricalNames;
        Levels = levels;
        Offset = offset;
        CentredCentres = centredCentres;
        ModeCodes = modeCodes;
        Gamma = gamma;
        CostHistory = costHistory;
        MaxDegreeOfParallelism = maxDegreeOfParallelism;
        K = centredCentres.Length / featureNames.Length;
        _kernelCentres = LloydRun.ToFloat(centredCentres);
        _kernelModes = PrototypeRun.ToFloat(modeCodes);
        double[] centres = LloydRun.DataUnits(offset, centredCentres);
        int d = featureNames.Length;
        int m = categoricalNames.Length;
        Centroids = [.. Enumerable.Range(0, K).Select(k => ImmutableArray.Create(centres, k * d, d))];
        Modes = [.. Enumerable.Range(0, K).Select(k => ImmutableArray.CreateRange(Enumerable.Range(0, m).Select(f => levels[f][modeCodes[(k * m) + f]])))];
    }

    /// <inheritdoc />
    public int K { get; }

    /// <summary>The numeric features, in order.</summary>
    public ImmutableArray<string> FeatureNames { get; }

    /// <summary>The categorical features, in order.</summary>
    public ImmutableArray<string> CategoricalNames { get; }

    /// <summary>The levels of each categorical feature as fitted (their codes are their indices).</summary>
    public ImmutableArray<ImmutableArray<string>> Levels { get; }

    /// <summary>The numeric prototypes: per cluster, the mean of its members' numeric features, in the fitted data's units.</summary>
    public ImmutableArray<ImmutableArray<double>> Centroids { get; }

    /// <summary>The categorical prototypes: per cluster, the mode (most frequent level) of each categorical feature.</summary>
    public ImmutableArray<ImmutableArray<string>> Modes { get; }

    /// <summary>The weight of one categorical mismatch, in units of squared numeric distance.</summary>
    public double Gamma { get; }

    /// <summary>
    /// The winning restart's cost after each assignment step (the sum over rows of the squared numeric distance to the
    /// prototype plus gamma per mismatch, from the float32 kernel summed in double); it never rises. Empty for a model
    /// read from a file.
    /// </summary>
    public ImmutableArray<double> CostHistory { get; }

    internal float[] Offset { get; }

    internal double[] CentredCentres { get; }

    internal int[] ModeCodes { get; }

    internal int MaxDegreeOfParallelism { get; }

    /// <summary>The cluster of every row: its numeric features must be <see cref="FeatureNames"/> and its <see cref="FeatureMatrix.Categoricals"/> must include <see cref="CategoricalNames"/>; a category not seen in the fit matches no mode.</summary>
    /// <param name="data">The rows, with the model's numeric and categorical features.</param>
    /// <returns>One label (0 to K - 1) per row.</returns>
    /// <exception cref="ArgumentNullException"><paramref name="data"/> is null.</exception>
    /// <exception cref="ArgumentException">The numeric features differ, or a categorical feature is missing (the message names it).</exception>
    public int[] Predict(FeatureMatrix data)
    {
        ArgumentNullException.ThrowIfNull(data);
        ClusteringResult.RequireFeatures(data, FeatureNames, nameof(data));
        var input = new PrototypeInput(new KMeansInput(data, Offset, MaxDegreeOfParallelism, VectorWidths.Best), Encoded(data), Gamma);
        var labels = new int[data.RowCount];
        input.Assign(_kernelCentres, _kernelModes, K, labels);
        return labels;
    }

    /// <summary>The data's categorical columns in the model's order, re-encoded with the model's levels.</summary>
    internal CategoricalColumn[] Encoded(FeatureMatrix data)
    {
        var columns = new CategoricalColumn[CategoricalNames.Length];
        for (int f = 0; f < columns.Length; f++)
        {
            string name = CategoricalNames[f];
            CategoricalColumn? column = data.Categoricals.FirstOrDefault(c => string.Equals(c.Name, name, StringComparison.OrdinalIgnoreCase))
                ?? throw new ArgumentException(
                    $"The data lacks the categorical feature '{name}' the model was fitted on; its categorical features are: {(data.Categoricals.IsEmpty ? "(none)" : string.Join(", ", data.CategoricalNames))}. Add it with FeatureMatrix.WithCategoricals.",
                    nameof(data));
            columns[f] = column.Levels.SequenceEqual(Levels[f], StringComparer.Ordinal)
                ? column
                : CategoricalColumn.WithLevels(name, Levels[f], [.. Enumerable.Range(0, column.RowCount).Select(i => column.ValueAt(i) ?? string.Empty)]);
        }

        return columns;
    }
}
