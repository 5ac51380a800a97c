using CustomerSegmentation.Data;
using CustomerSegmentation.Pipeline;

namespace CustomerSegmentation.Tests.Pipeline;

/// <summary>The compact assignments: records made on reading, equal to what the fit says, checked indexes.</summary>
public sealed class SegmentAssignmentsTests
{
    private static readonly FeatureMatrix Blobs = Selection.QualityFixtures.Blobs().Data;

    [Fact]
    public void Each_record_holds_the_customers_id_its_fits_segment_label_and_distance()
    {
        SegmentationResult result = SegmentationPipeline.FromMatrix(Blobs).WithoutScaling().WithK(4).WithSeed(3).Run();
        SegmentAssignments assignments = result.Assignments;

        Assert.Equal(Blobs.RowCount, assignments.Count);
        Assert.False(assignments.HasProbabilities);
        int[] segmentOfCluster = Enumerable.Range(0, 4).Select(c => result.Profiles.Single(p => p.Cluster == c).Id).ToArray();
        for (int i = 0; i < assignments.Count; i++)
        {
            SegmentAssignment a = assignments[i];
            int cluster = result.Clustering.Labels[i];
            double squared = 0;
            for (int f = 0; f < Blobs.FeatureCount; f++)
            {
                double diff = Blobs[i, f] - result.Clustering.Centroids[cluster][f];
                squared += diff * diff;
            }

            Assert.Equal(result.Customers.Ids[i], a.CustomerId);
            Assert.Equal(segmentOfCluster[cluster], a.Segment);
            Assert.Equal(a.Segment, assignments.SegmentOf(i));
            Assert.Equal(result.Segment(a.Segment).Label, a.Label);
            Assert.Equal(Math.Sqrt(squared), a.DistanceToCentre, 4);
            Assert.Null(a.Probabilities);
        }
    }

    [Theory]
    [InlineData(true)]
    [InlineData(false)]
    public void Ids_read_from_the_assignments_before_the_tables_ids_are_the_tables_ids(bool idColumn)
    {
        // The assignments read each id from the read's characters (or row numbers) until the table's ids are made.
        string csv = "Id,Age,Income\n" + string.Concat(Enumerable.Range(1, 40).Select(i => $"C{i:000}é,{20 + (i % 9)},{i % 5}\n"));
        SegmentationPipeline pipeline = SegmentationPipeline.FromCsv(new MemoryStream(System.Text.Encoding.UTF8.GetBytes(csv))).WithFeatures("Age", "Income").WithK(3).WithSeed(1);
        SegmentationResult result = (idColumn ? pipeline.WithId("Id") : pipeline).Run();

        string[] before = [.. result.Assignments.Select(a => a.CustomerId)];

        Assert.Equal(idColumn ? "C001é" : "1", before[0]);
        Assert.Equal(result.Customers.Ids, before);
        Assert.Equal(before, result.Assignments.Select(a => a.CustomerId));
    }

    [Fact]
    public void Reading_an_index_twice_gives_equal_records_and_enumerating_gives_them_in_order()
    {
        SegmentationResult result = SegmentationPipeline.FromMatrix(Blobs).WithK(3).Run();

        Assert.Equal(result.Assignments[17], result.Assignments[17]);
        Assert.NotSame(result.Assignments[17], result.Assignments[17]);
        Assert.Equal(Enumerable.Range(0, result.Assignments.Count).Select(i => result.Assignments[i]), result.Assignments);
    }

    [Fact]
    public void A_mixture_gives_every_record_probabilities_in_segment_order()
    {
        SegmentationResult result = SegmentationPipeline.FromMatrix(Blobs).WithoutScaling().UseGaussianMixture().WithK(3).Run();

        Assert.True(result.Assignments.HasProbabilities);
        Assert.All(result.Assignments, a =>
        {
            Assert.Equal(3, a.Probabilities!.Count);
            Assert.Equal(a.Segment, a.Probabilities.Select((p, s) => (p, s)).MaxBy(x => x.p).s + 1);
        });
    }

    [Theory]
    [InlineData(-1)]
    [InlineData(2000)]
    public void An_index_outside_the_customers_is_rejected_with_the_range(int index)
    {
        SegmentationResult result = SegmentationPipeline.FromMatrix(Blobs).WithK(2).Run();

        var byIndexer = Assert.Throws<ArgumentOutOfRangeException>(() => result.Assignments[index]);
        var bySegment = Assert.Throws<ArgumentOutOfRangeException>(() => result.Assignments.SegmentOf(index));

        Assert.Equal("index", byIndexer.ParamName);
        Assert.Contains("There are 2000 assignments; the index must be 0..1999", byIndexer.Message, StringComparison.Ordinal);
        Assert.Contains("There are 2000 assignments", bySegment.Message, StringComparison.Ordinal);
    }
}
