namespace CustomerSegmentation.Loyalty;

/// <summary>A log-likelihood over weighted rows with its gradient in the model's natural (positive) parameters.</summary>
internal interface ILogLikelihood
{
    /// <summary>The number of parameters.</summary>
    int ParameterCount { get; }

    /// <summary>The number of customers the likelihood sums over (the sum of the row weights).</summary>
    double TotalWeight { get; }

    /// <summary>The log-likelihood at <paramref name="theta"/>, writing its gradient with respect to theta into <paramref name="gradient"/>.</summary>
    double Evaluate(ReadOnlySpan<double> theta, Span<double> gradient);
}
