namespace Graph.Core.Domain;

/// <summary>Turns an article into actors and relationships. Pure: no I/O after construction.</summary>
public interface IExtractor
{
    /// <summary>Recorded on every stored relationship, so that re-ingestion knows what an improved extractor would change.</summary>
    string Version { get; }

    ArticleExtraction Extract(Article article);
}
