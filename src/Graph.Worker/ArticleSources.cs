using System.Globalization;
using System.Runtime.CompilerServices;
using System.Xml;
using System.Xml.Linq;
using Graph.Extraction.Reading;

namespace Graph.Worker;

/// <summary>Reads the articles of a configured source: files through <see cref="ArticleReader"/>, feeds and URL lists over HTTP.</summary>
public sealed class ArticleSources(ArticleReader reader, HttpFetcher fetcher)
{
    /// <summary>The articles of <paramref name="source"/>; origins in <paramref name="retry"/> failed before and are fetched in full even when the server says they did not change.</summary>
    public IAsyncEnumerable<ReadResult> ReadAsync(SourceOptions source, IReadOnlySet<string>? retry = null, CancellationToken ct = default) =>
        source.Kind switch
        {
            SourceKind.Folder or SourceKind.Jsonl => reader.ReadAsync(source.Path ?? throw Missing(source, "Path"), ct),
            SourceKind.Feed => ReadFeedAsync(source, retry ?? new HashSet<string>(), ct),
            SourceKind.Urls => ReadUrlsAsync(source, ListUrls(source), retry ?? new HashSet<string>(), ct),
            _ => throw new InvalidOperationException($"Source {source.Name}: unknown kind {source.Kind}"),
        };

    /// <summary>How many articles a local path holds, for progress and ETA; a guess good to the line (JSONL) or file.</summary>
    public static int? Estimate(string path)
    {
        if (!Path.Exists(path))
        {
            return null;
        }

        // The reader's own walk: links that loop, pipes and devices are skipped here as they are there.
        var total = 0;
        foreach (var file in ArticleFiles.Under(path).Where(f => f.Error is null))
        {
            total += file.Path.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase) ? CountLines(file.Path) : 1;
        }

        return total;
    }

    private static int CountLines(string file)
    {
        try
        {
            using var stream = File.OpenRead(file);
            var buffer = new byte[1 << 16];
            int read, lines = 0;
            while ((read = stream.Read(buffer)) > 0)
            {
                lines += buffer.AsSpan(0, read).Count((byte)'\n');
            }

            return lines;
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            return 0; // the reader reports it
        }
    }

    private async IAsyncEnumerable<ReadResult> ReadFeedAsync(SourceOptions source, IReadOnlySet<string> retry, [EnumeratorCancellation] CancellationToken ct)
    {
        var url = source.Url ?? throw Missing(source, "Url");
        var feed = await fetcher.GetAsync(url, conditional: retry.Count == 0, ct);
        if (feed.NotModified)
        {
            yield break;
        }

        if (feed.Body is null)
        {
            yield return ReadResult.Fail(url, feed.Error ?? "no body");
            yield break;
        }

        IReadOnlyList<FeedItem> items;
        string? error = null;
        try
        {
            items = ParseFeed(feed.Body, new Uri(url));
        }
        catch (XmlException e)
        {
            items = [];
            error = $"not a valid RSS or Atom feed: {e.Message}";
        }

        if (error is not null)
        {
            yield return ReadResult.Fail(url, error);
            yield break;
        }

        await foreach (var result in ReadUrlsAsync(source, items, retry, ct))
        {
            yield return result;
        }
    }

    private async IAsyncEnumerable<ReadResult> ReadUrlsAsync(SourceOptions source, IEnumerable<FeedItem> items, IReadOnlySet<string> retry, [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var item in items)
        {
            var page = await fetcher.GetAsync(item.Url, conditional: !retry.Contains(item.Url), ct);
            if (page.NotModified)
            {
                continue;
            }

            if (page.Body is null)
            {
                yield return ReadResult.Fail(item.Url, page.Error ?? "no body");
                continue;
            }

            // The URL is the article's identity: the same page fetched again is the same article.
            var article = Html.ToArticle(item.Url, page.Body);
            yield return article is null
                ? ReadResult.Fail(item.Url, "the page has no article text")
                : ReadResult.Ok(item.Url, article with
                {
                    Url = item.Url,
                    Title = article.Title ?? item.Title,
                    PublishedAt = article.PublishedAt ?? item.PublishedAt,
                    Source = source.Name,
                });
        }
    }

    private sealed record FeedItem(string Url, string? Title = null, DateTimeOffset? PublishedAt = null);

    private static IEnumerable<FeedItem> ListUrls(SourceOptions source)
    {
        var urls = new List<string>(source.Urls);
        if (source.Path is { } path)
        {
            urls.AddRange(File.ReadLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')));
        }

        return urls.Distinct(StringComparer.Ordinal).Select(u => new FeedItem(u));
    }

    /// <summary>RSS 2.0 items or Atom entries with a link; relative links resolved against the feed's address.</summary>
    private static List<FeedItem> ParseFeed(string xml, Uri baseUri)
    {
        // No DTDs: a feed has no business declaring entities, and entity expansion is a known memory bomb.
        var settings = new XmlReaderSettings { DtdProcessing = DtdProcessing.Prohibit, XmlResolver = null };
        using var xmlReader = XmlReader.Create(new StringReader(xml), settings);
        var document = XDocument.Load(xmlReader);
        var items = new List<FeedItem>();
        foreach (var element in document.Descendants())
        {
            var name = element.Name.LocalName;
            if (name == "item")
            {
                var link = Child(element, "link")?.Value.Trim();
                if (!string.IsNullOrEmpty(link))
                {
                    items.Add(new FeedItem(Resolve(baseUri, link), Child(element, "title")?.Value.Trim(), Date(Child(element, "pubDate")?.Value)));
                }
            }
            else if (name == "entry")
            {
                var link = element.Elements().Where(e => e.Name.LocalName == "link")
                    .FirstOrDefault(e => (string?)e.Attribute("rel") is null or "alternate")?.Attribute("href")?.Value.Trim();
                if (!string.IsNullOrEmpty(link))
                {
                    items.Add(new FeedItem(Resolve(baseUri, link), Child(element, "title")?.Value.Trim(),
                        Date(Child(element, "published")?.Value ?? Child(element, "updated")?.Value)));
                }
            }
        }

        return items;
    }

    private static XElement? Child(XElement element, string localName) => element.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

    private static string Resolve(Uri baseUri, string link) => new Uri(baseUri, link).AbsoluteUri;

    private static DateTimeOffset? Date(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d : null;

    private static InvalidOperationException Missing(SourceOptions source, string what) =>
        new($"Source {source.Name} ({source.Kind}) needs {what} in configuration.");
}
