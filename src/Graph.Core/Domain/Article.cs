using System.Security.Cryptography;
using System.Text;

namespace Graph.Core.Domain;

/// <summary>An article as read from a file, feed or request: only <paramref name="Text"/> is required.</summary>
public sealed record Article(
    string Id,
    string Text,
    string? Title = null,
    string? Url = null,
    DateTimeOffset? PublishedAt = null,
    string? Source = null)
{
    /// <summary>SHA-256 of the text, hex: what tells a changed article from an unchanged one.</summary>
    public string ContentHash => Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(Text)));

    public DateOnly? PublishedDay => PublishedAt is { } p ? DateOnly.FromDateTime(p.UtcDateTime) : null;
}

/// <summary>The article header of the extract contract.</summary>
public sealed record ArticleInfo(string Id, string? Title, string? Source, DateTimeOffset? PublishedAt, string? Url = null)
{
    public static ArticleInfo From(Article a) => new(a.Id, a.Title, a.Source, a.PublishedAt, a.Url);
}

/// <summary>Everything the extractor found in one article: the public <c>extract</c> contract.</summary>
public sealed record ArticleExtraction(ArticleInfo Article, IReadOnlyList<Actor> Actors, IReadOnlyList<Relation> Relations);
