using System.Text.Json;
using Graph.Core;
using Graph.Core.Domain;
using Graph.Core.Storage;
using Microsoft.Data.Sqlite;

namespace Graph.Store.Sqlite;

public sealed partial class SqliteGraphStore
{
    public async Task<SaveResult> SaveArticleAsync(Article article, ArticleExtraction extraction, string extractorVersion, CancellationToken ct = default) =>
        (await SaveArticlesAsync([new ArticleToSave(article, extraction)], extractorVersion, ct))[0];

    /// <summary>
    /// All in one transaction: a bulk load pays one commit for the batch instead of one per article. A write that finds
    /// the file locked by another process past the busy timeout is tried again from the start, a few times.
    /// </summary>
    public async Task<IReadOnlyList<SaveResult>> SaveArticlesAsync(IReadOnlyList<ArticleToSave> articles, string extractorVersion, CancellationToken ct = default)
    {
        foreach (var a in articles)
        {
            SaveContract.EnsureValid(a.Article, a.Extraction, extractorVersion);
        }

        for (int attempt = 1; ; attempt++)
        {
            try
            {
                return await SaveOnceAsync(articles, extractorVersion, ct);
            }
            catch (SqliteException e) when (IsBusy(e) && attempt <= BusyRetries)
            {
                await Task.Delay(TimeSpan.FromMilliseconds(200 * (1 << attempt)), _time, ct);
            }
            catch (SqliteException e) when (WriteRefused.Is(e))
            {
                throw new StorageFullException(_path, e);
            }
        }
    }

    /// <summary>SQLITE_BUSY and SQLITE_LOCKED: another process holds the write lock; anything else is not retried.</summary>
    public static bool IsBusy(SqliteException e) => e.SqliteErrorCode is 5 or 6;

    private async Task<IReadOnlyList<SaveResult>> SaveOnceAsync(IReadOnlyList<ArticleToSave> articles, string extractorVersion, CancellationToken ct)
    {
        await using var connection = await OpenAsync(ct);
        // BEGIN IMMEDIATE: take the write lock before reading, so two processes saving at once wait for each other
        // instead of failing when a read transaction tries to become a write one.
        await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
        var results = new SaveResult[articles.Count];
        var segment = new List<int>();
        var ids = new HashSet<string>(StringComparer.Ordinal);
        for (int i = 0; i < articles.Count; i++)
        {
            if (!ids.Add(articles[i].Article.Id))
            {
                // The same article twice: the second is decided on what the first wrote.
                await SaveSegmentAsync(connection, tx, articles, segment, results, extractorVersion, ct);
                segment.Clear();
                ids = [articles[i].Article.Id];
            }

            segment.Add(i);
        }

        await SaveSegmentAsync(connection, tx, articles, segment, results, extractorVersion, ct);
        await tx.CommitAsync(ct);
        for (int i = 0; i < articles.Count; i++)
        {
            var r = results[i];
            if (r.Outcome is SaveOutcome.Added or SaveOutcome.Updated)
            {
                Log.Saved(_logger, articles[i].Article.Id, r.Outcome, r.Actors, r.Relations, r.RemovedRelations);
            }
        }

        return results;
    }

    /// <summary>
    /// Articles of distinct ids, in order: each decided and written, then the actors of all of them merged once (a batch
    /// names the same few actors over and over), then their evidence, which points at those actors.
    /// </summary>
    private async Task SaveSegmentAsync(
        SqliteConnection connection, SqliteTransaction tx, IReadOnlyList<ArticleToSave> articles, List<int> segment, SaveResult[] results, string extractorVersion, CancellationToken ct)
    {
        var written = new List<(int Index, HashSet<string>? OldEvidence)>(segment.Count);
        foreach (int i in segment)
        {
            var (skip, stored) = await WriteArticleAsync(connection, tx, articles[i], extractorVersion, ct);
            if (skip is not null)
            {
                results[i] = skip;
            }
            else
            {
                written.Add((i, stored ? await TakeOldEvidenceAsync(connection, tx, articles[i].Article.Id, ct) : null));
            }
        }

        await UpsertActorsAsync(connection, tx, [.. written.SelectMany(w => articles[w.Index].Extraction.Actors)], ct);
        foreach (var (i, oldEvidence) in written)
        {
            var (article, extraction) = (articles[i].Article, articles[i].Extraction);
            var newEvidence = await InsertEvidenceAsync(connection, tx, article, extraction.Relations, extractorVersion, ct);
            results[i] = new SaveResult(
                oldEvidence is null ? SaveOutcome.Added : SaveOutcome.Updated,
                extraction.Actors.Select(a => a.Id).Distinct(StringComparer.Ordinal).Count(),
                newEvidence.Count,
                oldEvidence?.Count(id => !newEvidence.Contains(id)) ?? 0);
        }
    }

    /// <summary>
    /// Writes the article's row and says whether it was stored before, unless the store decides it is current or a
    /// duplicate: then that result.
    /// </summary>
    private async Task<(SaveResult? Skip, bool Stored)> WriteArticleAsync(SqliteConnection connection, SqliteTransaction tx, ArticleToSave toSave, string extractorVersion, CancellationToken ct)
    {
        var article = toSave.Article;
        string hash = article.ContentHash;
        var state = await StoredStateAsync(connection, tx, article.Id, hash, toSave.SkipDuplicateText, ct);
        if (SaveContract.Skip(state.Hash, state.Version, state.HolderOfSameText, hash, extractorVersion, toSave.Replace) is { } skip)
        {
            return (skip, true);
        }

        await UpsertArticleAsync(connection, tx, article, hash, extractorVersion, ct);
        return (null, state.Hash is not null);
    }

    /// <summary>Deletes the stored article's evidence and returns its ids.</summary>
    private static async Task<HashSet<string>> TakeOldEvidenceAsync(SqliteConnection connection, SqliteTransaction tx, string articleId, CancellationToken ct)
    {
        await using var cmd = Command(connection, "DELETE FROM evidence WHERE article_id = @id RETURNING id;", tx: tx);
        cmd.Parameters.AddWithValue("@id", articleId);
        var old = new HashSet<string>(StringComparer.Ordinal);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            old.Add(reader.GetString(0));
        }

        return old;
    }

    private async Task UpsertArticleAsync(SqliteConnection connection, SqliteTransaction tx, Article article, string hash, string extractorVersion, CancellationToken ct)
    {
        await using var cmd = Command(connection, """
            INSERT INTO articles (id, title, url, source, published_at, content_hash, extractor_version, ingested_at, text)
            VALUES (@id, @title, @url, @source, @published, @hash, @version, @ingested, @text)
            ON CONFLICT (id) DO UPDATE SET
                title = excluded.title, url = excluded.url, source = excluded.source, published_at = excluded.published_at,
                content_hash = excluded.content_hash, extractor_version = excluded.extractor_version,
                ingested_at = excluded.ingested_at, text = excluded.text;
            """, tx: tx);
        cmd.Parameters.AddWithValue("@id", article.Id);
        cmd.Parameters.AddWithValue("@title", (object?)article.Title ?? DBNull.Value);
        cmd.Parameters.AddWithValue("@url", (object?)article.Url ?? DBNull.Value);
        cmd.Parameters.AddWithValue("@source", (object?)article.Source ?? DBNull.Value);
        cmd.Parameters.AddWithValue("@published", article.PublishedAt is { } p ? Text.Instant(p) : DBNull.Value);
        cmd.Parameters.AddWithValue("@hash", hash);
        cmd.Parameters.AddWithValue("@version", extractorVersion);
        cmd.Parameters.AddWithValue("@ingested", Text.Instant(_time.GetUtcNow()));
        cmd.Parameters.AddWithValue("@text", article.Text);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    /// <summary>
    /// Merges actors by id: the first kind stored stays; of two spellings of the name ("Bozdag", "Bozdağ") the one that
    /// sorts first, so that two workers storing in either order agree; codes and
    /// aliases are unioned (a stored code wins over a different value for the same key), new affiliations are added.
    /// </summary>
    private static async Task UpsertActorsAsync(SqliteConnection connection, SqliteTransaction tx, IReadOnlyList<Actor> actors, CancellationToken ct)
    {
        actors = Merge(actors);
        await using var actor = Command(connection, """
            INSERT INTO actors (id, name, kind, codes) VALUES (@id, @name, @kind, @codes)
            ON CONFLICT (id) DO UPDATE SET codes = json_patch(excluded.codes, actors.codes),
                name = CASE WHEN excluded.name < actors.name THEN excluded.name ELSE actors.name END;
            """, tx: tx);
        var actorId = actor.Parameters.Add("@id", SqliteType.Text);
        var name = actor.Parameters.Add("@name", SqliteType.Text);
        var kind = actor.Parameters.Add("@kind", SqliteType.Text);
        var codes = actor.Parameters.Add("@codes", SqliteType.Text);

        // Of two casings of an alias ("Rebel fighters", "rebel fighters") the one that sorts first stays, whatever the order.
        await using var alias = Command(connection, """
            INSERT INTO actor_aliases (actor_id, alias) VALUES (@id, @alias)
            ON CONFLICT (actor_id, alias) DO UPDATE SET alias = excluded.alias WHERE excluded.alias COLLATE BINARY < actor_aliases.alias;
            """, tx: tx);
        var aliasActor = alias.Parameters.Add("@id", SqliteType.Text);
        var aliasText = alias.Parameters.Add("@alias", SqliteType.Text);

        await using var affiliation = Command(connection, """
            INSERT OR IGNORE INTO affiliations (actor_id, affiliated_id, role, from_day, until_day)
            VALUES (@id, @affiliated, @role, @from, @until);
            """, tx: tx);
        var affiliationActor = affiliation.Parameters.Add("@id", SqliteType.Text);
        var affiliated = affiliation.Parameters.Add("@affiliated", SqliteType.Text);
        var role = affiliation.Parameters.Add("@role", SqliteType.Text);
        var from = affiliation.Parameters.Add("@from", SqliteType.Text);
        var until = affiliation.Parameters.Add("@until", SqliteType.Text);

        foreach (var a in actors)
        {
            actorId.Value = a.Id;
            name.Value = a.Name;
            kind.Value = Text.Kind.Of(a.Kind);
            codes.Value = JsonSerializer.Serialize(a.Codes);
            await actor.ExecuteNonQueryAsync(ct);

            foreach (string text in a.Aliases.Where(x => !string.IsNullOrWhiteSpace(x)))
            {
                aliasActor.Value = a.Id;
                aliasText.Value = text;
                await alias.ExecuteNonQueryAsync(ct);
            }

            foreach (var f in a.Affiliations)
            {
                affiliationActor.Value = a.Id;
                affiliated.Value = f.ActorId;
                role.Value = f.Role;
                from.Value = f.From is { } d1 ? Text.Day(d1) : DBNull.Value;
                until.Value = f.Until is { } d2 ? Text.Day(d2) : DBNull.Value;
                await affiliation.ExecuteNonQueryAsync(ct);
            }
        }
    }

    /// <summary>
    /// One actor per id, as upserting them one after the other would leave it: the first kind, the name that sorts first, codes unioned
    /// with the earlier value winning, aliases and affiliations unioned.
    /// </summary>
    private static List<Actor> Merge(IReadOnlyList<Actor> actors)
    {
        var merged = new Dictionary<string, Actor>(StringComparer.Ordinal);
        var order = new List<string>();
        foreach (var a in actors)
        {
            if (!merged.TryGetValue(a.Id, out var m))
            {
                merged[a.Id] = a;
                order.Add(a.Id);
                continue;
            }

            var codes = new Dictionary<string, string>(a.Codes, StringComparer.Ordinal);
            foreach (var (key, value) in m.Codes)
            {
                codes[key] = value;
            }

            merged[a.Id] = m with
            {
                Name = string.CompareOrdinal(a.Name, m.Name) < 0 ? a.Name : m.Name,
                Codes = codes,
                Aliases = [.. m.Aliases.Union(a.Aliases, StringComparer.Ordinal)],
                Affiliations = [.. m.Affiliations.Union(a.Affiliations)],
            };
        }

        return [.. order.Select(id => merged[id])];
    }

    private static async Task<HashSet<string>> InsertEvidenceAsync(
        SqliteConnection connection, SqliteTransaction tx, Article article, IReadOnlyList<Relation> relations, string extractorVersion, CancellationToken ct)
    {
        // The same reading twice in one sentence is one piece of evidence, not two.
        await using var cmd = Command(connection, """
            INSERT INTO evidence (id, article_id, source, target, type, polarity, score, confidence, modality, sentence,
                                  start_offset, end_offset, said_by, event_date, day, published_at, article_title, article_url,
                                  extractor_version)
            VALUES (@id, @article, @source, @target, @type, @polarity, @score, @confidence, @modality, @sentence,
                    @start, @end, @saidBy, @eventDate, @day, @published, @title, @url, @version)
            ON CONFLICT DO NOTHING;
            """, tx: tx);
        var id = cmd.Parameters.Add("@id", SqliteType.Text);
        cmd.Parameters.AddWithValue("@article", article.Id);
        var source = cmd.Parameters.Add("@source", SqliteType.Text);
        var target = cmd.Parameters.Add("@target", SqliteType.Text);
        var type = cmd.Parameters.Add("@type", SqliteType.Text);
        var polarity = cmd.Parameters.Add("@polarity", SqliteType.Integer);
        var score = cmd.Parameters.Add("@score", SqliteType.Real);
        var confidence = cmd.Parameters.Add("@confidence", SqliteType.Real);
        var modality = cmd.Parameters.Add("@modality", SqliteType.Text);
        var sentence = cmd.Parameters.Add("@sentence", SqliteType.Text);
        var start = cmd.Parameters.Add("@start", SqliteType.Integer);
        var end = cmd.Parameters.Add("@end", SqliteType.Integer);
        var saidBy = cmd.Parameters.Add("@saidBy", SqliteType.Text);
        var eventDate = cmd.Parameters.Add("@eventDate", SqliteType.Text);
        var day = cmd.Parameters.Add("@day", SqliteType.Text);
        cmd.Parameters.AddWithValue("@published", article.PublishedAt is { } p ? Text.Instant(p) : DBNull.Value);
        cmd.Parameters.AddWithValue("@title", (object?)article.Title ?? DBNull.Value);
        cmd.Parameters.AddWithValue("@url", (object?)article.Url ?? DBNull.Value);
        cmd.Parameters.AddWithValue("@version", extractorVersion);

        var inserted = new HashSet<string>(StringComparer.Ordinal);
        foreach (var r in relations)
        {
            string evidenceId = EvidenceId(article.Id, r);
            id.Value = evidenceId;
            source.Value = r.Source;
            target.Value = r.Target;
            type.Value = Text.Type.Of(r.Type);
            polarity.Value = r.Polarity;
            score.Value = r.Score;
            confidence.Value = r.Confidence;
            modality.Value = Text.Modality.Of(r.Modality);
            sentence.Value = r.Sentence;
            start.Value = r.Start;
            end.Value = r.End;
            saidBy.Value = (object?)r.SaidBy ?? DBNull.Value;
            eventDate.Value = r.EventDate is { } e ? Text.Day(e) : DBNull.Value;
            day.Value = (r.EventDate ?? article.PublishedDay) is { } d ? Text.Day(d) : DBNull.Value;
            if (await cmd.ExecuteNonQueryAsync(ct) > 0)
            {
                inserted.Add(evidenceId);
            }
        }

        return inserted;
    }
}
