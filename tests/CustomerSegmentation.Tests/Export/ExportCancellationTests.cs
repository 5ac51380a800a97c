using CustomerSegmentation.Data;
using CustomerSegmentation.DemoData;
using CustomerSegmentation.Export;
using CustomerSegmentation.Loyalty;
using CustomerSegmentation.Pipeline;

namespace CustomerSegmentation.Tests.Export;

/// <summary>The exports that grow with the customers honour a cancellation token: before the first byte, then every few thousand rows.</summary>
public sealed class ExportCancellationTests
{
    private const int Customers = 20_000;

    private static SegmentationResult Segmented()
    {
        double[] x = [.. Enumerable.Range(0, Customers).Select(i => (double)(i % 2 == 0 ? i % 7 : 100 + (i % 5)))];
        double[] y = [.. Enumerable.Range(0, Customers).Select(i => (double)(i % 3))];
        return SegmentationPipeline.FromMatrix(FeatureMatrix.FromColumns([x, y], ["x", "y"])).WithK(2).Run();
    }

    [Fact]
    public void A_cancelled_token_writes_no_assignment_at_all()
    {
        var writer = new StringWriter();

        Assert.Throws<OperationCanceledException>(() => Segmented().WriteAssignmentsCsv(writer, cancellationToken: new CancellationToken(canceled: true)));

        Assert.Equal(string.Empty, writer.ToString());
    }

    [Fact]
    public void Cancelling_while_the_assignments_are_written_stops_them_within_a_block_of_rows()
    {
        SegmentationResult result = Segmented();
        using var cancellation = new CancellationTokenSource();
        var writer = new CancellingWriter(cancellation, afterCharacters: 1_000);

        Assert.Throws<OperationCanceledException>(() => result.WriteAssignmentsCsv(writer, cancellationToken: cancellation.Token));

        int lines = writer.ToString().Count(c => c == '\n');
        Assert.InRange(lines, 1, 4096 + 1);
    }

    [Fact]
    public void A_cancelled_token_writes_no_RFM_customer_at_all()
    {
        RfmResult rfm = new RfmAnalyzer().Analyze(SyntheticTransactions.Generate(300, 7));
        var writer = new StringWriter();

        Assert.Throws<OperationCanceledException>(() => rfm.WriteCustomersCsv(writer, cancellationToken: new CancellationToken(canceled: true)));

        Assert.Equal(string.Empty, writer.ToString());
    }

    /// <summary>Cancels its source once it has been given some text, as a user pressing Ctrl+C mid-export would.</summary>
    private sealed class CancellingWriter(CancellationTokenSource source, int afterCharacters) : StringWriter
    {
        public override void Write(char value)
        {
            base.Write(value);
            CancelWhenDue();
        }

        public override void Write(string? value)
        {
            base.Write(value);
            CancelWhenDue();
        }

        public override void Write(char[] buffer, int index, int count)
        {
            base.Write(buffer, index, count);
            CancelWhenDue();
        }

        private void CancelWhenDue()
        {
            if (GetStringBuilder().Length >= afterCharacters)
            {
                source.Cancel();
            }
        }
    }
}
