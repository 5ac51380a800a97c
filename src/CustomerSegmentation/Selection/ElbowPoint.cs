namespace CustomerSegmentation.Selection;

/// <summary>The scores of one K of an elbow sweep.</summary>
/// <param name="K">The number of clusters.</param>
/// <param name="Inertia">The inertia (sum of squared distances to the centres; yellowbrick's "distortion").</param>
/// <param name="FitTime">How long the fit took (wall time; fits may overlap when run in parallel).</param>
/// <param name="Silhouette">The mean silhouette, or null for K = 1 or when fewer than two clusters are non-empty.</param>
/// <param name="CalinskiHarabasz">The Calinski-Harabasz score, or null where the silhouette is null.</param>
/// <param name="DaviesBouldin">The Davies-Bouldin score (lower is better), or null where the silhouette is null.</param>
/// <param name="Iterations">The Lloyd iterations of the winning restart.</param>
/// <param name="Converged">Whether that restart converged before its iteration limit.</param>
/// <param name="Gap">
/// The gap statistic Gap(K) = mean log W*_K - log W_K over the reference data sets; null unless the sweep computed it
/// (<see cref="ElbowOptions.GapReferences"/> or <see cref="KSelectionRule.Gap"/>) or where the inertia is zero.
/// </param>
/// <param name="GapStandardError">The gap's s_K = sd(log W*_K) · sqrt(1 + 1/B); null where <paramref name="Gap"/> is.</param>
/// <param name="Bic">
/// The Bayesian information criterion -2 ln L + p ln N of the fit (lower is better); null when the clusterer's model
/// has no likelihood (it is not an <see cref="CustomerSegmentation.Clustering.ILikelihoodModel"/>, e.g. K-means).
/// </param>
/// <param name="Aic">Akaike's information criterion -2 ln L + 2 p of the fit (lower is better); null where <paramref name="Bic"/> is.</param>
public sealed record ElbowPoint(
    int K,
    double Inertia,
    TimeSpan FitTime,
    double? Silhouette,
    double? CalinskiHarabasz,
    double? DaviesBouldin,
    int Iterations,
    bool Converged,
    double? Gap = null,
    double? GapStandardError = null,
    double? Bic = null,
    double? Aic = null);
