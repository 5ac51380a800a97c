namespace CustomerSegmentation.Clustering;

/// <summary>Where a Gaussian-mixture fit is: reported after every EM iteration.</summary>
/// <param name="Initialisation">The initialisation running, 1 to <see cref="GaussianMixtureOptions.NInit"/>.</param>
/// <param name="Iteration">The EM iterations it has done, from 1.</param>
/// <param name="LowerBound">The mean log-likelihood lower bound of the last E-step (nats per row).</param>
public sealed record GaussianMixtureProgress(int Initialisation, int Iteration, double LowerBound);
