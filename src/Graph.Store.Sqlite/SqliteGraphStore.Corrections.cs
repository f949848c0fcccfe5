using Graph.Core.Corrections;
using Microsoft.Data.Sqlite;

namespace Graph.Store.Sqlite;

/// <summary>The embedded store keeps corrections in its own file, in the <c>corrections</c> table beside the graph.</summary>
public sealed partial class SqliteGraphStore : ICorrectionLog
{
    private const string CorrectionColumns = "id, kind, subject, article_id, into_id, name, previous, detail, reason, made_by, made_at, undone_by, undone_at";

    /// <summary>Neither evidence end names the actor (both indexes lead with an end).</summary>
    private const string Unused = "NOT EXISTS (SELECT 1 FROM evidence WHERE source = @id) AND NOT EXISTS (SELECT 1 FROM evidence WHERE target = @id)";

    public Task AddCorrectionAsync(Correction correction, CancellationToken ct = default) =>
        WriteAsync($"""
            INSERT INTO corrections ({CorrectionColumns})
            VALUES (@id, @kind, @subject, @article, @into, @name, @previous, @detail, @reason, @by, @at, NULL, NULL);
            """, ct,
            ("@id", correction.Id), ("@kind", correction.Kind.ToString()), ("@subject", correction.Subject), ("@article", correction.ArticleId),
            ("@into", correction.Into), ("@name", correction.Name), ("@previous", correction.Previous), ("@detail", correction.Detail),
            ("@reason", correction.Reason), ("@by", correction.By), ("@at", Text.Instant(correction.At)));

    public async Task<IReadOnlyList<Correction>> GetCorrectionsAsync(bool activeOnly, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var cmd = Command(connection, $"""
            SELECT {CorrectionColumns} FROM corrections {(activeOnly ? "WHERE undone_at IS NULL" : "")} ORDER BY made_at, id;
            """);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        var corrections = new List<Correction>();
        while (await reader.ReadAsync(ct))
        {
            corrections.Add(new Correction(
                reader.GetString(0),
                Enum.Parse<CorrectionKind>(reader.GetString(1)),
                reader.GetString(2),
                NullableString(reader, 3),
                NullableString(reader, 4),
                NullableString(reader, 5),
                NullableString(reader, 6),
                reader.GetString(7),
                reader.GetString(8),
                reader.GetString(9),
                Text.ParseInstant(reader.GetString(10)))
            {
                UndoneBy = NullableString(reader, 11),
                UndoneAt = NullableString(reader, 12) is { } undone ? Text.ParseInstant(undone) : null,
            });
        }

        return corrections;
    }

    public async Task<bool> UndoCorrectionAsync(string id, string by, DateTimeOffset at, CancellationToken ct = default) =>
        await WriteAsync("UPDATE corrections SET undone_by = @by, undone_at = @at WHERE id = @id AND undone_at IS NULL;", ct,
            ("@id", id), ("@by", by), ("@at", Text.Instant(at))) > 0;

    public Task RenameActorAsync(string actorId, string name, CancellationToken ct = default) =>
        WriteAsync("""
            INSERT INTO actor_aliases (actor_id, alias) SELECT id, name FROM actors WHERE id = @id AND name <> @name ON CONFLICT DO NOTHING;
            UPDATE actors SET name = @name WHERE id = @id;
            """, ct, ("@id", actorId), ("@name", name));

    public Task RemoveAliasAsync(string actorId, string alias, CancellationToken ct = default) =>
        WriteAsync("DELETE FROM actor_aliases WHERE actor_id = @id AND alias = @alias;", ct, ("@id", actorId), ("@alias", alias));

    public Task FoldActorAsync(string from, string into, CancellationToken ct = default) =>
        WriteAsync($"""
            INSERT INTO actor_aliases (actor_id, alias)
                SELECT @into, name FROM actors WHERE id = @id AND EXISTS (SELECT 1 FROM actors WHERE id = @into)
                UNION ALL SELECT @into, alias FROM actor_aliases WHERE actor_id = @id AND EXISTS (SELECT 1 FROM actors WHERE id = @into)
                ON CONFLICT DO NOTHING;
            DELETE FROM actors WHERE id = @id AND {Unused};
            """, ct, ("@id", from), ("@into", into));

    public Task RemoveActorIfUnusedAsync(string actorId, CancellationToken ct = default) =>
        WriteAsync($"DELETE FROM actors WHERE id = @id AND {Unused};", ct, ("@id", actorId));

    private async Task<int> WriteAsync(string sql, CancellationToken ct, params (string Name, string? Value)[] parameters)
    {
        await using var connection = await OpenAsync(ct);
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        await using var cmd = Command(connection, sql, tx: tx);
        foreach (var (name, value) in parameters)
        {
            cmd.Parameters.AddWithValue(name, (object?)value ?? DBNull.Value);
        }

        int changed = await cmd.ExecuteNonQueryAsync(ct);
        await tx.CommitAsync(ct);
        return changed;
    }
}
