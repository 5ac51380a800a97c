namespace CustomerSegmentation.Loyalty;

/// <summary>How the lifetime models are fitted by maximum likelihood. Values are validated when set.</summary>
public sealed record LikelihoodFitOptions
{
    /// <summary>The most iterations of the optimiser (BFGS, and Nelder-Mead when BFGS fails).</summary>
    /// <value>The default value is 1000.</value>
    /// <exception cref="ArgumentOutOfRangeException">Set to less than 1.</exception>
    public int MaxIterations { get; init => field = value >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxIterations), value, "MaxIterations must be at least 1."); } = 1000;

    /// <summary>The most threads summing the likelihood, or -1 for as many as the machine has. Results are bit-identical for every value.</summary>
    /// <value>The default value is -1.</value>
    /// <exception cref="ArgumentOutOfRangeException">Set to 0 or to less than -1.</exception>
    public int MaxDegreeOfParallelism { get; init => field = value is -1 or >= 1 ? value : throw new ArgumentOutOfRangeException(nameof(MaxDegreeOfParallelism), value, "MaxDegreeOfParallelism must be -1 (all cores) or at least 1."); } = -1;
}

/// <summary>One fitted parameter.</summary>
/// <param name="Name">The parameter's name ("r", "alpha", "a", "b", "p", "q", "v").</param>
/// <param name="Value">The maximum-likelihood estimate.</param>
/// <param name="StandardError">The standard error from the inverse Hessian of the log-likelihood (delta method from the log-parameters), or null when the Hessian is not positive definite there.</param>
public readonly record struct ParameterEstimate(string Name, double Value, double? StandardError);

/// <summary>How far a maximum-likelihood fit has come.</summary>
/// <param name="Model">The model being fitted ("BG/NBD", "Gamma-Gamma").</param>
/// <param name="Evaluations">The number of likelihood evaluations so far.</param>
/// <param name="LogLikelihood">The log-likelihood at the latest evaluation.</param>
public readonly record struct LikelihoodFitProgress(string Model, int Evaluations, double LogLikelihood);
