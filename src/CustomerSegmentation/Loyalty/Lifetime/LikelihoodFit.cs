using System.Collections.Immutable;

namespace CustomerSegmentation.Loyalty;

/// <summary>What every model fitted by maximum likelihood reports: its estimates, the likelihood reached and how the optimiser fared.</summary>
public abstract class LikelihoodFit
{
    private protected LikelihoodFit(MaximumLikelihoodEstimate estimate, ImmutableArray<string> warnings)
    {
        Estimates = estimate.Estimates;
        LogLikelihood = estimate.LogLikelihood;
        Converged = estimate.Converged;
        Method = estimate.Method;
        Iterations = estimate.Iterations;
        Warnings = warnings;
    }

    /// <summary>The parameters with their standard errors, in the model's order (BG/NBD: r, alpha, a, b; Gamma-Gamma: p, q, v).</summary>
    public ImmutableArray<ParameterEstimate> Estimates { get; }

    /// <summary>The maximised log-likelihood (a sum over the customers fitted).</summary>
    public double LogLikelihood { get; }

    /// <summary>True when the optimiser met its tolerances and no parameter ran off to 0 or infinity.</summary>
    public bool Converged { get; }

    /// <summary>The optimiser that produced the estimate: "BFGS", or "Nelder-Mead" when BFGS failed.</summary>
    public string Method { get; }

    /// <summary>The optimiser's iterations.</summary>
    public int Iterations { get; }

    /// <summary>What the caller should know about the fit (fallbacks, non-convergence, unidentified parameters, and the model's own checks); empty when all went well.</summary>
    public ImmutableArray<string> Warnings { get; }
}
