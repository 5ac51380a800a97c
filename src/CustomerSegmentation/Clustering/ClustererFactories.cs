using System.Globalization;
using CustomerSegmentation.Data;

namespace CustomerSegmentation.Clustering;

/// <summary>How the library calls a <see cref="ClustererFactory"/>: one request, one fit, the result checked against the request.</summary>
internal static class ClustererFactories
{
    /// <summary>Makes the clusterer for <paramref name="request"/>, fits it to <paramref name="data"/> and checks the answer.</summary>
    /// <exception cref="ArgumentOutOfRangeException">K exceeds the number of rows.</exception>
    /// <exception cref="InvalidOperationException">The factory returned null, or the fit returned null, another K or another number of labels.</exception>
    public static ClusteringResult FitChecked(this ClustererFactory factory, ClusteringRequest request, FeatureMatrix data, CancellationToken cancellationToken)
    {
        ClusteringChecks.ClustersFitRows(data, request.K);
        IClusterer clusterer = factory(request)
            ?? throw new InvalidOperationException(string.Create(CultureInfo.InvariantCulture, $"The clusterer factory returned null for K = {request.K}."));
        ClusteringResult? fit = clusterer.Fit(data, cancellationToken);
        if (fit is null || fit.K != request.K || fit.Labels.Length != data.RowCount)
        {
            throw new InvalidOperationException(string.Create(
                CultureInfo.InvariantCulture,
                $"The clusterer {clusterer.GetType().Name} was asked for K = {request.K} on {data.RowCount} rows but returned {(fit is null ? "null" : $"K = {fit.K} with {fit.Labels.Length} labels")}."));
        }

        return fit;
    }
}
