using System.Text;
using CustomerSegmentation.Data;
using CustomerSegmentation.Loyalty;
using CustomerSegmentation.Pipeline;
using CustomerSegmentation.Profiling;
using CustomerSegmentation.Scaling;
using CustomerSegmentation.Selection;
using CustomerSegmentation.Tests.Loyalty;
using CustomerSegmentation.Tests.Selection;

namespace CustomerSegmentation.Tests.Pipeline;

/// <summary>
/// Every long stage throws <see cref="OperationCanceledException"/> for a pre-cancelled token before doing its work,
/// a token cancelled from a progress callback stops the pipeline's sweep, and progress-receiver exceptions propagate
/// from Run as themselves for a fixed K and for the parallel sweep.
/// </summary>
public sealed class CancellationTests
{
    private static readonly CancellationToken Cancelled = new(canceled: true);

    private static readonly FeatureMatrix Data = QualityFixtures.Blobs().Data;

    private static readonly int[] Labels = [.. Enumerable.Range(0, Data.RowCount).Select(i => i % 3)];

    [Fact]
    public void Run_with_a_pre_cancelled_token_reads_nothing()
    {
        var stream = new UnreadableStream();
        SegmentationPipeline pipeline = SegmentationPipeline.FromCsv(stream).WithFeatures("x").WithK(2);

        Assert.ThrowsAny<OperationCanceledException>(() => pipeline.Run(Cancelled));
        Assert.Equal(0, stream.Reads);
    }

    [Fact]
    public void Run_with_a_pre_cancelled_token_reports_no_progress()
    {
        var reports = new List<SegmentationProgress>();
        SegmentationPipeline pipeline = SegmentationPipeline.FromMatrix(Data).WithK(2)
            .WithProgress(new SweepInterruptionTests.Callback<SegmentationProgress>(reports.Add));

        Assert.ThrowsAny<OperationCanceledException>(() => pipeline.Run(Cancelled));
        Assert.Empty(reports);
    }

    [Fact]
    public void A_token_cancelled_from_the_progress_callback_stops_the_pipeline_sweep()
    {
        using var cancellation = new CancellationTokenSource();
        var swept = new List<string>();
        SegmentationPipeline pipeline = SegmentationPipeline.FromMatrix(Data).ChooseK(1, 10).WithMaxDegreeOfParallelism(2)
            .WithProgress(new SweepInterruptionTests.Callback<SegmentationProgress>(p =>
            {
                if (p.Stage == "Choosing K" && p.Completed > 0)
                {
                    lock (swept)
                    {
                        swept.Add(p.Message);
                    }

                    cancellation.Cancel();
                }
            }));

        var error = Assert.ThrowsAny<OperationCanceledException>(() => pipeline.Run(cancellation.Token));
        Assert.Equal(cancellation.Token, error.CancellationToken);
        Assert.InRange(swept.Count, 1, 9);
    }

    [Theory]
    [InlineData("fixed")]
    [InlineData("sweep")]
    public void A_progress_receiver_exception_propagates_from_Run_as_itself(string mode)
    {
        SegmentationPipeline pipeline = SegmentationPipeline.FromMatrix(Data).WithMaxDegreeOfParallelism(2);
        pipeline = mode == "fixed" ? pipeline.WithK(3) : pipeline.ChooseK(1, 6);
        pipeline = pipeline.WithProgress(new SweepInterruptionTests.Callback<SegmentationProgress>(p =>
        {
            if (p.Stage is "Clustering" or "Choosing K" && p.Completed > 0)
            {
                throw new TimeoutException($"receiver gave up at {p.Stage}");
            }
        }));

        var error = Assert.Throws<TimeoutException>(() => pipeline.Run());
        Assert.Contains("receiver gave up at", error.Message);
    }

    [Fact]
    public void Scaling_honours_a_pre_cancelled_token()
    {
        Assert.ThrowsAny<OperationCanceledException>(() => FeatureScaler.Fit(Data, FeatureScaling.Standard, Cancelled));
        FeatureScaler scaler = FeatureScaler.Fit(Data, FeatureScaling.Standard);
        Assert.ThrowsAny<OperationCanceledException>(() => scaler.Transform(Data, Cancelled));
    }

    [Fact]
    public void Scores_honour_a_pre_cancelled_token()
    {
        Assert.ThrowsAny<OperationCanceledException>(() => ClusterQuality.Silhouette(Data, Labels, cancellationToken: Cancelled));
        Assert.ThrowsAny<OperationCanceledException>(() => ClusterQuality.Silhouette(Data, Labels, 100, 1, 2, Cancelled));
        Assert.ThrowsAny<OperationCanceledException>(() => ClusterQuality.CalinskiHarabasz(Data, Labels, Cancelled));
        Assert.ThrowsAny<OperationCanceledException>(() => ClusterQuality.DaviesBouldin(Data, Labels, Cancelled));
    }

    [Fact]
    public void Profiling_honours_a_pre_cancelled_token()
    {
        double[][] centres = [[0, 0, 0], [1, 1, 1], [2, 2, 2]];
        Assert.ThrowsAny<OperationCanceledException>(
            () => SegmentProfiler.Profile(CustomerTable.FromFeatures(Data), Labels, centres, [], Cancelled));
    }

    [Fact]
    public void Rfm_honours_a_pre_cancelled_token()
    {
        var analyzer = new RfmAnalyzer();
        TransactionSet set = TransactionCsv.Read(new StringReader(RfmFixture.Csv));
        Assert.ThrowsAny<OperationCanceledException>(() => analyzer.Analyze(set, Cancelled));
        Transaction[] list = [new("A", new DateTime(2024, 1, 1), 10m)];
        Assert.ThrowsAny<OperationCanceledException>(() => analyzer.Analyze(list, Cancelled));
    }

    /// <summary>A readable, seekable stream that counts reads and has no data behind it.</summary>
    private sealed class UnreadableStream() : MemoryStream(Encoding.UTF8.GetBytes("x\n1\n2\n"))
    {
        public int Reads { get; private set; }

        public override int Read(byte[] buffer, int offset, int count)
        {
            Reads++;
            return base.Read(buffer, offset, count);
        }

        public override int Read(Span<byte> buffer)
        {
            Reads++;
            return base.Read(buffer);
        }
    }
}
