using Graph.Core.Domain;

namespace Graph.Extraction.Reading;

/// <summary>
/// One article read from a file, folder or JSON Lines stream, or the reason it could not be read.
/// Bad input is reported per item so that one broken file never stops the others.
/// </summary>
public sealed record ReadResult(string Origin, Article? Article, string? Error)
{
    public static ReadResult Ok(string origin, Article article) => new(origin, article, null);

    public static ReadResult Fail(string origin, string error) => new(origin, null, error);
}

/// <summary>Limits that keep one hostile input from exhausting memory.</summary>
public sealed record ReaderOptions
{
    /// <summary>The largest single article (a file, or one JSON Lines record) accepted, in bytes.</summary>
    public long MaxArticleBytes { get; init; } = 16 * 1024 * 1024;
}
