using System.Collections.Immutable;

using MathNet.Numerics.LinearAlgebra;
using MathNet.Numerics.Optimization;

namespace CustomerSegmentation.Loyalty;

/// <summary>What <see cref="MaximumLikelihood.Fit"/> found.</summary>
internal sealed record MaximumLikelihoodEstimate(
    double[] Theta,
    ImmutableArray<ParameterEstimate> Estimates,
    double LogLikelihood,
    bool Converged,
    string Method,
    int Iterations,
    ImmutableArray<string> Warnings);

/// <summary>
/// Maximises a log-likelihood over positive parameters in log space: BFGS on the mean negative log-likelihood with its
/// analytic gradient, Nelder-Mead when BFGS fails; standard errors from a central-difference Hessian of the gradient.
/// </summary>
internal static class MaximumLikelihood
{
    /// <summary>|ln theta| beyond which a parameter is reported as running off to 0 or infinity.</summary>
    private const double EdgeOfLogSpace = 18d;

    public static MaximumLikelihoodEstimate Fit(
        ILogLikelihood likelihood,
        string model,
        string[] names,
        double[] start,
        LikelihoodFitOptions options,
        IProgress<LikelihoodFitProgress>? progress,
        CancellationToken cancellationToken)
    {
        cancellationToken.ThrowIfCancellationRequested();
        int k = likelihood.ParameterCount;
        double weight = likelihood.TotalWeight;
        int evaluations = 0;
        var theta = new double[k];
        var gradient = new double[k];

        (double Value, Vector<double> Gradient) Objective(Vector<double> logTheta)
        {
            cancellationToken.ThrowIfCancellationRequested();
            for (int i = 0; i < k; i++)
            {
                theta[i] = Math.Exp(logTheta[i]);
            }

            double ll = likelihood.Evaluate(theta, gradient);
            evaluations++;
            progress?.Report(new LikelihoodFitProgress(model, evaluations, ll));
            var g = Vector<double>.Build.Dense(k);
            for (int i = 0; i < k; i++)
            {
                g[i] = -theta[i] * gradient[i] / weight;
            }

            // A non-finite value (an overflow far from the optimum) is a wall for the line search, never a NaN result.
            return double.IsFinite(ll) ? (-ll / weight, g) : (double.MaxValue, g.Map(static v => double.IsFinite(v) ? v : 0d));
        }

        var warnings = new List<string>();
        Vector<double> initial = Vector<double>.Build.DenseOfEnumerable(start.Select(static s => Math.Log(s)));
        Vector<double>? best = null;
        string method = "BFGS";
        int iterations = 0;
        bool converged = false;
        try
        {
            var bfgs = new BfgsMinimizer(1e-9, 1e-12, 1e-15, options.MaxIterations);
            MinimizationResult result = bfgs.FindMinimum(ObjectiveFunction.Gradient(v => Objective(v)), initial);
            best = result.MinimizingPoint;
            iterations = result.Iterations;
            converged = true;
        }
        catch (Exception e) when (e is MaximumIterationsException or InnerOptimizationException or EvaluationException or ArgumentException)
        {
            warnings.Add($"BFGS did not converge ({e.Message.Split('\n')[0]}); the fit fell back to Nelder-Mead.");
            method = "Nelder-Mead";
            try
            {
                var simplex = new NelderMeadSimplex(1e-15, options.MaxIterations * 10);
                MinimizationResult result = simplex.FindMinimum(ObjectiveFunction.Value(v => Objective(v).Value), initial);
                best = result.MinimizingPoint;
                iterations = result.Iterations;
                converged = true;
            }
            catch (MaximumIterationsException)
            {
                warnings.Add($"Nelder-Mead did not converge in {options.MaxIterations * 10} iterations either; the estimates are the best point found and may be far from the maximum.");
            }
        }

        cancellationToken.ThrowIfCancellationRequested();
        best ??= initial;
        double logLikelihood = -Objective(best).Value * weight;
        if (!double.IsFinite(logLikelihood) || logLikelihood <= -double.MaxValue / 2)
        {
            throw new InvalidOperationException($"The {model} log-likelihood is not finite at any point the optimiser reached; the data cannot be fitted by this model.");
        }

        double[] fitted = [.. best.Select(static v => Math.Exp(v))];
        for (int i = 0; i < k; i++)
        {
            if (Math.Abs(best[i]) > EdgeOfLogSpace)
            {
                converged = false;
                warnings.Add($"The {model} parameter {names[i]} = {fitted[i]:G6} runs off to {(best[i] > 0 ? "infinity" : "zero")}: the data do not identify it (the maximum lies on the edge of the parameter space).");
            }
        }

        double?[] errors = StandardErrors(likelihood, best, fitted);
        if (errors.Any(e => e is null))
        {
            warnings.Add($"The {model} Hessian is not positive definite at the estimate, so some standard errors are not available.");
        }

        ImmutableArray<ParameterEstimate> estimates = [.. names.Select((n, i) => new ParameterEstimate(n, fitted[i], errors[i]))];
        return new MaximumLikelihoodEstimate(fitted, estimates, logLikelihood, converged, method, iterations, [.. warnings]);
    }

    /// <summary>Standard errors: the central-difference Hessian of -LL in ln theta, inverted, mapped by the delta method (SE(theta) = theta SE(ln theta)).</summary>
    private static double?[] StandardErrors(ILogLikelihood likelihood, Vector<double> logTheta, double[] theta)
    {
        int k = theta.Length;
        const double h = 1e-5;
        var hessian = Matrix<double>.Build.Dense(k, k);
        var point = new double[k];
        var plus = new double[k];
        var minus = new double[k];
        for (int j = 0; j < k; j++)
        {
            for (int sign = 0; sign < 2; sign++)
            {
                for (int i = 0; i < k; i++)
                {
                    point[i] = Math.Exp(logTheta[i] + (i == j ? (sign == 0 ? h : -h) : 0d));
                }

                double[] target = sign == 0 ? plus : minus;
                likelihood.Evaluate(point, target);
                for (int i = 0; i < k; i++)
                {
                    target[i] *= -point[i];
                }
            }

            for (int i = 0; i < k; i++)
            {
                hessian[i, j] = (plus[i] - minus[i]) / (2 * h);
            }
        }

        hessian = (hessian + hessian.Transpose()) / 2;
        var errors = new double?[k];
        try
        {
            Matrix<double> covariance = hessian.Cholesky().Solve(Matrix<double>.Build.DenseIdentity(k));
            for (int i = 0; i < k; i++)
            {
                double variance = covariance[i, i];
                errors[i] = double.IsFinite(variance) && variance > 0d ? theta[i] * Math.Sqrt(variance) : null;
            }
        }
        catch (ArgumentException)
        {
            // Not positive definite: no standard errors.
        }

        return errors;
    }
}
