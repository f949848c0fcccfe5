using Graph.Core.Domain;
using Graph.Core.Storage;

namespace Graph.Core.Ingestion;

public sealed record IngestResult(string ArticleId, SaveOutcome Outcome, int Actors, int Relations, int RemovedRelations);

/// <summary>Extracts an article and stores it, skipping work when neither the text nor the extractor changed.</summary>
public sealed class Ingestor(IExtractor extractor, IGraphStore store)
{
    public string ExtractorVersion => extractor.Version;

    public async Task<IngestResult> IngestAsync(Article article, bool force = false, CancellationToken ct = default)
    {
        if (!force)
        {
            var state = await store.GetArticleStateAsync(article.Id, ct);
            if (state is not null && state.ContentHash == article.ContentHash && state.ExtractorVersion == extractor.Version)
            {
                return new IngestResult(article.Id, SaveOutcome.Unchanged, 0, 0, 0);
            }
        }

        var extraction = extractor.Extract(article);
        var saved = await store.SaveArticleAsync(article, extraction, extractor.Version, ct);
        return new IngestResult(article.Id, saved.Outcome, saved.Actors, saved.Relations, saved.RemovedRelations);
    }
}
