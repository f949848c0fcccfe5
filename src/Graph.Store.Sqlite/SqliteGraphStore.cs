using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Graph.Core;
using Graph.Core.Domain;
using Graph.Core.Storage;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Logging.Abstractions;

namespace Graph.Store.Sqlite;

/// <summary>
/// The embedded graph store: one SQLite file in WAL mode, shared safely by several processes (two CLI runs and
/// the server). Every call takes its own pooled connection, so the store is safe to use concurrently.
/// </summary>
public sealed partial class SqliteGraphStore : IGraphStore, IDisposable
{
    private const string EvidenceColumns = """
        e.id, e.article_id, e.source, e.target, e.type, e.polarity, e.score, e.confidence, e.modality, e.sentence,
        e.start_offset, e.end_offset, e.said_by, e.event_date, e.published_at, e.article_title, e.article_url, e.extractor_version
        """;

    /// <summary>An actor's row over alias <c>a</c>, with its aliases and affiliations as JSON arrays in stored order: one query reads it all.</summary>
    private const string ActorColumns = """
        a.id, a.name, a.kind, a.codes,
        (SELECT json_group_array(x.alias ORDER BY x.rowid) FROM actor_aliases x WHERE x.actor_id = a.id),
        (SELECT json_group_array(json_array(f.affiliated_id, f.role, f.from_day, f.until_day) ORDER BY f.rowid) FROM affiliations f WHERE f.actor_id = a.id)
        """;

    /// <summary>An actor over alias <c>a</c> whose id, name or an alias is <c>@name</c>, ignoring case.</summary>
    private const string NameMatch = """
        (id = @name COLLATE NOCASE OR name = @name COLLATE NOCASE OR id IN (SELECT actor_id FROM actor_aliases WHERE alias = @name))
        """;

    /// <summary>Of the <see cref="NameMatch"/> ones, an actor called or coded exactly so beats one that merely has it as an alias; then the better-attested one.</summary>
    private const string NameOrder = "(name = @name COLLATE NOCASE OR id = @name COLLATE NOCASE) DESC, evidence_count DESC, name, id";

    private const string ArticleColumns = "id, title, url, source, published_at, content_hash, extractor_version, ingested_at";

    /// <summary><see cref="EvidenceOrder.Strongest"/>, the order of the evidence_strongest indexes.</summary>
    private const string StrongestOrder = "ORDER BY abs(e.score) * e.confidence DESC, e.published_at DESC, e.article_id, e.start_offset, e.id";

    /// <summary>Times a save is tried again after SQLITE_BUSY outlasted the busy timeout.</summary>
    private const int BusyRetries = 3;

    /// <summary>Above this many matches an article search pages through the date index instead of sorting its matches.</summary>
    private const int ManyMatches = 1000;

    private readonly string _connectionString;
    private readonly string _path;
    private readonly TimeProvider _time;
    private readonly ILogger _logger;
    private readonly SemaphoreSlim _initializing = new(1, 1);
    private readonly PreparedReads _reads;
    private volatile bool _initialized;

    public SqliteGraphStore(SqliteStoreOptions options, TimeProvider time, ILogger<SqliteGraphStore>? logger = null)
    {
        _path = options.FilePath;
        _time = time;
        _logger = logger ?? NullLogger<SqliteGraphStore>.Instance;
        _reads = new PreparedReads(OpenAsync);
        _connectionString = new SqliteConnectionStringBuilder
        {
            DataSource = _path,
            Mode = SqliteOpenMode.ReadWriteCreate,
            Cache = SqliteCacheMode.Private,
            Pooling = true,
            ForeignKeys = true,
            // Seconds a command keeps retrying while another process holds the write lock.
            DefaultTimeout = 30,
        }.ToString();
    }

    public async Task InitializeAsync(CancellationToken ct = default)
    {
        await _initializing.WaitAsync(ct);
        try
        {
            if (_initialized)
            {
                return;
            }

            Directory.CreateDirectory(Path.GetDirectoryName(_path)!);
            await using var connection = await OpenConnectionAsync(ct);
            // WAL lets readers (the server) go on while a writer (an ingest run) commits; the mode is kept in the file.
            await ExecuteAsync(connection, "PRAGMA journal_mode=WAL;", ct);

            await using var tx = (SqliteTransaction)await connection.BeginTransactionAsync(ct);
            long version = Convert.ToInt64(await ScalarAsync(connection, tx, "PRAGMA user_version;", ct));
            if (version > Schema.Version)
            {
                throw new UserErrorException(
                    $"{_path} has schema version {version}, newer than this build understands ({Schema.Version}). Upgrade the program.");
            }

            for (long step = version; step < Schema.Version; step++)
            {
                await ExecuteAsync(connection, tx, Schema.Migrations[step], ct);
            }

            // PRAGMA takes no parameters; the value is our own constant.
            await ExecuteAsync(connection, tx, $"PRAGMA user_version = {Schema.Version};", ct);
            await tx.CommitAsync(ct);

            if (version != Schema.Version)
            {
                Log.Migrated(_logger, version, Schema.Version);
            }

            Log.Opened(_logger, _path, Schema.Version);
            _initialized = true;
        }
        catch (SqliteException e) when (WriteRefused.Is(e))
        {
            throw new StorageFullException(_path, e);
        }
        finally
        {
            _initializing.Release();
        }
    }

    public async Task<SaveResult?> CheckAsync(Article article, string extractorVersion, bool skipDuplicateText = false, CancellationToken ct = default) =>
        (await CheckManyAsync([article], extractorVersion, skipDuplicateText, ct))[0];

    /// <summary>Every article checked over one connection.</summary>

    public async Task<IReadOnlyList<SaveResult?>> CheckManyAsync(IReadOnlyList<Article> articles, string extractorVersion, bool skipDuplicateText = false, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        var results = new SaveResult?[articles.Count];
        for (int i = 0; i < articles.Count; i++)
        {
            string hash = articles[i].ContentHash;
            var stored = await StoredStateAsync(connection, null, articles[i].Id, hash, skipDuplicateText, ct);
            results[i] = SaveContract.Skip(stored.Hash, stored.Version, stored.HolderOfSameText, hash, extractorVersion);
        }

        return results;
    }

    /// <summary>What <see cref="SaveContract.Skip"/> decides on: the article's stored hash and version, and (when asked) another article holding <paramref name="hash"/>.</summary>
    private static async Task<(string? Hash, string? Version, string? HolderOfSameText)> StoredStateAsync(
        SqliteConnection connection, SqliteTransaction? tx, string articleId, string hash, bool lookForDuplicate, CancellationToken ct)
    {
        await using var cmd = Command(connection, """
            SELECT id, content_hash, extractor_version FROM articles WHERE id = @id
            UNION ALL
            SELECT * FROM (SELECT id, content_hash, extractor_version FROM articles
                           WHERE @dedupe AND content_hash = @hash AND id <> @id ORDER BY id LIMIT 1);
            """, tx: tx);
        cmd.Parameters.AddWithValue("@id", articleId);
        cmd.Parameters.AddWithValue("@hash", hash);
        cmd.Parameters.AddWithValue("@dedupe", lookForDuplicate);
        (string? Hash, string? Version, string? Holder) state = (null, null, null);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            state = reader.GetString(0) == articleId
                ? (reader.GetString(1), reader.GetString(2), state.Holder)
                : (state.Hash, state.Version, reader.GetString(0));
        }

        return state;
    }

    public async Task<StoreStats> GetStatsAsync(CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var cmd = Command(connection, """
            SELECT (SELECT count(*) FROM articles),
                   (SELECT count(*) FROM actors),
                   (SELECT count(*) FROM (SELECT DISTINCT target, source, type FROM evidence)),
                   (SELECT count(*) FROM evidence);
            """);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        await reader.ReadAsync(ct);
        return new StoreStats(reader.GetInt64(0), reader.GetInt64(1), reader.GetInt64(2), reader.GetInt64(3));
    }

    public async Task<Actor?> GetActorAsync(string id, CancellationToken ct = default)
    {
        var found = await GetActorsAsync([id], ct);
        return found.GetValueOrDefault(id);
    }

    public async Task<IReadOnlyDictionary<string, Actor>> GetActorsAsync(IReadOnlyCollection<string> ids, CancellationToken ct = default)
    {
        if (ids.Count == 0)
        {
            return new Dictionary<string, Actor>();
        }

        var actors = await _reads.ReadAsync(
            $"SELECT {ActorColumns} FROM actors a WHERE id IN (SELECT value FROM json_each(@ids));",
            [new SqliteParameter("@ids", JsonSerializer.Serialize(ids.Distinct(StringComparer.Ordinal)))],
            cmd => ReadActorsAsync(cmd, ct),
            ct);
        return actors.ToDictionary(a => a.Id, StringComparer.Ordinal);
    }

    public async Task<IReadOnlyList<Actor>> FindActorsByNameAsync(string name, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(name))
        {
            return [];
        }

        return await _reads.ReadAsync(
            $"SELECT {ActorColumns} FROM actors a WHERE {NameMatch} ORDER BY {NameOrder};",
            [new SqliteParameter("@name", name.Trim())],
            cmd => ReadActorsAsync(cmd, ct),
            ct);
    }

    public async Task<Actor?> ResolveActorAsync(string reference, CancellationToken ct = default)
    {
        // The id and the name lookups in one read: a stance resolves two references, and each read costs about as much
        // as the GraphQL machinery around it. A blank name matches nothing, as in FindActorsByNameAsync.
        var found = await _reads.ReadAsync(
            $"SELECT {ActorColumns} FROM actors a WHERE id = @id OR {NameMatch} ORDER BY id = @id DESC, {NameOrder} LIMIT 1;",
            [new SqliteParameter("@id", reference), new SqliteParameter("@name", string.IsNullOrWhiteSpace(reference) ? DBNull.Value : reference.Trim())],
            cmd => ReadActorsAsync(cmd, ct),
            ct);
        return found is [var actor] ? actor : null;
    }

    public async Task<Page<Actor>> SearchActorsAsync(ActorSearch search, CancellationToken ct = default)
    {
        try
        {
            return await ActorPageAsync(search, ct);
        }
        catch (SqliteException e) when (Interrupted(e, ct))
        {
            throw new OperationCanceledException(ct);
        }
    }

    private async Task<Page<Actor>> ActorPageAsync(ActorSearch search, CancellationToken ct)
    {
        var where = new List<string>();
        var parameters = new List<SqliteParameter>();
        if (!string.IsNullOrWhiteSpace(search.Text))
        {
            where.Add("""
                (a.name LIKE @text ESCAPE '\'
                 OR EXISTS (SELECT 1 FROM actor_aliases x WHERE x.actor_id = a.id AND x.alias LIKE @text ESCAPE '\'))
                """);
            parameters.Add(new SqliteParameter("@text", Text.Contains(search.Text.Trim())));
        }

        if (search.Kind is { } kind)
        {
            where.Add("a.kind = @kind");
            parameters.Add(new SqliteParameter("@kind", Text.Kind.Of(kind)));
        }

        string filter = where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where);
        int offset = Math.Max(0, search.Offset);

        await using var connection = await OpenAsync(ct);
        using var interrupt = Interrupt(connection, ct);
        await using var count = Command(connection, $"SELECT count(*) FROM actors a {filter};", parameters);
        int total = Convert.ToInt32(await count.ExecuteScalarAsync(ct));

        await using var page = Command(connection, $"""
            SELECT {ActorColumns} FROM actors a {filter}
            ORDER BY a.evidence_count DESC, a.name, a.id
            LIMIT @first OFFSET @offset;
            """, parameters);
        page.Parameters.AddWithValue("@first", Math.Max(0, search.First));
        page.Parameters.AddWithValue("@offset", offset);
        return new Page<Actor>(await ReadActorsAsync(page, ct), total, offset);
    }

    /// <summary>The filter as a WHERE clause over alias <c>e</c> (evidence, or relationship_totals for the parts it holds).</summary>
    private static (string Where, List<SqliteParameter> Parameters) Conditions(EvidenceFilter filter)
    {
        var where = new List<string>();
        var parameters = new List<SqliteParameter>();

        void AnyOf(string name, IEnumerable<string> values, params string[] columns)
        {
            var list = values.Distinct(StringComparer.Ordinal).ToList();
            if (list.Count == 0)
            {
                return;
            }

            // One value is written as an equality: the planner cannot see how many rows json_each holds, and with IN it
            // gives up index order (a stance's strongest evidence then sorts every row of the pair).
            if (list.Count == 1)
            {
                parameters.Add(new SqliteParameter(name, list[0]));
                where.Add("(" + string.Join(" OR ", columns.Select(c => $"{c} = {name}")) + ")");
                return;
            }

            parameters.Add(new SqliteParameter(name, JsonSerializer.Serialize(list)));
            where.Add("(" + string.Join(" OR ", columns.Select(c => $"{c} IN (SELECT value FROM json_each({name}))")) + ")");
        }

        void Compare(string condition, string name, object value)
        {
            where.Add(condition);
            parameters.Add(new SqliteParameter(name, value));
        }

        AnyOf("@sources", filter.SourceIds, "e.source");
        AnyOf("@targets", filter.TargetIds, "e.target");
        AnyOf("@actors", filter.ActorIds, "e.source", "e.target");
        AnyOf("@types", filter.Types.Select(Text.Type.Of), "e.type");
        AnyOf("@modalities", filter.Modalities.Select(Text.Modality.Of), "e.modality");
        if (filter.Polarity is { } polarity)
        {
            Compare("e.polarity = @polarity", "@polarity", polarity);
        }

        if (filter.Since is { } since)
        {
            Compare("e.day >= @since", "@since", Text.Day(since));
        }

        if (filter.Until is { } until)
        {
            Compare("e.day <= @until", "@until", Text.Day(until));
        }

        if (filter.MinConfidence is { } minConfidence)
        {
            Compare("e.confidence >= @minConfidence", "@minConfidence", minConfidence);
        }

        if (filter.ArticleId is { } articleId)
        {
            Compare("e.article_id = @articleId", "@articleId", articleId);
        }

        return (where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where), parameters);
    }

    public async Task<IReadOnlyList<RelationshipTotal>> GetRelationshipTotalsAsync(EvidenceFilter filter, bool perDay = false, CancellationToken ct = default)
    {
        // relationship_totals covers every filter but dates, confidence and article; those sum the evidence itself,
        // through evidence_days, which holds every column read here (named, since the planner prefers the primary key,
        // whose rows carry the sentences). Articles are counted per modality and polarity, as relationship_totals keeps them.
        bool fromTotals = !perDay && filter is { Since: null, Until: null, MinConfidence: null, ArticleId: null };
        var (conditions, parameters) = Conditions(filter);
        string day = perDay ? "e.day" : "NULL";
        string sql = fromTotals
            ? $"""
                SELECT e.source, e.target, e.type, NULL, sum(e.n), sum(e.confidence_sum), sum(e.weighted_sum), min(e.first_day), max(e.last_day), sum(e.articles)
                FROM relationship_totals e {conditions} GROUP BY e.source, e.target, e.type;
                """
            : $"""
                SELECT source, target, type, day, sum(n), sum(confidence_sum), sum(weighted_sum), min(first_day), max(last_day), sum(articles) FROM (
                    SELECT e.source, e.target, e.type, {day} AS day, count(*) AS n, sum(e.confidence) AS confidence_sum, sum(e.score * e.confidence) AS weighted_sum,
                           min(e.day) AS first_day, max(e.day) AS last_day, count(DISTINCT e.article_id) AS articles
                    FROM evidence e {(filter.SourceIds.Count > 0 ? "INDEXED BY evidence_days" : "")} {conditions}
                    GROUP BY e.source, e.target, e.type{(perDay ? ", e.day" : "")}, e.modality, e.polarity)
                GROUP BY source, target, type, day;
                """;
        return await _reads.ReadAsync(sql, parameters, cmd => ReadTotalsAsync(cmd, ct), ct);
    }

    private static async Task<IReadOnlyList<RelationshipTotal>> ReadTotalsAsync(SqliteCommand cmd, CancellationToken ct)
    {
        var rows = new List<RelationshipTotal>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new RelationshipTotal(
                Source: reader.GetString(0),
                Target: reader.GetString(1),
                Type: Text.Type.Parse(reader.GetString(2)),
                Day: NullableString(reader, 3) is { } day ? Text.ParseDay(day) : null,
                Count: reader.GetInt32(4),
                ConfidenceSum: reader.GetDouble(5),
                WeightedScoreSum: reader.GetDouble(6),
                FirstSeen: NullableString(reader, 7) is { } first ? Text.ParseDay(first) : null,
                LastSeen: NullableString(reader, 8) is { } last ? Text.ParseDay(last) : null,
                Articles: reader.GetInt32(9)));
        }

        return rows;
    }

    /// <summary>One statement of per-relationship branches, each read in order off evidence_strongest_of_type.</summary>
    public async Task<IReadOnlyList<Evidence>> GetStrongestEvidenceAsync(IReadOnlyCollection<RelationshipKey> relationships, EvidenceFilter filter, int perRelationship, CancellationToken ct = default)
    {
        var keys = relationships.Distinct().ToList();
        if (keys.Count == 0 || perRelationship <= 0)
        {
            return [];
        }

        var (conditions, parameters) = Conditions(filter with { SourceIds = [], TargetIds = [], ActorIds = [] });
        string extra = conditions.Length == 0 ? "" : " AND " + conditions["WHERE ".Length..];
        var branches = new List<string>(keys.Count);
        for (int i = 0; i < keys.Count; i++)
        {
            parameters.Add(new SqliteParameter($"@s{i}", keys[i].Source));
            parameters.Add(new SqliteParameter($"@t{i}", keys[i].Target));
            parameters.Add(new SqliteParameter($"@y{i}", Text.Type.Of(keys[i].Type)));
            branches.Add($"""
                SELECT * FROM (SELECT {EvidenceColumns} FROM evidence e INDEXED BY evidence_strongest_of_type
                WHERE e.source = @s{i} AND e.target = @t{i} AND e.type = @y{i}{extra} {StrongestOrder} LIMIT @per)
                """);
        }

        parameters.Add(new SqliteParameter("@per", perRelationship));
        await using var connection = await OpenAsync(ct);
        await using var cmd = Command(connection, string.Join("\nUNION ALL\n", branches) + ";", parameters);
        return await ReadEvidenceAsync(cmd, ct);
    }

    public async Task<IReadOnlyList<Actor>> GetAffiliatesAsync(IReadOnlyCollection<string> ids, CancellationToken ct = default)
    {
        if (ids.Count == 0)
        {
            return [];
        }

        await using var connection = await OpenAsync(ct);
        await using var cmd = Command(connection, $"""
            SELECT {ActorColumns} FROM actors a
            WHERE id IN (SELECT actor_id FROM affiliations WHERE affiliated_id IN (SELECT value FROM json_each(@ids)))
              AND id NOT IN (SELECT value FROM json_each(@ids))
            ORDER BY id;
            """);
        cmd.Parameters.AddWithValue("@ids", JsonSerializer.Serialize(ids.Distinct(StringComparer.Ordinal)));
        return await ReadActorsAsync(cmd, ct);
    }

    public async Task<IReadOnlyList<Evidence>> GetEvidenceAsync(EvidenceFilter filter, CancellationToken ct = default)
    {
        var (conditions, parameters) = Conditions(filter);
        if (filter.Limit is <= 0)
        {
            return [];
        }

        // Newest without a limit is sorted here: SQLite's sorter copies every wide row, a list sort only references.
        // Strongest follows evidence_strongest, so a pair's first rows come straight from the index.
        string order = filter.Order == EvidenceOrder.Strongest
            ? StrongestOrder + " LIMIT @limit"
            : filter.Limit is null ? "" : "ORDER BY e.published_at DESC, e.article_id, e.start_offset, e.id LIMIT @limit";
        await using var connection = await OpenAsync(ct);
        // One pair's strongest rows come straight off an index in display order; named, because without statistics the
        // planner prefers an equality index and sorts every row of the pair.
        string index = (filter.Order, filter.SourceIds.Distinct().Count(), filter.TargetIds.Distinct().Count(), filter.Types.Distinct().Count()) switch
        {
            (EvidenceOrder.Strongest, 1, 1, 1) => "INDEXED BY evidence_strongest_of_type",
            (EvidenceOrder.Strongest, 1, 1, 0) => "INDEXED BY evidence_strongest",
            _ => "",
        };
        // Several sources and targets (a stance with affiliates): pick the rows on evidence_strongest, whose entries carry
        // the key, then read only those; sorting the wide rows themselves reads every sentence of every pair.
        bool keysFirst = filter is { Order: EvidenceOrder.Strongest, Limit: not null, SourceIds.Count: > 0, TargetIds.Count: > 0 } && index.Length == 0;
        string sql = keysFirst
            ? $"""
                SELECT {EvidenceColumns} FROM evidence e WHERE (e.source, e.target, e.type, e.id) IN (
                    SELECT e.source, e.target, e.type, e.id FROM evidence e INDEXED BY evidence_strongest {conditions} {order})
                {order.Replace(" LIMIT @limit", "", StringComparison.Ordinal)};
                """
            : $"SELECT {EvidenceColumns} FROM evidence e {index} {conditions} {order};";
        await using var cmd = Command(connection, sql, parameters);
        cmd.Parameters.AddWithValue("@limit", filter.Limit ?? -1);

        var rows = await ReadEvidenceAsync(cmd, ct);
        if (filter.Limit is null && filter.Order == EvidenceOrder.Newest)
        {
            rows.Sort(NewestFirst);
        }

        return rows;
    }

    public async Task<IReadOnlyList<Evidence>> GetEvidencePageAsync(EvidenceFilter filter, EvidenceKey? after, int first, CancellationToken ct = default)
    {
        if (first <= 0)
        {
            return [];
        }

        var (conditions, parameters) = Conditions(filter);
        if (after is not null)
        {
            // The primary key's order: the page starts with a seek, and reading on never sorts.
            conditions += (conditions.Length == 0 ? "WHERE " : " AND ") + "(e.source, e.target, e.type, e.id) > (@afterSource, @afterTarget, @afterType, @afterId)";
            parameters.Add(new SqliteParameter("@afterSource", after.Source));
            parameters.Add(new SqliteParameter("@afterTarget", after.Target));
            parameters.Add(new SqliteParameter("@afterType", Text.Type.Of(after.Type)));
            parameters.Add(new SqliteParameter("@afterId", after.Id));
        }

        await using var connection = await OpenAsync(ct);
        await using var cmd = Command(connection, $"SELECT {EvidenceColumns} FROM evidence e {conditions} ORDER BY e.source, e.target, e.type, e.id LIMIT @first;", parameters);
        cmd.Parameters.AddWithValue("@first", first);
        return await ReadEvidenceAsync(cmd, ct);
    }

    private static async Task<List<Evidence>> ReadEvidenceAsync(SqliteCommand cmd, CancellationToken ct)
    {
        var rows = new List<Evidence>();
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            rows.Add(new Evidence(
                Id: reader.GetString(0),
                ArticleId: reader.GetString(1),
                Source: reader.GetString(2),
                Target: reader.GetString(3),
                Type: Text.Type.Parse(reader.GetString(4)),
                Polarity: reader.GetInt32(5),
                Score: reader.GetDouble(6),
                Confidence: reader.GetDouble(7),
                Modality: Text.Modality.Parse(reader.GetString(8)),
                Sentence: reader.GetString(9),
                Start: reader.GetInt32(10),
                End: reader.GetInt32(11),
                SaidBy: NullableString(reader, 12),
                EventDate: NullableString(reader, 13) is { } day ? Text.ParseDay(day) : null,
                PublishedAt: NullableString(reader, 14) is { } published ? Text.ParseInstant(published) : null,
                ArticleTitle: NullableString(reader, 15),
                ArticleUrl: NullableString(reader, 16),
                ExtractorVersion: reader.GetString(17)));
        }

        return rows;
    }

    /// <summary>Newest article first (undated last), then in reading order: the same order as the SQL above.</summary>
    private static int NewestFirst(Evidence x, Evidence y)
    {
        int c = Nullable.Compare(y.PublishedAt, x.PublishedAt);
        if (c == 0)
        {
            c = string.CompareOrdinal(x.ArticleId, y.ArticleId);
        }

        if (c == 0)
        {
            c = x.Start.CompareTo(y.Start);
        }

        return c != 0 ? c : string.CompareOrdinal(x.Id, y.Id);
    }

    public async Task<StoredArticle?> GetArticleAsync(string id, CancellationToken ct = default)
    {
        await using var connection = await OpenAsync(ct);
        await using var cmd = Command(connection, $"SELECT {ArticleColumns}, text FROM articles WHERE id = @id;");
        cmd.Parameters.AddWithValue("@id", id);
        await using var reader = await cmd.ExecuteReaderAsync(ct);
        return await reader.ReadAsync(ct) ? ReadArticle(reader) with { Text = reader.GetString(8) } : null;
    }

    public async Task<Page<StoredArticle>> SearchArticlesAsync(ArticleSearch search, CancellationToken ct = default)
    {
        try
        {
            return await ArticlePageAsync(search, ct);
        }
        catch (SqliteException e) when (Interrupted(e, ct))
        {
            throw new OperationCanceledException(ct);
        }
    }

    private async Task<Page<StoredArticle>> ArticlePageAsync(ArticleSearch search, CancellationToken ct)
    {
        var where = new List<string>();
        var parameters = new List<SqliteParameter>();
        int offset = Math.Max(0, search.Offset);
        string? match = null;
        if (!string.IsNullOrWhiteSpace(search.Text))
        {
            // Punctuation alone has no word to look for: nothing matches, as no article is made of punctuation only.
            match = Text.MatchAllWords(search.Text);
            if (match is null)
            {
                return new Page<StoredArticle>([], 0, offset);
            }

            where.Add("rowid IN (SELECT rowid FROM articles_fts WHERE articles_fts MATCH @match)");
            parameters.Add(new SqliteParameter("@match", match));
        }

        // published_at is ISO text, so a bare day compares as the start of that day.
        if (search.Since is { } since)
        {
            where.Add("published_at >= @since");
            parameters.Add(new SqliteParameter("@since", Text.Day(since)));
        }

        if (search.Until is { } until)
        {
            where.Add("published_at < @afterUntil");
            parameters.Add(new SqliteParameter("@afterUntil", Text.Day(until.AddDays(1))));
        }

        if (search.NotExtractedBy is { } version)
        {
            where.Add("extractor_version <> @version");
            parameters.Add(new SqliteParameter("@version", version));
        }

        if (search.Source is { } source)
        {
            where.Add("source = @source COLLATE NOCASE");
            parameters.Add(new SqliteParameter("@source", source));
        }

        string filter = where.Count == 0 ? "" : "WHERE " + string.Join(" AND ", where);

        await using var connection = await OpenAsync(ct);
        using var interrupt = Interrupt(connection, ct);
        // With only words to match, the word index alone counts the matches (one row per article), reading no article row.
        string counting = match is not null && where.Count == 1
            ? "SELECT count(*) FROM articles_fts WHERE articles_fts MATCH @match;"
            : $"SELECT count(*) FROM articles {filter};";
        await using var count = Command(connection, counting, parameters);
        int total = Convert.ToInt32(await count.ExecuteScalarAsync(ct));
        if (match is not null && total <= offset)
        {
            return new Page<StoredArticle>([], total, offset);
        }

        // With many matches, walking the date index newest first and keeping the rows that match fills a page within a
        // few rows, where SQLite's own plan looks up every match and sorts them all (~40 ms for 10,000 of 100,000
        // articles). With few matches its plan is the cheaper one: the walk could cross the whole index for them.
        string walk = match is not null && total > ManyMatches ? "INDEXED BY articles_published" : "";
        await using var page = Command(connection, $"""
            SELECT {ArticleColumns} FROM articles {walk} {filter}
            ORDER BY published_at DESC, id
            LIMIT @first OFFSET @offset;
            """, parameters);
        page.Parameters.AddWithValue("@first", Math.Max(0, search.First));
        page.Parameters.AddWithValue("@offset", offset);
        var items = new List<StoredArticle>();
        await using var reader = await page.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            items.Add(ReadArticle(reader));
        }

        return new Page<StoredArticle>(items, total, offset);
    }

    /// <summary>Lets the file go: pooled connections are closed, so another process can checkpoint or delete it.</summary>
    public void Dispose()
    {
        _reads.Dispose();
        using (var connection = new SqliteConnection(_connectionString))
        {
            SqliteConnection.ClearPool(connection);
        }

        _initializing.Dispose();
    }

    /// <summary>
    /// Stops the statement running on <paramref name="connection"/> when <paramref name="ct"/> is cancelled (a request's
    /// timeout): Microsoft.Data.Sqlite only looks at the token between rows, so a slow search would run on to its end.
    /// The interrupted statement fails with SQLITE_INTERRUPT, which <see cref="Interrupted"/> turns into the cancellation.
    /// </summary>
    private static CancellationTokenRegistration Interrupt(SqliteConnection connection, CancellationToken ct) =>
        ct.Register(static c => SQLitePCL.raw.sqlite3_interrupt(((SqliteConnection)c!).Handle), connection);

    private static bool Interrupted(SqliteException e, CancellationToken ct) => e.SqliteErrorCode == SQLitePCL.raw.SQLITE_INTERRUPT && ct.IsCancellationRequested;

    private async Task<SqliteConnection> OpenAsync(CancellationToken ct)
    {
        if (!_initialized)
        {
            await InitializeAsync(ct);
        }

        return await OpenConnectionAsync(ct);
    }

    private async Task<SqliteConnection> OpenConnectionAsync(CancellationToken ct)
    {
        var connection = new SqliteConnection(_connectionString);
        try
        {
            await connection.OpenAsync(ct);
            // Per connection: wait for other writers inside SQLite too, and fsync at checkpoints only (safe in WAL).
            // Memory-mapped reads and a larger page cache keep hot evidence runs out of read() calls.
            await ConnectionSettings.ApplyOnceAsync(connection, """
                PRAGMA busy_timeout = 5000;
                PRAGMA synchronous = NORMAL;
                PRAGMA mmap_size = 268435456;
                PRAGMA cache_size = -16384;
                PRAGMA temp_store = MEMORY;
                """, ct);
            return connection;
        }
        catch
        {
            await connection.DisposeAsync();
            throw;
        }
    }

    private static SqliteCommand Command(SqliteConnection connection, string sql, IEnumerable<SqliteParameter>? parameters = null, SqliteTransaction? tx = null)
    {
        var cmd = connection.CreateCommand();
        cmd.CommandText = sql;
        cmd.Transaction = tx;
        foreach (var p in parameters ?? [])
        {
            cmd.Parameters.AddWithValue(p.ParameterName, p.Value);
        }

        return cmd;
    }

    private static async Task ExecuteAsync(SqliteConnection connection, string sql, CancellationToken ct) =>
        await ExecuteAsync(connection, null, sql, ct);

    private static async Task ExecuteAsync(SqliteConnection connection, SqliteTransaction? tx, string sql, CancellationToken ct)
    {
        await using var cmd = Command(connection, sql, tx: tx);
        await cmd.ExecuteNonQueryAsync(ct);
    }

    private static async Task<object?> ScalarAsync(SqliteConnection connection, SqliteTransaction tx, string sql, CancellationToken ct)
    {
        await using var cmd = Command(connection, sql, tx: tx);
        return await cmd.ExecuteScalarAsync(ct);
    }

    private static string? NullableString(SqliteDataReader reader, int ordinal) => reader.IsDBNull(ordinal) ? null : reader.GetString(ordinal);

    private static StoredArticle ReadArticle(SqliteDataReader reader) => new(
        Id: reader.GetString(0),
        Title: NullableString(reader, 1),
        Url: NullableString(reader, 2),
        Source: NullableString(reader, 3),
        PublishedAt: NullableString(reader, 4) is { } published ? Text.ParseInstant(published) : null,
        ContentHash: reader.GetString(5),
        ExtractorVersion: reader.GetString(6),
        IngestedAt: Text.ParseInstant(reader.GetString(7)));

    /// <summary>Reads (id, name, kind, codes) rows in their order, then their aliases and affiliations in one query each.</summary>
    private static async Task<List<Actor>> ReadActorsAsync(SqliteCommand actorRows, CancellationToken ct)
    {
        var actors = new List<Actor>();
        await using var reader = await actorRows.ExecuteReaderAsync(ct);
        while (await reader.ReadAsync(ct))
        {
            var codes = JsonSerializer.Deserialize<Dictionary<string, string>>(reader.GetString(3)) ?? [];
            var aliases = JsonSerializer.Deserialize<List<string>>(reader.GetString(4)) ?? [];
            var affiliations = new List<Affiliation>();
            using (var json = JsonDocument.Parse(reader.GetString(5)))
            {
                foreach (var f in json.RootElement.EnumerateArray())
                {
                    affiliations.Add(new Affiliation(
                        f[0].GetString()!,
                        f[1].GetString()!,
                        f[2].GetString() is { } from ? Text.ParseDay(from) : null,
                        f[3].GetString() is { } until ? Text.ParseDay(until) : null));
                }
            }

            actors.Add(new Actor(reader.GetString(0), reader.GetString(1), Text.Kind.Parse(reader.GetString(2)), aliases, affiliations, codes));
        }

        return actors;
    }

    /// <summary>Stable across re-ingestion, so the same reading of the same sentence keeps its id.</summary>
    private static string EvidenceId(string articleId, Relation r) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join('\u001f', articleId, r.Start.ToString(System.Globalization.CultureInfo.InvariantCulture), r.Source, r.Target, Text.Type.Of(r.Type)))))[..32];
}
