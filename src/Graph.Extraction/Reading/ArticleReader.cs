using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using Graph.Core.Domain;

namespace Graph.Extraction.Reading;

/// <summary>
/// Reads articles from a <c>.txt</c>, <c>.html</c>, <c>.json</c> or <c>.jsonl</c> file, or a folder of them.
/// Text is decoded strictly as UTF-8: a file with invalid bytes is refused rather than silently altered,
/// because offsets into a text we changed would point at the wrong sentence.
/// </summary>
public sealed class ArticleReader(ReaderOptions? options = null)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private static readonly string[] Extensions = [".txt", ".html", ".htm", ".json", ".jsonl"];
    private readonly ReaderOptions _options = options ?? new ReaderOptions();

    public async IAsyncEnumerable<ReadResult> ReadAsync(string path, [EnumeratorCancellation] CancellationToken ct = default)
    {
        if (Directory.Exists(path))
        {
            var files = Directory.EnumerateFiles(path, "*", SearchOption.AllDirectories)
                .Where(f => Extensions.Contains(Path.GetExtension(f).ToLowerInvariant()))
                .Order(StringComparer.Ordinal);
            foreach (var file in files)
            {
                await foreach (var result in ReadFileAsync(file, ct))
                {
                    yield return result;
                }
            }
        }
        else if (File.Exists(path))
        {
            await foreach (var result in ReadFileAsync(path, ct))
            {
                yield return result;
            }
        }
        else
        {
            yield return ReadResult.Fail(path, "no such file or folder");
        }
    }

    private IAsyncEnumerable<ReadResult> ReadFileAsync(string file, CancellationToken ct) =>
        Path.GetExtension(file).ToLowerInvariant() switch
        {
            ".jsonl" => ReadJsonLinesAsync(file, ct),
            _ => ReadWholeFileAsync(file, ct),
        };

    private async IAsyncEnumerable<ReadResult> ReadWholeFileAsync(string file, [EnumeratorCancellation] CancellationToken ct)
    {
        var name = Path.GetFileName(file);
        var length = new FileInfo(file).Length;
        if (length > _options.MaxArticleBytes)
        {
            yield return ReadResult.Fail(file, $"file is {Megabytes(length)}; one article may be at most {Megabytes(_options.MaxArticleBytes)}");
            yield break;
        }

        var bytes = await File.ReadAllBytesAsync(file, ct);
        if (Decode(bytes, out var text) is { } error)
        {
            yield return ReadResult.Fail(file, error);
            yield break;
        }

        switch (Path.GetExtension(file).ToLowerInvariant())
        {
            case ".json":
                foreach (var result in ParseJsonDocument(file, name, text))
                {
                    yield return result;
                }

                break;
            case ".html" or ".htm":
                yield return Checked(file, HtmlArticle.Read(name, text));
                break;
            default:
                yield return Checked(file, PlainTextArticle(name, text));
                break;
        }
    }

    private async IAsyncEnumerable<ReadResult> ReadJsonLinesAsync(string file, [EnumeratorCancellation] CancellationToken ct)
    {
        // Streamed line by line so that a 100 MB feed costs the memory of one article, not of the file.
        using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        var lineNumber = 0;
        var fallbackId = Path.GetFileNameWithoutExtension(file);
        await foreach (var line in ReadLinesAsync(stream, ct))
        {
            lineNumber++;
            var origin = $"{file}:{lineNumber}";
            if (line.Error is not null)
            {
                yield return ReadResult.Fail(origin, line.Error);
                continue;
            }

            if (string.IsNullOrWhiteSpace(line.Text))
            {
                continue;
            }

            yield return ParseJsonRecord(origin, $"{fallbackId}-{lineNumber}", line.Text);
        }
    }

    private readonly record struct Line(string? Text, string? Error);

    private async IAsyncEnumerable<Line> ReadLinesAsync(Stream stream, [EnumeratorCancellation] CancellationToken ct)
    {
        var buffer = new byte[1 << 16];
        using var current = new MemoryStream();
        var tooLong = false;
        int read;
        while ((read = await stream.ReadAsync(buffer, ct)) > 0)
        {
            var start = 0;
            for (var i = 0; i < read; i++)
            {
                if (buffer[i] != (byte)'\n')
                {
                    continue;
                }

                if (!tooLong)
                {
                    current.Write(buffer, start, i - start);
                }

                yield return Finish(current, tooLong);
                current.SetLength(0);
                tooLong = false;
                start = i + 1;
            }

            if (!tooLong)
            {
                current.Write(buffer, start, read - start);
                if (current.Length > _options.MaxArticleBytes)
                {
                    tooLong = true;
                    current.SetLength(0);
                }
            }
        }

        if (current.Length > 0 || tooLong)
        {
            yield return Finish(current, tooLong);
        }
    }

    private Line Finish(MemoryStream current, bool tooLong)
    {
        if (tooLong)
        {
            return new Line(null, $"record is larger than {Megabytes(_options.MaxArticleBytes)}");
        }

        return Decode(current.GetBuffer().AsSpan(0, (int)current.Length), out var text) is { } error
            ? new Line(null, error)
            : new Line(text, null);
    }

    private static IEnumerable<ReadResult> ParseJsonDocument(string file, string name, string text)
    {
        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException e)
        {
            return [ReadResult.Fail(file, $"not valid JSON: {e.Message}")];
        }

        using (document)
        {
            return document.RootElement.ValueKind switch
            {
                JsonValueKind.Object => [Checked(file, JsonArticle.From(document.RootElement, Path.GetFileNameWithoutExtension(name)))],
                JsonValueKind.Array => document.RootElement.EnumerateArray()
                    .Select((e, i) => Checked($"{file}[{i}]", JsonArticle.From(e, $"{Path.GetFileNameWithoutExtension(name)}-{i + 1}")))
                    .ToList(),
                _ => [ReadResult.Fail(file, "expected a JSON object or an array of objects")],
            };
        }
    }

    private static ReadResult ParseJsonRecord(string origin, string fallbackId, string text)
    {
        try
        {
            using var document = JsonDocument.Parse(text);
            return Checked(origin, JsonArticle.From(document.RootElement, fallbackId));
        }
        catch (JsonException e)
        {
            return ReadResult.Fail(origin, $"not valid JSON: {e.Message}");
        }
    }

    private static ReadResult Checked(string origin, (Article? Article, string? Error) parsed) =>
        parsed.Article is { } article
            ? string.IsNullOrWhiteSpace(article.Text) ? ReadResult.Fail(origin, "the article has no text") : ReadResult.Ok(origin, article)
            : ReadResult.Fail(origin, parsed.Error ?? "unreadable");

    private static (Article?, string?) PlainTextArticle(string name, string text)
    {
        // The first line that reads like a headline; furniture such as "Skip to main content" is not a title.
        var title = text.Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
            .FirstOrDefault(l => l.Length <= 200 && !l.StartsWith("Skip to", StringComparison.OrdinalIgnoreCase));
        return (new Article(name, text, title, Source: name), null);
    }

    /// <summary>Strict UTF-8 with a BOM allowed; binary content (NUL bytes) and invalid sequences are refused.</summary>
    internal static string? Decode(ReadOnlySpan<byte> bytes, out string text)
    {
        text = "";
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF]))
        {
            bytes = bytes[3..];
        }

        if (bytes.IndexOf((byte)0) >= 0)
        {
            return "binary content (NUL bytes): not a text article";
        }

        try
        {
            text = StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException e)
        {
            return $"not valid UTF-8 (bad byte at offset {e.Index})";
        }

        // Offsets are counted in this text, so line endings are settled once, here.
        text = text.Replace("\r\n", "\n", StringComparison.Ordinal).Replace('\r', '\n');
        return null;
    }

    private static string Megabytes(long bytes) => $"{bytes / 1024.0 / 1024.0:0.0} MB";
}
