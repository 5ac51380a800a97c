using MathNet.Numerics.Random;

namespace CustomerSegmentation.Clustering.Streaming;

/// <summary>
/// Mini-batch K-means (Sculley 2010, scikit-learn's update and reassignment rules) over a stream: the same first
/// passes as <see cref="StreamingKMeans"/> (means, variances and a seeded sample, k-means++ on the sample), then
/// epochs in which every chunk in turn feeds ceil(rows / batch size) mini-batch steps drawn from it, and a last pass
/// for the cluster sizes and inertia. Usually a few epochs instead of tens of Lloyd passes; the result is close to,
/// not equal to, a full Lloyd fit. Bit-identical for a seed and chunking whatever the degree of parallelism (the steps
/// run on one thread in a fixed order).
/// </summary>
public sealed class StreamingMiniBatchKMeans
{
    /// <summary>Creates a streamed mini-batch fit with the given options.</summary>
    /// <param name="options">The settings.</param>
    /// <exception cref="ArgumentNullException"><paramref name="options"/> is null.</exception>
    public StreamingMiniBatchKMeans(StreamingMiniBatchKMeansOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        Options = options;
    }

    /// <summary>The options this fit runs with.</summary>
    public StreamingMiniBatchKMeansOptions Options { get; }

    /// <summary>Fits mini-batch K-means to every row of <paramref name="source"/>.</summary>
    /// <param name="source">The rows, re-read on every pass.</param>
    /// <param name="progress">Told after every chunk of every pass; null for none.</param>
    /// <param name="cancellationToken">Checked between chunks.</param>
    /// <returns>The model, sizes, inertia and diagnostics (<see cref="StreamingKMeansResult.Iterations"/> counts the mini-batch steps).</returns>
    /// <exception cref="ArgumentNullException"><paramref name="source"/> is null.</exception>
    /// <exception cref="ArgumentOutOfRangeException">K exceeds the number of rows.</exception>
    /// <exception cref="ArgumentException">A chunk's features differ from the source's, or the data is too large to cluster unscaled.</exception>
    /// <exception cref="InvalidOperationException">The source gave different rows on two passes.</exception>
    /// <exception cref="OperationCanceledException"><paramref name="cancellationToken"/> was cancelled.</exception>
    public StreamingKMeansResult Fit(CustomerSegmentation.Data.IFeatureChunkSource source, IProgress<StreamingProgress>? progress = null, CancellationToken cancellationToken = default)
    {
        var pass = new StreamPass(source, progress, cancellationToken);
        StreamStart start = StreamingKMeans.Start(pass, Options.K, Options.SampleSize, Options.Seed, Options.MaxDegreeOfParallelism, KMeansInitialization.KMeansPlusPlus());
        MiniBatchSteps? steps = null;
        double[] centres = start.InitialCentres;
        var batches = new Xoshiro256StarStar(unchecked(Options.Seed * 31 + 7));
        double toleranceAbsolute = Options.Tolerance * start.MeanVariance;
        int taken = 0;
        bool converged = false;
        for (int epoch = 0; epoch < Options.MaxEpochs && !converged; epoch++)
        {
            double[] before = (double[])centres.Clone();
            foreach (KMeansInput chunk in pass.Chunks(StreamingStage.Iteration, start))
            {
                steps ??= new MiniBatchSteps(chunk, start.InitialCentres, Options.K, Options.BatchSize, Options.ReassignmentRatio);
                steps.DrawFrom(chunk);
                int count = (chunk.RowCount + Options.BatchSize - 1) / Options.BatchSize;
                for (int s = 0; s < count; s++)
                {
                    steps.Take(batches);
                }

                taken += count;
            }

            centres = steps!.Centres;
            double shift = 0;
            for (int i = 0; i < before.Length; i++)
            {
                double delta = centres[i] - before[i];
                shift += delta * delta;
            }

            converged = Options.Tolerance > 0 && shift <= toleranceAbsolute;
        }

        return StreamingKMeans.Finish(pass, start, centres, Options.K, taken, converged);
    }
}
