using System.ComponentModel.DataAnnotations;

namespace Graph.Worker;

/// <summary>The <c>Graph:Worker</c> configuration section.</summary>
public sealed class WorkerOptions
{
    public const string Section = "Graph:Worker";

    /// <summary>Where articles come from; each may have its own schedule.</summary>
    public List<SourceOptions> Sources { get; set; } = [];

    /// <summary>Sent with every request, so site owners can see who fetches and why.</summary>
    [Required]
    public string UserAgent { get; set; } = "GraphWorker/1.0 (actor-relationship graph; polite fetcher)";

    [Range(1, 600)]
    public int HttpTimeoutSeconds { get; set; } = 30;

    /// <summary>The largest response body read from a feed or page, in bytes.</summary>
    [Range(1024, 1L << 30)]
    public long MaxResponseBytes { get; set; } = 5 * 1024 * 1024;

    /// <summary>How long a claim on an article holds before another worker may take it over.</summary>
    [Range(1, 86400)]
    public int ClaimLeaseSeconds { get; set; } = 300;
}

public enum SourceKind
{
    Folder,
    Jsonl,
    Feed,
    Urls,
}

/// <summary>One source: a folder, a JSON Lines file, an RSS/Atom feed or a list of URLs.</summary>
public sealed class SourceOptions
{
    [Required]
    public string Name { get; set; } = "";

    public SourceKind Kind { get; set; } = SourceKind.Folder;

    /// <summary>Folder or file for <c>Folder</c> and <c>Jsonl</c>; a text file of URLs (one a line) for <c>Urls</c>.</summary>
    public string? Path { get; set; }

    /// <summary>The feed's address for <c>Feed</c>.</summary>
    public string? Url { get; set; }

    /// <summary>URLs listed in configuration for <c>Urls</c> (in addition to <see cref="Path"/>).</summary>
    public List<string> Urls { get; set; } = [];

    /// <summary>A Quartz cron expression (seconds first), e.g. <c>0 0/30 * * * ?</c>; no schedule when empty.</summary>
    public string? Schedule { get; set; }

    public string Describe() => Kind switch
    {
        SourceKind.Feed => Url ?? "",
        _ => Path ?? string.Join(' ', Urls),
    };
}
