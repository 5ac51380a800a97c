namespace CustomerSegmentation.Clustering;

/// <summary>
/// A fitted clustering model with a likelihood: what information criteria (BIC, AIC) and the K rules built on them
/// read, for any clusterer whose model is probabilistic (the library's <see cref="GaussianMixtureModel"/>, or yours).
/// </summary>
public interface ILikelihoodModel : IClusteringModel
{
    /// <summary>The log-likelihood (natural log) of the fitted rows under the model, summed over the rows.</summary>
    double LogLikelihood { get; }

    /// <summary>The number of rows the model was fitted on (the N of BIC's p ln N).</summary>
    int SampleCount { get; }

    /// <summary>The number of free parameters p of the model.</summary>
    int FreeParameters { get; }
}

/// <summary>The information criteria of a likelihood model, lower is better.</summary>
internal static class InformationCriteria
{
    /// <summary>The Bayesian information criterion: -2 ln L + p ln N.</summary>
    public static double Bic(ILikelihoodModel model) => (-2 * model.LogLikelihood) + (model.FreeParameters * Math.Log(model.SampleCount));

    /// <summary>Akaike's information criterion: -2 ln L + 2 p.</summary>
    public static double Aic(ILikelihoodModel model) => (-2 * model.LogLikelihood) + (2.0 * model.FreeParameters);
}
