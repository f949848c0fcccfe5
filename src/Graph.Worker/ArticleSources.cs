using System.Globalization;
using System.Runtime.CompilerServices;
using System.Xml;
using System.Xml.Linq;
using Graph.Core;
using Graph.Core.Ingestion;
using Graph.Extraction.Reading;

namespace Graph.Worker;

/// <summary>Reads the articles of a configured source: files through <see cref="ArticleReader"/>, feeds and URL lists over HTTP.</summary>
public sealed class ArticleSources(ArticleReader reader, HttpFetcher fetcher, IIngestLog log)
{
    /// <summary>
    /// The articles of <paramref name="source"/>. Pages and feeds whose last fetch failed (they are dead letters) are
    /// fetched in full even when the server says they did not change.
    /// </summary>
    public IAsyncEnumerable<IngestItem> ReadAsync(SourceOptions source, CancellationToken ct = default) =>
        source.Kind switch
        {
            SourceKind.Folder or SourceKind.Jsonl => ReadPathAsync(source.Path ?? throw Missing(source, "Path"), ct),
            SourceKind.Feed => ReadFeedAsync(source, ct),
            SourceKind.Urls => ReadUrlsAsync(source, ListUrls(UrlsOf(source)), ct),
            _ => throw new UserErrorException($"Source {source.Name}: unknown kind {source.Kind}"),
        };

    /// <summary>
    /// A file or folder through the reader, which reads each regular file once and turns whatever one file, line or
    /// record does wrong into one failure naming it, so the entries after it (new files included) are still read.
    /// </summary>
    public async IAsyncEnumerable<IngestItem> ReadPathAsync(string path, [EnumeratorCancellation] CancellationToken ct = default)
    {
        await foreach (var r in reader.ReadAsync(path, ct))
        {
            yield return new IngestItem(r.Origin, r.Article, r.Error);
        }
    }

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

    private async IAsyncEnumerable<IngestItem> ReadFeedAsync(SourceOptions source, [EnumeratorCancellation] CancellationToken ct)
    {
        var url = source.Url ?? throw Missing(source, "Url");
        // Any item of the feed still failing: fetch the feed in full, so that item is read again.
        var retry = (await log.GetDeadLettersAsync(new DeadLetterQuery(Source: source.Name, First: 1), ct)).TotalCount > 0;
        var feed = await fetcher.GetAsync(url, conditional: !retry, ct);
        if (feed.NotModified)
        {
            yield break;
        }

        if (feed.Body is null)
        {
            yield return IngestItem.Fail(url, feed.Error ?? "no body");
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
            yield return IngestItem.Fail(url, error);
            yield break;
        }

        await foreach (var result in ReadUrlsAsync(source, items, ct))
        {
            yield return result;
        }
    }

    /// <summary>One page, fetched in full, as an article of <paramref name="sourceName"/>.</summary>
    public IAsyncEnumerable<IngestItem> ReadPageAsync(string sourceName, string url, CancellationToken ct = default) =>
        ReadUrlsAsync(new SourceOptions { Name = sourceName, Kind = SourceKind.Urls }, ListUrls([url]), ct);

    private async IAsyncEnumerable<IngestItem> ReadUrlsAsync(SourceOptions source, IEnumerable<FeedItem> items, [EnumeratorCancellation] CancellationToken ct)
    {
        foreach (var item in items)
        {
            if (item.Error is not null)
            {
                yield return IngestItem.Fail(item.Url, item.Error);
                continue;
            }

            // A page that failed last time is a dead letter: fetched in full, even if the server says it did not change.
            var failedBefore = (await log.GetDeadLettersAsync(new DeadLetterQuery(Origin: item.Url, First: 1), ct)).TotalCount > 0;
            var page = await fetcher.GetAsync(item.Url, conditional: !failedBefore, ct);
            if (page.NotModified)
            {
                continue;
            }

            if (page.Body is null)
            {
                yield return IngestItem.Fail(item.Url, page.Error ?? "no body");
                continue;
            }

            // The URL is the article's identity: the same page fetched again is the same article.
            var article = Html.ToArticle(item.Url, page.Body);
            yield return article is null
                ? IngestItem.Fail(item.Url, "the page has no article text")
                : IngestItem.Ok(item.Url, article with
                {
                    Url = item.Url,
                    Title = article.Title ?? item.Title,
                    PublishedAt = article.PublishedAt ?? item.PublishedAt,
                    Source = source.Name,
                });
        }
    }

    /// <summary>A link of a feed or list; <see cref="Error"/> says why it cannot be fetched (it is no URL).</summary>
    private sealed record FeedItem(string Url, string? Title = null, DateTimeOffset? PublishedAt = null, string? Error = null);

    private static List<string> UrlsOf(SourceOptions source)
    {
        var urls = new List<string>(source.Urls);
        if (source.Path is { } path)
        {
            urls.AddRange(File.ReadLines(path).Select(l => l.Trim()).Where(l => l.Length > 0 && !l.StartsWith('#')));
        }

        return urls;
    }

    private static IEnumerable<FeedItem> ListUrls(IEnumerable<string> urls) =>
        urls.Distinct(StringComparer.Ordinal).Select(u => Uri.TryCreate(u, UriKind.Absolute, out _) ? new FeedItem(u) : new FeedItem(u, Error: "not a valid absolute URL"));

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
                    items.Add(Item(baseUri, link, Child(element, "title")?.Value.Trim(), Date(Child(element, "pubDate")?.Value)));
                }
            }
            else if (name == "entry")
            {
                var link = element.Elements().Where(e => e.Name.LocalName == "link")
                    .FirstOrDefault(e => (string?)e.Attribute("rel") is null or "alternate")?.Attribute("href")?.Value.Trim();
                if (!string.IsNullOrEmpty(link))
                {
                    items.Add(Item(baseUri, link, Child(element, "title")?.Value.Trim(), Date(Child(element, "published")?.Value ?? Child(element, "updated")?.Value)));
                }
            }
        }

        return items;
    }

    private static XElement? Child(XElement element, string localName) => element.Elements().FirstOrDefault(e => e.Name.LocalName == localName);

    /// <summary>A link against the feed's address; one that is no URL at all (<c>http://[::1</c>) becomes a failed item of its own.</summary>
    private static FeedItem Item(Uri baseUri, string link, string? title, DateTimeOffset? publishedAt) =>
        Uri.TryCreate(baseUri, link, out var resolved) && resolved.IsAbsoluteUri
            ? new FeedItem(resolved.AbsoluteUri, title, publishedAt)
            : new FeedItem(link, title, publishedAt, $"the feed's link is not a valid URL: {link}");

    private static DateTimeOffset? Date(string? value) =>
        DateTimeOffset.TryParse(value, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) ? d : null;

    private static UserErrorException Missing(SourceOptions source, string what) =>
        new($"Source {source.Name} ({source.Kind}) needs {what} in configuration.");
}
