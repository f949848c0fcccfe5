using Graph.Core.Domain;

namespace Graph.Core.Storage;

/// <summary>
/// What every store refuses before writing anything, so that a bad extraction fails the same way on each and never
/// leaves half an article behind.
/// </summary>
public static class SaveContract
{
    public static void EnsureValid(Article article, ArticleExtraction extraction, string extractorVersion)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(article.Id, nameof(article));
        ArgumentException.ThrowIfNullOrWhiteSpace(extractorVersion);
        if (extraction.Article.Id != article.Id)
        {
            throw new ArgumentException($"The extraction is of article '{extraction.Article.Id}', not of '{article.Id}'.", nameof(extraction));
        }

        var ids = new HashSet<string>(StringComparer.Ordinal);
        foreach (var actor in extraction.Actors)
        {
            if (string.IsNullOrWhiteSpace(actor.Id) || string.IsNullOrWhiteSpace(actor.Name))
            {
                throw new ArgumentException($"Article '{article.Id}' has an actor without id or name.", nameof(extraction));
            }

            ids.Add(actor.Id);
        }

        foreach (var r in extraction.Relations)
        {
            string? missing = !ids.Contains(r.Source) ? r.Source : !ids.Contains(r.Target) ? r.Target : null;
            if (missing is not null)
            {
                throw new ArgumentException(
                    $"Article '{article.Id}': relation {r.Source} {r.Type.ToString().ToUpperInvariant()} {r.Target} names actor '{missing}', which is not among the article's actors.",
                    nameof(extraction));
            }
        }
    }
}
