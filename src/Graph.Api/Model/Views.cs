using Graph.Core.Storage;

namespace Graph.Api.Model;

/// <summary>An article as far as it is known: a whole stored one, or the header an evidence row carries.</summary>
public sealed record ArticleView(string Id, string? Title, string? Url, DateTimeOffset? PublishedAt, StoredArticle? Stored = null)
{
    public static ArticleView Of(StoredArticle a) => new(a.Id, a.Title, a.Url, a.PublishedAt, a);

    public static ArticleView Of(Evidence e) => new(e.ArticleId, e.ArticleTitle, e.ArticleUrl, e.PublishedAt);
}

public enum IngestRunStatus
{
    Running,
    Succeeded,
    Partial,
    Failed,
    Interrupted,
}

/// <summary>An ingestion run as the API shows it: the log's record with its status and the failures still pending.</summary>
public sealed record IngestRunView(Core.Ingestion.IngestRun Run, IReadOnlyList<Core.Ingestion.DeadLetter> Failures)
{
    public long Id => Run.Id;

    public string Source => Run.Source;

    public string Kind => Run.Kind;

    public DateTimeOffset StartedAt => Run.StartedAt;

    public DateTimeOffset? EndedAt => Run.EndedAt;

    public IngestRunStatus Status => Run switch
    {
        { EndedAt: null } => IngestRunStatus.Running,
        { Interrupted: true } => IngestRunStatus.Interrupted,
        { Error: not null } => IngestRunStatus.Failed,
        { Failed: > 0 } => IngestRunStatus.Partial,
        _ => IngestRunStatus.Succeeded,
    };

    public int Read => Run.Read;

    public int Added => Run.Added;

    public int Updated => Run.Updated;

    public int Unchanged => Run.Unchanged;

    public int Extracted => Run.Extracted;

    public int Failed => Run.Failed;

    public int Duplicates => Run.Duplicates;

    public string? Error => Run.Error;

    /// <summary>
    /// The log keeps one dead letter per origin (its latest failure), not a list per run: a run's failures are the dead
    /// letters of its source that last failed while it ran.
    /// </summary>
    public static IngestRunView Of(Core.Ingestion.IngestRun run, IEnumerable<Core.Ingestion.DeadLetter> deadLetters, DateTimeOffset now) =>
        new(run, [.. deadLetters.Where(d => d.Source == run.Source && d.LastFailedAt >= run.StartedAt && d.LastFailedAt <= (run.EndedAt ?? now))]);
}
