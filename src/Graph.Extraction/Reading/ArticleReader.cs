using System.Runtime.CompilerServices;
using System.Text;
using System.Text.Json;
using System.Text.RegularExpressions;
using Graph.Core.Domain;

namespace Graph.Extraction.Reading;

/// <summary>
/// Reads articles from a <c>.txt</c>, <c>.html</c>, <c>.json</c> or <c>.jsonl</c> file, or a folder of them.
/// Text is decoded strictly as UTF-8: a file with invalid bytes is refused rather than silently altered,
/// because offsets into a text we changed would point at the wrong sentence.
/// </summary>
public sealed partial class ArticleReader(ReaderOptions? options = null)
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);
    private readonly ReaderOptions _options = options ?? new ReaderOptions();

    /// <summary>
    /// Every article under <paramref name="path"/>, and every file, line or record that cannot be read, with the reason:
    /// one bad entry never stops the others. Only cancellation throws.
    /// </summary>
    public async IAsyncEnumerable<ReadResult> ReadAsync(string path, [EnumeratorCancellation] CancellationToken ct = default)
    {
        foreach (var file in ArticleFiles.Under(path))
        {
            ct.ThrowIfCancellationRequested();
            if (file.Error is not null)
            {
                yield return ReadResult.Fail(file.Path, file.Error);
                continue;
            }

            await foreach (var result in GuardedAsync(file.Path, ct))
            {
                yield return result;
            }
        }
    }

    /// <summary>
    /// One file's results; whatever else the file makes go wrong (a parser's bug, an error no one foresaw) ends that
    /// file alone, as one failure naming it, and the files after it are still read.
    /// </summary>
    private async IAsyncEnumerable<ReadResult> GuardedAsync(string file, [EnumeratorCancellation] CancellationToken ct)
    {
        await using var results = ReadFileAsync(file, ct).GetAsyncEnumerator(ct);
        var read = 0;
        while (true)
        {
            ReadResult result;
            try
            {
                if (!await results.MoveNextAsync())
                {
                    yield break;
                }

                result = results.Current;
            }
            catch (Exception e) when (e is not OperationCanceledException and not OutOfMemoryException)
            {
                result = ReadResult.Fail(file, $"could not be read past its first {read} articles: {e.GetType().Name}: {e.Message}");
                read = -1;
            }

            yield return result;
            if (read < 0)
            {
                yield break;
            }

            read++;
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
        byte[]? bytes = null;
        string? error;
        try
        {
            (bytes, error) = await ReadLimitedAsync(file, ct);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"cannot read the file: {e.Message}";
        }

        string text = "";
        error ??= Decode(bytes, out text);
        if (error is not null)
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

    /// <summary>The file's bytes, or why not: read up to one byte past the limit, so a file that grows or never ends costs no more.</summary>
    private async Task<(byte[]? Bytes, string? Error)> ReadLimitedAsync(string file, CancellationToken ct)
    {
        await using var stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        if (stream.Length > _options.MaxArticleBytes)
        {
            return (null, TooLarge(stream.Length));
        }

        using var buffer = new MemoryStream((int)Math.Max(0, stream.Length));
        var chunk = new byte[1 << 16];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            buffer.Write(chunk, 0, read);
            if (buffer.Length > _options.MaxArticleBytes)
            {
                return (null, TooLarge(buffer.Length, atLeast: true));
            }
        }

        return (buffer.ToArray(), null);
    }

    private string TooLarge(long length, bool atLeast = false) =>
        $"file is {(atLeast ? "over " : "")}{Megabytes(length)}; one article may be at most {Megabytes(_options.MaxArticleBytes)}";

    private async IAsyncEnumerable<ReadResult> ReadJsonLinesAsync(string file, [EnumeratorCancellation] CancellationToken ct)
    {
        // Streamed line by line so that a 100 MB feed costs the memory of one article, not of the file.
        FileStream? stream = null;
        string? error = null;
        try
        {
            stream = new FileStream(file, FileMode.Open, FileAccess.Read, FileShare.Read, 1 << 16, FileOptions.SequentialScan);
        }
        catch (Exception e) when (e is IOException or UnauthorizedAccessException)
        {
            error = $"cannot read the file: {e.Message}";
        }

        if (stream is null)
        {
            yield return ReadResult.Fail(file, error!);
            yield break;
        }

        await using (stream)
        {
            var lineNumber = 0;
            var records = 0;
            var fallbackId = Path.GetFileNameWithoutExtension(file);
            await using var lines = ReadLinesAsync(stream, ct).GetAsyncEnumerator(ct);
            while (true)
            {
                try
                {
                    if (!await lines.MoveNextAsync())
                    {
                        break;
                    }
                }
                catch (Exception e) when (e is IOException or UnauthorizedAccessException)
                {
                    error = $"cannot read the file after line {lineNumber}: {e.Message}";
                    break;
                }

                var line = lines.Current;
                lineNumber++;
                var origin = $"{file}:{lineNumber}";
                if (line.Error is not null)
                {
                    records++;
                    yield return ReadResult.Fail(origin, line.Error);
                    continue;
                }

                if (string.IsNullOrWhiteSpace(line.Text))
                {
                    continue;
                }

                records++;
                yield return ParseJsonRecord(origin, $"{fallbackId}-{lineNumber}", line.Text);
            }

            if (error is not null || records == 0)
            {
                yield return ReadResult.Fail(file, error ?? "no articles: the file has no JSON lines");
            }
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
            return [ReadResult.Fail($"{file}:{(e.LineNumber ?? 0) + 1}", NotJson(e))];
        }

        using (document)
        {
            var root = document.RootElement;
            var stem = Path.GetFileNameWithoutExtension(name);
            return root.ValueKind switch
            {
                JsonValueKind.Object => [Checked(file, JsonArticle.From(root, stem))],
                JsonValueKind.Array when root.GetArrayLength() == 0 => [ReadResult.Fail(file, "no articles: the array is empty")],
                JsonValueKind.Array => root.EnumerateArray().Select((e, i) => Checked($"{file}[{i}]", JsonArticle.From(e, $"{stem}-{i + 1}"))).ToList(),
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
            return ReadResult.Fail(origin, NotJson(e));
        }
    }

    /// <summary>
    /// The parser's reason with the position counted from 1 (it counts lines and bytes from 0, which read as "line 0").
    /// The line goes into the origin (<c>file:line</c>), so only the column is said here.
    /// </summary>
    private static string NotJson(JsonException e)
    {
        var reason = ParserPosition().Replace(e.Message, "");
        return e.BytePositionInLine is { } column ? $"not valid JSON (column {column + 1}): {reason}" : $"not valid JSON: {reason}";
    }

    private static ReadResult Checked(string origin, (Article? Article, string? Error) parsed) =>
        parsed.Article is { } article
            ? ArticleCheck.Problem(article.Id, article.Text) is { } problem ? ReadResult.Fail(origin, problem) : ReadResult.Ok(origin, article)
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

    [GeneratedRegex(@"\s*(Path: \S*\s*\|\s*)?LineNumber: \d+ \| BytePositionInLine: \d+\.?\s*$")]
    private static partial Regex ParserPosition();

    private static string Megabytes(long bytes) => $"{bytes / 1024.0 / 1024.0:0.0} MB";
}
