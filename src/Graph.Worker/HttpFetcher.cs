using System.Net;
using System.Net.Http.Headers;
using System.Text;
using Microsoft.Extensions.Options;

namespace Graph.Worker;

/// <summary>What a GET returned: a body, "not modified since last time", or an error.</summary>
public sealed record Fetched(string Url, string? Body, bool NotModified, string? Error);

/// <summary>
/// Polite HTTP: a timeout and a size cap on every request, a <c>User-Agent</c> saying who fetches, and
/// conditional requests (ETag / Last-Modified remembered per URL) so unchanged pages are not downloaded again.
/// </summary>
public sealed class HttpFetcher(HttpClient client, HttpValidators validators, IOptions<WorkerOptions> options)
{
    private readonly WorkerOptions _options = options.Value;

    /// <summary>GETs <paramref name="url"/>; with <paramref name="conditional"/> false it downloads even when the validators say nothing changed (a retry after a failure).</summary>
    public async Task<Fetched> GetAsync(string url, bool conditional, CancellationToken ct)
    {
        using var request = new HttpRequestMessage(HttpMethod.Get, url);
        request.Headers.UserAgent.ParseAdd(_options.UserAgent);
        var (etag, lastModified) = conditional ? await validators.GetAsync(url, ct) : (null, null);
        if (etag is not null && EntityTagHeaderValue.TryParse(etag, out var tag))
        {
            request.Headers.IfNoneMatch.Add(tag);
        }

        if (lastModified is not null && DateTimeOffset.TryParse(lastModified, System.Globalization.CultureInfo.InvariantCulture, System.Globalization.DateTimeStyles.AssumeUniversal, out var since))
        {
            request.Headers.IfModifiedSince = since;
        }

        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(ct);
        timeout.CancelAfter(TimeSpan.FromSeconds(_options.HttpTimeoutSeconds));
        try
        {
            using var response = await client.SendAsync(request, HttpCompletionOption.ResponseHeadersRead, timeout.Token);
            if (response.StatusCode == HttpStatusCode.NotModified)
            {
                return new Fetched(url, null, true, null);
            }

            if (!response.IsSuccessStatusCode)
            {
                return new Fetched(url, null, false, $"HTTP {(int)response.StatusCode} {response.ReasonPhrase}");
            }

            if (response.Content.Headers.ContentLength > _options.MaxResponseBytes)
            {
                return new Fetched(url, null, false, $"response is {response.Content.Headers.ContentLength} bytes; at most {_options.MaxResponseBytes} are read");
            }

            var body = await ReadCappedAsync(response.Content, timeout.Token);
            if (body is null)
            {
                return new Fetched(url, null, false, $"response is larger than {_options.MaxResponseBytes} bytes");
            }

            // Remembered only once the body was read, so a failed download is fetched in full next time.
            await validators.SaveAsync(url, response.Headers.ETag?.ToString(), response.Content.Headers.LastModified?.ToString("R"), ct);
            return new Fetched(url, body, false, null);
        }
        catch (OperationCanceledException) when (!ct.IsCancellationRequested)
        {
            return new Fetched(url, null, false, $"no answer within {_options.HttpTimeoutSeconds} s");
        }
        catch (HttpRequestException e)
        {
            return new Fetched(url, null, false, e.Message);
        }
    }

    private async Task<string?> ReadCappedAsync(HttpContent content, CancellationToken ct)
    {
        await using var stream = await content.ReadAsStreamAsync(ct);
        using var buffer = new MemoryStream();
        var chunk = new byte[1 << 16];
        int read;
        while ((read = await stream.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > _options.MaxResponseBytes)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        var encoding = Encoding.UTF8;
        if (content.Headers.ContentType?.CharSet is { Length: > 0 } charset)
        {
            try
            {
                encoding = Encoding.GetEncoding(charset.Trim('"'));
            }
            catch (ArgumentException)
            {
                // An unknown charset label: UTF-8 is the web's default and the best guess.
            }
        }

        return encoding.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
    }
}
