using System.Text.Json.Nodes;
using CustomerSegmentation.Data;
using CustomerSegmentation.Pipeline;
using CustomerSegmentation.Scaling;
using FsCheck;
using FsCheck.Xunit;

namespace CustomerSegmentation.Tests.Pipeline;

/// <summary>
/// A mutated model file either loads as a model that predicts exactly like the original on the training rows, or is
/// rejected with <see cref="InvalidDataException"/>; never another exception, never a silently different model.
/// </summary>
public sealed class ModelFileMutationProperties
{
    private const string Marker = "\"__raw__\"";

    private static readonly Lazy<FeatureMatrix> Data = new(() => Selection.QualityFixtures.Blobs().Data);

    private static readonly Lazy<double[][]> Columns = new(() =>
        [.. Enumerable.Range(0, Data.Value.FeatureCount).Select(j => Data.Value.Column(j).ToArray().Select(v => (double)v).ToArray())]);

    private static readonly Lazy<(string Json, int[] Segments)[]> Models = new(() =>
    [
        Fit(SegmentationPipeline.FromMatrix(Data.Value).ChooseK(2, 5)),
        Fit(SegmentationPipeline.FromMatrix(Data.Value).WithScaling(FeatureScaling.LogStandard).WithK(3)),
        Fit(SegmentationPipeline.FromMatrix(Data.Value).WithoutScaling().UseMiniBatchKMeans(new() { BatchSize = 128 }).WithK(4)),
    ]);

    private static readonly string[] Mutations =
        ["delete", "NaN", "Infinity", "1e400", "-1", "huge", "string", "null", "truncate", "duplicate", "shuffle segments", "-1e400"];

    [Property(MaxTest = 400)]
    public void A_mutated_model_file_loads_as_the_same_model_or_throws_InvalidDataException(NonNegativeInt model, NonNegativeInt node, NonNegativeInt mutation, NonNegativeInt extra)
    {
        (string json, int[] segments) = Models.Value[model.Get % Models.Value.Length];
        string mutated = Mutate(json, node.Get, Mutations[mutation.Get % Mutations.Length], extra.Get);

        SegmentationModel loaded;
        try
        {
            loaded = SegmentationModel.FromJson(mutated);
        }
        catch (InvalidDataException)
        {
            return;
        }

        // A feature name is stated once, so a renamed feature cannot be detected: the training columns go in under the loaded names.
        Assert.Equal(segments, loaded.PredictSegments(FeatureMatrix.FromColumns(Columns.Value, loaded.FeatureNames)));
    }

    [Fact]
    public void Every_mutation_kind_changes_the_file()
    {
        string json = Models.Value[0].Json;
        foreach (string mutation in Mutations)
        {
            Assert.NotEqual(json, Mutate(json, 5, mutation, 7));
        }
    }

    private static (string, int[]) Fit(SegmentationPipeline pipeline)
    {
        SegmentationResult result = pipeline.Run();
        return (result.Model.ToJson(), [.. result.Assignments.Select(a => a.Segment)]);
    }

    private static string Mutate(string json, int pick, string mutation, int extra)
    {
        if (mutation == "truncate")
        {
            return json[..(extra % json.Length)];
        }

        JsonObject root = JsonNode.Parse(json)!.AsObject();
        if (mutation == "shuffle segments")
        {
            JsonArray segments = root["segments"]!.AsArray();
            JsonNode?[] items = [.. segments.Select(s => s!.DeepClone())];
            segments.Clear();
            foreach (JsonNode? item in items.Select((s, i) => (s, Key: ((i + 1) * (extra + 7)) % 101)).OrderBy(p => p.Key).Select(p => p.s))
            {
                segments.Add(item);
            }

            return root.ToJsonString();
        }

        List<(JsonNode Parent, string? Name, int Index)> places = [];
        Collect(root, places);
        (JsonNode parent, string? name, int index) = mutation == "duplicate"
            ? places.Where(p => p.Parent is JsonArray).ElementAt(pick % places.Count(p => p.Parent is JsonArray))
            : places[pick % places.Count];
        JsonNode? replacement = mutation switch
        {
            "NaN" => "NaN",
            "Infinity" => "Infinity",
            "1e400" or "-1e400" => "__raw__",
            "-1" => -1,
            "huge" => 1e300,
            "string" => "12",
            _ => null,
        };
        switch (mutation, parent)
        {
            case ("delete", JsonObject o):
                o.Remove(name!);
                break;
            case ("delete", JsonArray a):
                a.RemoveAt(index);
                break;
            case ("duplicate", JsonArray a):
                a.Insert(index, a[index]?.DeepClone());
                break;
            case (_, JsonObject o):
                o[name!] = replacement;
                break;
            case (_, JsonArray a):
                a[index] = replacement;
                break;
        }

        string text = root.ToJsonString();
        return mutation.EndsWith("1e400", StringComparison.Ordinal) ? text.Replace(Marker, mutation, StringComparison.Ordinal) : text;
    }

    private static void Collect(JsonNode node, List<(JsonNode, string?, int)> places)
    {
        switch (node)
        {
            case JsonObject o:
                foreach ((string name, JsonNode? child) in o.ToList())
                {
                    places.Add((o, name, -1));
                    if (child is not null)
                    {
                        Collect(child, places);
                    }
                }

                break;
            case JsonArray a:
                for (int i = 0; i < a.Count; i++)
                {
                    places.Add((a, null, i));
                    if (a[i] is { } child)
                    {
                        Collect(child, places);
                    }
                }

                break;
        }
    }
}
