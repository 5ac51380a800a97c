namespace CustomerSegmentation.Sample;

/// <summary>
/// The --out folder, checked before any work is done, whose files are all written into a hidden staging folder inside
/// it and moved into place only when every one is complete: a failed run leaves the folder as it was, never a
/// half-written set of outputs.
/// </summary>
internal sealed class OutputFolder : IDisposable
{
    private readonly List<string> _names = [];
    private readonly string _staging;

    private OutputFolder(string folder, string staging)
    {
        Folder = folder;
        _staging = staging;
    }

    /// <summary>The output folder's full path.</summary>
    public string Folder { get; }

    /// <summary>Creates the folder if needed and proves it is writable by creating the staging folder in it.</summary>
    /// <exception cref="IOException">The folder cannot be created or written; the one-line message names it.</exception>
    public static OutputFolder Open(string folder)
    {
        string full = Path.GetFullPath(folder);
        string staging = Path.Combine(full, $".partial-{Guid.NewGuid():N}");
        try
        {
            Directory.CreateDirectory(staging);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            throw new IOException($"The output folder '{full}' cannot be written: {e.Message}", e);
        }

        return new OutputFolder(full, staging);
    }

    /// <summary>Where to write output <paramref name="name"/> now; it reaches <see cref="Folder"/> at <see cref="Commit"/>.</summary>
    public string Stage(string name)
    {
        _names.Add(name);
        return Path.Combine(_staging, name);
    }

    /// <summary>Moves every staged file into the folder, returning their final paths in the order they were staged.</summary>
    public IReadOnlyList<string> Commit()
    {
        var written = new List<string>();
        foreach (string name in _names)
        {
            string target = Path.Combine(Folder, name);
            File.Move(Path.Combine(_staging, name), target, overwrite: true);
            written.Add(target);
        }

        Directory.Delete(_staging, recursive: true);
        return written;
    }

    /// <summary>Deletes the staging folder and whatever a failed run left in it.</summary>
    public void Dispose()
    {
        if (Directory.Exists(_staging))
        {
            Directory.Delete(_staging, recursive: true);
        }
    }
}
