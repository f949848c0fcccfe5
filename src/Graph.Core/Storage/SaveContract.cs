using Graph.Core.Domain;

namespace Graph.Core.Storage;

/// <summary>
/// What every store refuses before writing anything, so that a bad extraction fails the same way on each and never
/// leaves half an article behind.
/// </summary>
public static class SaveContract
{
    /// <summary>
    /// The one rule every store applies, before extraction and again inside its save transaction, to decide that an
    /// article needs no writing. Stored under its own id: unchanged when the text and extractor version are the same
    /// (unless <paramref name="replace"/>), else it is written whoever else holds its new text. Not stored: a duplicate
    /// when another article (<paramref name="holderOfSameText"/>, looked up only when duplicates are skipped) holds its text.
    /// </summary>
    public static SaveResult? Skip(string? storedHash, string? storedVersion, string? holderOfSameText, string hash, string extractorVersion, bool replace = false) =>
        storedHash is not null
            ? (!replace && storedHash == hash && storedVersion == extractorVersion ? SaveResult.Unchanged : null)
            : holderOfSameText is null ? null : SaveResult.DuplicateOfArticle(holderOfSameText);

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
