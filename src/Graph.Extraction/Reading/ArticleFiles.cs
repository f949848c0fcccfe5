namespace Graph.Extraction.Reading;

/// <summary>A file to read, or the reason a file or folder met on the way is skipped.</summary>
public readonly record struct ArticleFile(string Path, string? Error);

/// <summary>
/// The article files of a path, each regular file once, in name order, folder by folder. Links are followed to where
/// they really lead, so a link back up the tree (<c>up -> ..</c>, <c>loop -> .</c>) or to a file already read is
/// reported and skipped instead of being read again and again; dangling links, unreadable folders, names the file
/// system cannot give back, and pipes or devices (which would block or never end) are reported and skipped too.
/// Memory grows with the folders and files actually there, never with the paths that links could spell.
/// </summary>
public static class ArticleFiles
{
    public static readonly IReadOnlyList<string> Extensions = [".txt", ".html", ".htm", ".json", ".jsonl"];

    // Links followed in a row before a path is called a loop, as the operating system does (ELOOP).
    private const int MaxLinkHops = 40;

    public static bool IsArticle(string name) => Extensions.Contains(System.IO.Path.GetExtension(name).ToLowerInvariant());

    public static IEnumerable<ArticleFile> Under(string path)
    {
        string? real = RealPath(System.IO.Path.GetFullPath(path), out var error);
        if (real is null)
        {
            return [new ArticleFile(path, error)];
        }

        if (Directory.Exists(real))
        {
            return Walk(path, real);
        }

        return File.Exists(real) ? [Check(path, new FileInfo(real))] : [new ArticleFile(path, new FileInfo(path).LinkTarget is { } to ? $"dangling link to {to}" : "no such file or folder")];
    }

    /// <summary>An open folder: its remaining entries, the path it was reached by, and where it really is.</summary>
    private sealed record Folder(IEnumerator<FileSystemInfo> Entries, string Shown, string Real);

    private static IEnumerable<ArticleFile> Walk(string path, string real)
    {
        var folders = new HashSet<string>(StringComparer.Ordinal) { real };
        var files = new Dictionary<string, string>(StringComparer.Ordinal);
        var open = new Stack<Folder>();
        if (Open(path, real) is var (top, unreadable) && unreadable is not null)
        {
            yield return new ArticleFile(path, unreadable);
            yield break;
        }

        open.Push(top!);
        while (open.Count > 0)
        {
            var current = open.Peek();
            if (!current.Entries.MoveNext())
            {
                current.Entries.Dispose();
                open.Pop();
                continue;
            }

            var entry = current.Entries.Current;
            var shown = System.IO.Path.Combine(current.Shown, entry.Name);
            var at = System.IO.Path.Combine(current.Real, entry.Name);
            bool folder = entry is DirectoryInfo;
            if (LinkTarget(entry, out var linkError) is { } target)
            {
                // Relative targets count from the link's real folder, not from the path it was reached by.
                at = RealPath(System.IO.Path.Combine(current.Real, target), out var broken) ?? "";
                folder = at.Length > 0 && Directory.Exists(at);
                if (!folder && (at.Length == 0 || !File.Exists(at)))
                {
                    if (IsArticle(entry.Name) || at.Length == 0)
                    {
                        yield return new ArticleFile(shown, broken ?? $"dangling link to {target}");
                    }

                    continue;
                }
            }
            else if (linkError is not null)
            {
                yield return new ArticleFile(shown, linkError);
                continue;
            }

            if (!folder)
            {
                if (IsArticle(entry.Name))
                {
                    yield return Once(shown, new FileInfo(at), files);
                }

                continue;
            }

            if (!folders.Add(at))
            {
                yield return new ArticleFile(shown, $"a link to a folder already read ({at}): a loop, skipped");
                continue;
            }

            var (inner, error) = Open(shown, at);
            if (error is not null)
            {
                yield return new ArticleFile(shown, error);
                continue;
            }

            open.Push(inner!);
        }
    }

    /// <summary>Where a link leads (null for no link), or why that cannot be told (it vanished, or cannot be read).</summary>
    private static string? LinkTarget(FileSystemInfo entry, out string? error)
    {
        error = null;
        try
        {
            return entry.LinkTarget;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"cannot follow the link: {e.Message}";
            return null;
        }
    }

    private static ArticleFile Once(string shown, FileInfo file, Dictionary<string, string> read)
    {
        var checkedFile = Check(shown, file);
        if (checkedFile.Error is null && !read.TryAdd(file.FullName, shown))
        {
            return new ArticleFile(shown, $"the same file as {read[file.FullName]}, already read");
        }

        return checkedFile;
    }

    /// <summary>Whether a file can be read as an article without blocking or reading for ever.</summary>
    private static ArticleFile Check(string shown, FileInfo file)
    {
        if (!file.Exists)
        {
            // Listed by the folder but not found by its name: the name did not survive decoding (bytes that are not UTF-8).
            return new ArticleFile(shown, file.Name.Contains('\uFFFD', StringComparison.Ordinal)
                ? "the file name is not valid UTF-8 and cannot be opened; rename the file"
                : "the file vanished while the folder was read");
        }

        // Pipes and devices have no length: a pipe blocks until someone writes, /dev/zero never ends. .NET cannot tell them
        // from an empty file without opening them, so no file of length 0 is opened.
        return file.Length == 0
            ? new ArticleFile(shown, "the article has no text: the file is empty, or is a pipe or device (only regular files are read)")
            : new ArticleFile(shown, null);
    }

    /// <summary>A folder's entries in name order, or why the folder cannot be listed.</summary>
    private static (Folder? Folder, string? Error) Open(string shown, string real)
    {
        try
        {
            var entries = new DirectoryInfo(real).EnumerateFileSystemInfos().OrderBy(e => e.Name, StringComparer.Ordinal).ToList();
            return (new Folder(entries.GetEnumerator(), shown, real), null);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException or System.Security.SecurityException)
        {
            return (null, $"cannot read the folder: {e.Message}");
        }
    }

    /// <summary>
    /// The path with every link resolved (the <c>realpath</c> of C), or null with the reason when a link leads nowhere
    /// or round in circles. <c>..</c> is applied after the links before it are resolved, as the file system does.
    /// </summary>
    internal static string? RealPath(string fullPath, out string? error)
    {
        error = null;
        var root = System.IO.Path.GetPathRoot(fullPath) ?? "/";
        var pending = new Stack<string>(Components(fullPath[root.Length..]).Reverse());
        var resolved = root;
        int hops = 0;
        while (pending.Count > 0)
        {
            var part = pending.Pop();
            if (part == ".")
            {
                continue;
            }

            if (part == "..")
            {
                resolved = System.IO.Path.GetDirectoryName(resolved) ?? resolved;
                continue;
            }

            var next = System.IO.Path.Combine(resolved, part);
            string? target;
            try
            {
                target = new FileInfo(next).LinkTarget;
            }
            catch (Exception e) when (e is IOException or UnauthorizedAccessException)
            {
                error = $"cannot follow the path: {e.Message}";
                return null;
            }

            if (target is null)
            {
                resolved = next;
                continue;
            }

            if (++hops > MaxLinkHops)
            {
                error = "too many links in a row: a loop of links";
                return null;
            }

            foreach (var inner in Components(target).Reverse())
            {
                pending.Push(inner);
            }

            if (System.IO.Path.IsPathRooted(target))
            {
                resolved = System.IO.Path.GetPathRoot(target) ?? root;
            }
        }

        return resolved;
    }

    private static IEnumerable<string> Components(string path) =>
        path.Split([System.IO.Path.DirectorySeparatorChar, System.IO.Path.AltDirectorySeparatorChar], StringSplitOptions.RemoveEmptyEntries);
}
