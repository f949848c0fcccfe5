using System.Globalization;

namespace Graph.Worker;

/// <summary>
/// The ETag and Last-Modified last seen per URL, for conditional GETs. A cache of this host's own fetches, so it stays in
/// the local <c>worker.db</c> whatever the store: losing it only costs one full download per URL.
/// </summary>
public sealed class HttpValidators(WorkerDatabase database, TimeProvider time)
{
    public async Task<(string? ETag, string? LastModified)> GetAsync(string url, CancellationToken ct = default)
    {
        await using var connection = await database.OpenInitializedAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = "SELECT etag, last_modified FROM http_validators WHERE url = $url;";
        command.Parameters.AddWithValue("$url", url);
        await using var reader = await command.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct)
            ? (reader.IsDBNull(0) ? null : reader.GetString(0), reader.IsDBNull(1) ? null : reader.GetString(1))
            : (null, null);
    }

    public async Task SaveAsync(string url, string? etag, string? lastModified, CancellationToken ct = default)
    {
        await using var connection = await database.OpenInitializedAsync(ct);
        await using var command = connection.CreateCommand();
        command.CommandText = """
            INSERT INTO http_validators (url, etag, last_modified, fetched_at) VALUES ($url, $etag, $lm, $at)
            ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, fetched_at = excluded.fetched_at;
            """;
        command.Parameters.AddWithValue("$url", url);
        command.Parameters.AddWithValue("$etag", (object?)etag ?? DBNull.Value);
        command.Parameters.AddWithValue("$lm", (object?)lastModified ?? DBNull.Value);
        command.Parameters.AddWithValue("$at", time.GetUtcNow().UtcDateTime.ToString("O", CultureInfo.InvariantCulture));
        await command.ExecuteNonQueryAsync(ct);
    }
}
