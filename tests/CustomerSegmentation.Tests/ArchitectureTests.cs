using System.Text.RegularExpressions;

namespace CustomerSegmentation.Tests;

/// <summary>
/// The folders of the core library and the one-way arrows between them (docs/architecture.md), checked on the
/// source text: a file may name only its own folder and the folders below it.
/// </summary>
public sealed partial class ArchitectureTests
{
    /// <summary>Each folder's layer; a folder may depend on folders of a lower layer only.</summary>
    private static readonly Dictionary<string, int> Layers = new(StringComparer.Ordinal)
    {
        ["Data"] = 0,
        ["Scaling"] = 1,
        ["Clustering"] = 2,
        ["Selection"] = 3,
        ["Profiling"] = 3,
        ["Stability"] = 3,
        ["Pipeline"] = 4,
        ["Loyalty"] = 5,
        ["Export"] = 6,
    };

    private static string LibraryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "CustomerSegmentation.sln")))
            {
                return Path.Combine(dir.FullName, "src", "CustomerSegmentation");
            }
        }

        throw new DirectoryNotFoundException("The repository root (with CustomerSegmentation.sln) is not above the test output.");
    }

    private static IEnumerable<(string Folder, string File, string Text)> Sources()
    {
        string root = LibraryRoot();
        foreach (string file in Directory.EnumerateFiles(root, "*.cs", SearchOption.AllDirectories))
        {
            string relative = Path.GetRelativePath(root, file);
            if (relative.StartsWith("obj", StringComparison.Ordinal) || relative.StartsWith("bin", StringComparison.Ordinal))
            {
                continue;
            }

            string folder = relative.Contains(Path.DirectorySeparatorChar, StringComparison.Ordinal) ? relative[..relative.IndexOf(Path.DirectorySeparatorChar, StringComparison.Ordinal)] : string.Empty;
            yield return (folder, relative, File.ReadAllText(file));
        }
    }

    [Fact]
    public void Every_source_file_lives_in_a_known_folder()
    {
        var strays = Sources().Where(s => !Layers.ContainsKey(s.Folder)).Select(s => s.File).ToList();

        Assert.True(strays.Count == 0, $"Files outside the known folders: {string.Join(", ", strays)}");
    }

    [Fact]
    public void Folders_depend_only_on_the_folders_below_them()
    {
        var uphill = new List<string>();
        foreach ((string folder, string file, string text) in Sources())
        {
            foreach (Match match in FolderReference().Matches(text))
            {
                string target = match.Groups["folder"].Value;
                if (target != folder && Layers.TryGetValue(target, out int layer) && layer >= Layers[folder])
                {
                    uphill.Add($"{file} names {target} ('{match.Value}')");
                }
            }
        }

        Assert.True(uphill.Count == 0, "Arrows that run uphill or sideways:\n" + string.Join("\n", uphill.Distinct()));
    }

    [Fact]
    public void Nothing_under_Pipeline_Selection_or_Stability_constructs_a_clusterer_directly()
    {
        var direct = Sources()
            .Where(s => s.Folder is "Pipeline" or "Selection" or "Stability")
            .Where(s => DirectConstruction().IsMatch(s.Text))
            .Select(s => s.File)
            .ToList();

        Assert.True(direct.Count == 0, $"Files that construct a clusterer instead of asking the factory: {string.Join(", ", direct)}");
    }

    [Fact]
    public void The_kernels_import_nothing_from_the_rest_of_the_library()
    {
        var imports = Sources()
            .Where(s => s.File.StartsWith(Path.Combine("Clustering", "Kernels"), StringComparison.Ordinal))
            .SelectMany(s => LibraryUsing().Matches(s.Text).Select(m => $"{s.File}: {m.Value}"))
            .ToList();

        Assert.True(imports.Count == 0, "Kernel files importing the library:\n" + string.Join("\n", imports));
    }

    [Fact]
    public void Only_clustering_and_the_quality_scores_reach_the_kernels()
    {
        var users = Sources()
            .Where(s => s.Folder is not ("Clustering" or "Selection"))
            .Where(s => s.Text.Contains("Clustering.Kernels", StringComparison.Ordinal))
            .Select(s => s.File)
            .ToList();

        Assert.True(users.Count == 0, $"Files outside Clustering and Selection that use the SIMD kernels: {string.Join(", ", users)}");
    }

    [Fact]
    public void The_checks_see_the_whole_library()
    {
        var folders = Sources().Select(s => s.Folder).ToHashSet();

        Assert.Superset(new HashSet<string> { "Data", "Scaling", "Clustering", "Selection", "Profiling", "Stability", "Pipeline", "Loyalty" }, folders);
        Assert.Contains(Sources(), s => s.File.StartsWith(Path.Combine("Clustering", "Kernels"), StringComparison.Ordinal));
    }

    /// <summary>"using CustomerSegmentation.X", "CustomerSegmentation.X.Type" or a qualified "X.Type" of a library folder.</summary>
    [GeneratedRegex(@"(?:\bCustomerSegmentation\.|(?<![\w.])(?=(?:Data|Scaling|Clustering|Selection|Profiling|Stability|Pipeline|Loyalty|Export)\.[A-Z]))(?<folder>Data|Scaling|Clustering|Selection|Profiling|Stability|Pipeline|Loyalty|Export)\b")]
    private static partial Regex FolderReference();

    [GeneratedRegex(@"new\s+(KMeansClusterer|MiniBatchKMeans|KPrototypesClusterer)\s*\(")]
    private static partial Regex DirectConstruction();

    [GeneratedRegex(@"using\s+CustomerSegmentation\.(?!Clustering\.Kernels\b)[\w.]+\s*;")]
    private static partial Regex LibraryUsing();
}
