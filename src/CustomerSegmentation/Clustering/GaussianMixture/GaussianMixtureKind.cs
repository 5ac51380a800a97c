using System.Collections.Immutable;
using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;
using CustomerSegmentation.Clustering.Kernels;
using CustomerSegmentation.Data;

namespace CustomerSegmentation.Clustering;

/// <summary>
/// A Gaussian mixture in a model file: the covariance shape, the weights, means and covariances in double (the
/// loaded model rebuilds the same precision factors from them and predicts bit for bit as the fitted one), and the
/// fit's log-likelihood and row count, so BIC and AIC survive the round trip.
/// </summary>
internal sealed class GaussianMixtureKind : ClusteringModelKind
{
    public override string Name => GaussianMixtureModel.Kind;

    public override bool Writes(IClusteringModel model) => model is GaussianMixtureModel;

    public override JsonObject Write(IClusteringModel model)
    {
        var mixture = (GaussianMixtureModel)model;
        MixtureEstimate estimate = mixture.Estimate;
        int features = mixture.FeatureNames.Length;
        int covarianceLength = estimate.Covariances.Length / estimate.K;
        return new JsonObject
        {
            ["covariance"] = estimate.Covariance.ToString(),
            ["weights"] = JsonSerializer.SerializeToNode(estimate.Weights),
            ["means"] = JsonSerializer.SerializeToNode(estimate.Means.Chunk(features).ToArray()),
            ["covariances"] = JsonSerializer.SerializeToNode(estimate.Covariances.Chunk(covarianceLength).ToArray()),
            ["logLikelihood"] = mixture.LogLikelihood,
            ["sampleCount"] = mixture.SampleCount,
        };
    }

    public override IClusteringModel Read(JsonObject clustering, string path, ImmutableArray<string> featureNames)
    {
        StrictJson.OnlyProperties(clustering, path, "kind", "covariance", "weights", "means", "covariances", "logLikelihood", "sampleCount");
        int features = featureNames.Length;
        string covariancePath = StrictJson.Child(path, "covariance");
        string shape = StrictJson.Text(StrictJson.Required(clustering, path, "covariance"), covariancePath);
        if (!Enum.TryParse(shape, ignoreCase: false, out GaussianCovariance covariance) || !Enum.IsDefined(covariance) || shape != covariance.ToString())
        {
            throw StrictJson.Error(covariancePath, $"'{shape}' is not a covariance shape; the shapes are {string.Join(", ", Enum.GetNames<GaussianCovariance>())}.");
        }

        string weightsPath = StrictJson.Child(path, "weights");
        double[] weights = StrictJson.Numbers(StrictJson.Required(clustering, path, "weights"), weightsPath);
        if (weights.Length == 0 || weights.Any(w => !(w > 0)) || Math.Abs(weights.Sum() - 1) > 1e-9)
        {
            throw StrictJson.Error(weightsPath, "the weights must be positive and sum to 1, one per component.");
        }

        int clusters = weights.Length;
        double[] means = Rows(clustering, path, "means", clusters, features);
        int covarianceLength = covariance == GaussianCovariance.Diagonal ? features : features * features;
        double[] covariances = Rows(clustering, path, "covariances", clusters, covarianceLength);
        double logLikelihood = StrictJson.Number(StrictJson.Required(clustering, path, "logLikelihood"), StrictJson.Child(path, "logLikelihood"));
        string countPath = StrictJson.Child(path, "sampleCount");
        int sampleCount = StrictJson.Integer(StrictJson.Required(clustering, path, "sampleCount"), countPath);
        if (sampleCount < clusters)
        {
            throw StrictJson.Error(countPath, string.Create(CultureInfo.InvariantCulture, $"{sampleCount} rows cannot have fitted {clusters} components."));
        }

        MixtureEstimate estimate;
        try
        {
            estimate = new MixtureEstimate(weights, means, covariances, covariance, features);
        }
        catch (ArgumentException error)
        {
            throw StrictJson.Error(StrictJson.Child(path, "covariances"), error.Message, error);
        }

        return new GaussianMixtureModel(featureNames, estimate, logLikelihood, sampleCount, [], -1, VectorWidths.Best);
    }

    /// <summary>One array of <paramref name="length"/> numbers per component, flattened.</summary>
    private static double[] Rows(JsonObject clustering, string path, string name, int clusters, int length)
    {
        string rowsPath = StrictJson.Child(path, name);
        JsonArray rows = StrictJson.Array(StrictJson.Required(clustering, path, name), rowsPath);
        if (rows.Count != clusters)
        {
            throw StrictJson.Error(rowsPath, string.Create(CultureInfo.InvariantCulture, $"it has {rows.Count} rows but there are {clusters} weights; give one per component."));
        }

        var values = new double[clusters * length];
        for (int k = 0; k < clusters; k++)
        {
            string rowPath = StrictJson.Item(rowsPath, k);
            JsonArray row = StrictJson.Array(rows[k], rowPath);
            if (row.Count != length)
            {
                throw StrictJson.Error(rowPath, string.Create(CultureInfo.InvariantCulture, $"it has {row.Count} values but needs {length}."));
            }

            StrictJson.Numbers(row, rowPath).CopyTo(values, k * length);
        }

        return values;
    }
}
