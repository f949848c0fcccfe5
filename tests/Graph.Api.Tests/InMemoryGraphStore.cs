using Graph.Core.Domain;
using Graph.Core.Storage;

namespace Graph.Api.Tests;

// TEMPORARY stand-in until SqliteGraphStore lands; to be deleted.
internal sealed class InMemoryGraphStore : IGraphStore
{
    private readonly Lock _lock = new();
    private readonly Dictionary<string, Actor> _actors = [];
    private readonly Dictionary<string, (StoredArticle A, List<Evidence> E)> _articles = [];

    public Task InitializeAsync(CancellationToken ct = default) => Task.CompletedTask;

    public Task<ArticleState?> GetArticleStateAsync(string articleId, CancellationToken ct = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_articles.TryGetValue(articleId, out var a) ? new ArticleState(articleId, a.A.ContentHash, a.A.ExtractorVersion) : null);
        }
    }

    public Task<SaveResult> SaveArticleAsync(Article article, ArticleExtraction extraction, string extractorVersion, CancellationToken ct = default)
    {
        lock (_lock)
        {
            foreach (var a in extraction.Actors)
            {
                _actors[a.Id] = a;
            }

            bool existed = _articles.TryGetValue(article.Id, out var old);
            var stored = new StoredArticle(article.Id, article.Title, article.Url, article.Source, article.PublishedAt, article.ContentHash, extractorVersion, DateTimeOffset.UtcNow, article.Text);
            var ev = extraction.Relations.Select((r, i) => new Evidence($"{article.Id}:{i}", article.Id, r.Source, r.Target, r.Type, r.Polarity, r.Score, r.Confidence, r.Modality, r.Sentence, r.Start, r.End, r.SaidBy, r.EventDate, article.PublishedAt, article.Title, article.Url, extractorVersion)).ToList();
            _articles[article.Id] = (stored, ev);
            return Task.FromResult(new SaveResult(existed ? SaveOutcome.Updated : SaveOutcome.Added, extraction.Actors.Count, ev.Count, existed ? old.E.Count : 0));
        }
    }

    public Task<StoreStats> GetStatsAsync(CancellationToken ct = default)
    {
        lock (_lock)
        {
            var all = _articles.Values.SelectMany(a => a.E).ToList();
            return Task.FromResult(new StoreStats(_articles.Count, _actors.Count, all.Select(e => (e.Source, e.Target, e.Type)).Distinct().Count(), all.Count));
        }
    }

    public Task<Actor?> GetActorAsync(string id, CancellationToken ct = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_actors.GetValueOrDefault(id));
        }
    }

    public Task<IReadOnlyDictionary<string, Actor>> GetActorsAsync(IReadOnlyCollection<string> ids, CancellationToken ct = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyDictionary<string, Actor>>(ids.Where(_actors.ContainsKey).Distinct().ToDictionary(i => i, i => _actors[i]));
        }
    }

    public Task<IReadOnlyList<Actor>> FindActorsByNameAsync(string name, CancellationToken ct = default)
    {
        lock (_lock)
        {
            return Task.FromResult<IReadOnlyList<Actor>>([.. _actors.Values.Where(a => a.Id.Equals(name, StringComparison.OrdinalIgnoreCase) || a.Name.Equals(name, StringComparison.OrdinalIgnoreCase) || a.Aliases.Any(x => x.Equals(name, StringComparison.OrdinalIgnoreCase)))]);
        }
    }

    public Task<Page<Actor>> SearchActorsAsync(ActorSearch search, CancellationToken ct = default)
    {
        lock (_lock)
        {
            var all = _articles.Values.SelectMany(a => a.E).ToList();
            var list = _actors.Values
                .Where(a => search.Text is null || a.Name.Contains(search.Text, StringComparison.OrdinalIgnoreCase) || a.Aliases.Any(x => x.Contains(search.Text, StringComparison.OrdinalIgnoreCase)))
                .Where(a => search.Kind is null || a.Kind == search.Kind)
                .OrderByDescending(a => all.Count(e => e.Source == a.Id || e.Target == a.Id)).ThenBy(a => a.Id, StringComparer.Ordinal).ToList();
            return Task.FromResult(new Page<Actor>([.. list.Skip(search.Offset).Take(search.First)], list.Count, search.Offset));
        }
    }

    public Task<IReadOnlyList<Evidence>> GetEvidenceAsync(EvidenceFilter f, CancellationToken ct = default)
    {
        lock (_lock)
        {
            var q = _articles.Values.SelectMany(a => a.E)
                .Where(e => f.SourceIds.Count == 0 || f.SourceIds.Contains(e.Source))
                .Where(e => f.TargetIds.Count == 0 || f.TargetIds.Contains(e.Target))
                .Where(e => f.ActorIds.Count == 0 || f.ActorIds.Contains(e.Source) || f.ActorIds.Contains(e.Target))
                .Where(e => f.Types.Count == 0 || f.Types.Contains(e.Type))
                .Where(e => f.Modalities.Count == 0 || f.Modalities.Contains(e.Modality))
                .Where(e => f.Polarity is null || e.Polarity == f.Polarity)
                .Where(e => f.Since is null || e.Day >= f.Since)
                .Where(e => f.Until is null || e.Day <= f.Until)
                .Where(e => f.MinConfidence is null || e.Confidence >= f.MinConfidence)
                .Where(e => f.ArticleId is null || e.ArticleId == f.ArticleId)
                .OrderByDescending(e => e.PublishedAt).ThenBy(e => e.Id, StringComparer.Ordinal);
            return Task.FromResult<IReadOnlyList<Evidence>>([.. f.Limit is { } l ? q.Take(l) : q]);
        }
    }

    public Task<StoredArticle?> GetArticleAsync(string id, CancellationToken ct = default)
    {
        lock (_lock)
        {
            return Task.FromResult(_articles.TryGetValue(id, out var a) ? a.A : null);
        }
    }

    public Task<Page<StoredArticle>> SearchArticlesAsync(ArticleSearch s, CancellationToken ct = default)
    {
        lock (_lock)
        {
            var list = _articles.Values.Select(a => a.A)
                .Where(a => s.Text is null || (a.Title ?? "").Contains(s.Text, StringComparison.OrdinalIgnoreCase))
                .OrderByDescending(a => a.PublishedAt).ThenBy(a => a.Id, StringComparer.Ordinal).ToList();
            return Task.FromResult(new Page<StoredArticle>([.. list.Skip(s.Offset).Take(s.First).Select(a => a with { Text = null })], list.Count, s.Offset));
        }
    }
}
