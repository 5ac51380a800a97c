using System.Collections.Immutable;
using CustomerSegmentation.Clustering;
using CustomerSegmentation.Data;
using CustomerSegmentation.Pipeline;

namespace CustomerSegmentation.Tests.Data;

/// <summary>A write that fails leaves the old file byte for byte and no temporary file behind.</summary>
public sealed class AtomicFileTests : IDisposable
{
    private static readonly byte[] OldContent = "the old, good file"u8.ToArray();

    private readonly string _folder = Directory.CreateTempSubdirectory("atomic-file-").FullName;

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void A_write_that_fails_half_way_leaves_the_old_file_intact_and_no_temporary_file()
    {
        string path = OldFile();

        var error = Assert.Throws<IOException>(() => AtomicFile.Write(path, stream =>
        {
            stream.Write("{ half a new fi"u8);
            throw new IOException("The disk is full.");
        }));

        Assert.Equal("The disk is full.", error.Message);
        Assert.Equal(OldContent, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(_folder));
    }

    [Fact]
    public void A_complete_write_replaces_the_file_and_leaves_no_temporary_file()
    {
        string path = OldFile();

        AtomicFile.Write(path, stream => stream.Write("new"u8));

        Assert.Equal("new"u8.ToArray(), File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(_folder));
    }

    [Fact]
    public void A_blank_path_is_rejected_naming_it()
    {
        var error = Assert.Throws<ArgumentException>(() => AtomicFile.Write(" ", _ => { }));
        Assert.Equal("path", error.ParamName);
    }

    [Fact]
    public void Saving_a_model_that_refuses_over_a_good_model_file_leaves_it_byte_identical()
    {
        FeatureMatrix data = Selection.QualityFixtures.Blobs().Data;
        string path = OldFile();
        SegmentationModel foreign = SegmentationPipeline.FromMatrix(data)
            .UseClusterer(r => new ForeignClusterer(new KMeansClusterer(new KMeansOptions { K = r.K, Seed = r.Seed })))
            .WithK(2).Run().Model;

        Assert.Throws<NotSupportedException>(() => foreign.Save(path));

        Assert.Equal(OldContent, File.ReadAllBytes(path));
        Assert.Equal([path], Directory.GetFiles(_folder));
    }

    [Fact]
    public void Saving_a_model_replaces_the_old_file_with_one_that_loads()
    {
        FeatureMatrix data = Selection.QualityFixtures.Blobs().Data;
        string path = OldFile();
        SegmentationResult result = SegmentationPipeline.FromMatrix(data).WithK(3).Run();

        result.Model.Save(path);

        Assert.Equal(result.Assignments.Select(a => a.Segment), SegmentationModel.Load(path).PredictSegments(data));
        Assert.Equal([path], Directory.GetFiles(_folder));
    }

    private string OldFile()
    {
        string path = Path.Combine(_folder, "model.json");
        File.WriteAllBytes(path, OldContent);
        return path;
    }

    /// <summary>K-means behind a model type the model file does not know.</summary>
    private sealed class ForeignClusterer(IClusterer inner) : IClusterer
    {
        public ClusteringResult Fit(FeatureMatrix data, CancellationToken cancellationToken = default)
        {
            ClusteringResult fitted = inner.Fit(data, cancellationToken);
            return new ClusteringResult(data, new ForeignModel(fitted.Model), [.. fitted.Labels]);
        }
    }

    private sealed class ForeignModel(IClusteringModel inner) : IClusteringModel
    {
        public int K => inner.K;

        public ImmutableArray<string> FeatureNames => inner.FeatureNames;

        public ImmutableArray<ImmutableArray<double>> Centroids => inner.Centroids;

        public int[] Predict(FeatureMatrix data) => inner.Predict(data);
    }
}
