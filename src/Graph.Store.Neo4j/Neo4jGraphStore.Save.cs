using Graph.Core.Domain;
using Graph.Core.Storage;

namespace Graph.Store.Neo4j;

public sealed partial class Neo4jGraphStore
{
    /// <summary>
    /// One transaction per article: each already sends its rows as UNWIND batches, and a transaction per article keeps
    /// the server's memory bounded whatever the batch size.
    /// </summary>
    public async Task<IReadOnlyList<SaveResult>> SaveArticlesAsync(IReadOnlyList<ArticleToSave> articles, string extractorVersion, CancellationToken ct = default)
    {
        foreach (var a in articles)
        {
            SaveContract.EnsureValid(a.Article, a.Extraction, extractorVersion);
        }

        var results = new List<SaveResult>(articles.Count);
        foreach (var a in articles)
        {
            results.Add(await SaveValidAsync(a, extractorVersion, ct));
        }

        return results;
    }

    public async Task<SaveResult> SaveArticleAsync(Article article, ArticleExtraction extraction, string extractorVersion, CancellationToken ct = default)
    {
        SaveContract.EnsureValid(article, extraction, extractorVersion);
        return await SaveValidAsync(new ArticleToSave(article, extraction), extractorVersion, ct);
    }

    private async Task<SaveResult> SaveValidAsync(ArticleToSave toSave, string extractorVersion, CancellationToken ct)
    {
        var (article, extraction) = (toSave.Article, toSave.Extraction);
        string hash = article.ContentHash;
        // The same reading twice in one sentence is one piece of evidence, not two.
        var evidence = extraction.Relations
            .Select(r => (Id: EvidenceId(article.Id, r), Relation: r))
            .DistinctBy(e => e.Id, StringComparer.Ordinal)
            .ToList();
        var actorIds = extraction.Actors.Select(a => a.Id).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal).ToList();

        var result = await InTransactionAsync(async (tx, token) =>
        {
            var state = await tx.RunAsync(Cypher.ArticleState, StateParameters(article, toSave.SkipDuplicateText), token);
            if (Skip(state, article, extractorVersion, toSave.Replace) is { } skip)
            {
                return skip;
            }

            bool known = state.Rows is [var row, ..] && Values.String(row["contentHash"]) is not null;

            var locked = await tx.RunAsync(Cypher.LockActors, new { ids = actorIds }, token);
            var stored = locked.Rows
                .Select(r => r["actor"])
                .Where(p => Values.String(p, "name") is not null)
                .Select(Values.Actor)
                .ToDictionary(a => a.Id, StringComparer.Ordinal);
            var actors = MergeActors(stored, extraction.Actors);

            var removed = await tx.RunAsync(Cypher.DeleteArticleEvidence, new { id = article.Id }, token);
            var removedIds = removed.Rows.Select(r => Values.String(r["id"])!).ToList();

            await tx.RunAsync(Cypher.MergeArticle, new
            {
                id = article.Id,
                props = new Dictionary<string, object?>
                {
                    ["id"] = article.Id,
                    ["title"] = article.Title,
                    ["url"] = article.Url,
                    ["source"] = article.Source,
                    ["contentHash"] = hash,
                    ["extractorVersion"] = extractorVersion,
                    ["text"] = article.Text,
                },
                publishedAt = article.PublishedAt is { } p ? Values.Instant(p) : null,
                publishedDay = article.PublishedDay is { } d ? Values.Day(d) : null,
                ingestedAt = Values.Instant(_time.GetUtcNow()),
            }, token);

            foreach (var batch in actors.Chunk(_options.BatchSize))
            {
                await tx.RunAsync(Cypher.MergeActors, new
                {
                    rows = batch.Select(a => new { id = a.Id, kind = Values.KindName(a.Kind), props = Values.ActorProperties(a) }),
                }, token);
            }

            foreach (var batch in actors.Chunk(_options.BatchSize))
            {
                await tx.RunAsync(Cypher.ReplaceAffiliations, new
                {
                    rows = batch.Select(a => new
                    {
                        id = a.Id,
                        affiliations = a.Affiliations.Select(f => new
                        {
                            actorId = f.ActorId,
                            role = f.Role,
                            from = f.From is { } from ? Values.Day(from) : null,
                            until = f.Until is { } until ? Values.Day(until) : null,
                        }),
                    }),
                }, token);
            }

            foreach (var batch in evidence.Chunk(_options.BatchSize))
            {
                var written = await tx.RunAsync(Cypher.CreateEvidence, new
                {
                    articleId = article.Id,
                    rows = batch.Select(e => EvidenceRow(article, extractorVersion, e.Id, e.Relation)),
                }, token);
                if (written.Rows[0]["written"].GetInt32() != batch.Length)
                {
                    // SaveContract makes this unreachable unless the graph lost an actor under us: refuse rather than half-write.
                    throw new InvalidOperationException($"Article '{article.Id}': some relations name actors that are not in the graph; nothing was saved.");
                }
            }

            // Every ordered pair and type this article fed before or feeds now gets its aggregate edge rebuilt.
            var pairs = removed.Rows
                .Select(r => (Source: Values.String(r["source"])!, Target: Values.String(r["target"])!, Type: Values.String(r["type"])!))
                .Concat(evidence.Select(e => (e.Relation.Source, e.Relation.Target, Type: Values.TypeName(e.Relation.Type))))
                .Distinct()
                .OrderBy(p => p.Source, StringComparer.Ordinal).ThenBy(p => p.Target, StringComparer.Ordinal).ThenBy(p => p.Type, StringComparer.Ordinal)
                .Select(p => new { source = p.Source, target = p.Target, type = p.Type, edge = EdgeOf(p.Type) });
            foreach (var batch in pairs.Chunk(_options.BatchSize))
            {
                await tx.RunAsync(Cypher.RecomputeEdges, new { pairs = batch, counting = Values.Counting }, token);
            }

            var newIds = evidence.Select(e => e.Id).ToHashSet(StringComparer.Ordinal);
            return new SaveResult(
                known ? SaveOutcome.Updated : SaveOutcome.Added,
                actorIds.Count,
                evidence.Count,
                removedIds.Count(id => !newIds.Contains(id)));
        }, ct);

        if (result.Outcome is SaveOutcome.Added or SaveOutcome.Updated)
        {
            Log.Saved(_logger, article.Id, result.Outcome, result.Actors, result.Relations, result.RemovedRelations);
        }

        return result;
    }

    /// <summary>
    /// Actors are merged by id as the embedded store does: the first kind stored stays, of two spellings of the name the
    /// one that sorts first (so two workers storing in either order agree), aliases are unioned ignoring case, codes are unioned with a stored value winning,
    /// and new affiliations are added. Sorted by id, the order their locks were taken in.
    /// </summary>
    internal static List<Actor> MergeActors(IReadOnlyDictionary<string, Actor> stored, IEnumerable<Actor> incoming)
    {
        var merged = new Dictionary<string, Actor>(StringComparer.Ordinal);
        foreach (var actor in incoming)
        {
            var current = merged.GetValueOrDefault(actor.Id)
                ?? stored.GetValueOrDefault(actor.Id)
                ?? actor with { Aliases = [], Affiliations = [], Codes = new Dictionary<string, string>() };
            merged[actor.Id] = Merge(current, actor);
        }

        return [.. merged.Values.OrderBy(a => a.Id, StringComparer.Ordinal)];
    }

    private static Actor Merge(Actor current, Actor incoming)
    {
        var aliases = current.Aliases.ToList();
        foreach (string alias in incoming.Aliases)
        {
            if (string.IsNullOrWhiteSpace(alias))
            {
                continue;
            }

            // Of two casings the one that sorts first stays, as in the embedded store, whatever the order.
            int same = aliases.FindIndex(a => string.Equals(a, alias, StringComparison.OrdinalIgnoreCase));
            if (same < 0)
            {
                aliases.Add(alias);
            }
            else if (string.CompareOrdinal(alias, aliases[same]) < 0)
            {
                aliases[same] = alias;
            }
        }

        var codes = new Dictionary<string, string>(incoming.Codes, StringComparer.Ordinal);
        foreach (var (key, value) in current.Codes)
        {
            codes[key] = value;
        }

        var affiliations = current.Affiliations.ToList();
        foreach (var f in incoming.Affiliations)
        {
            if (!affiliations.Contains(f))
            {
                affiliations.Add(f);
            }
        }

        string name = string.CompareOrdinal(incoming.Name, current.Name) < 0 ? incoming.Name : current.Name;
        return current with { Name = name, Aliases = aliases, Codes = codes, Affiliations = affiliations };
    }

    private static object EvidenceRow(Article article, string extractorVersion, string id, Relation r) => new
    {
        id,
        source = r.Source,
        target = r.Target,
        score = r.Score,
        confidence = r.Confidence,
        eventDate = r.EventDate is { } e ? Values.Day(e) : null,
        day = (r.EventDate ?? article.PublishedDay) is { } d ? Values.Day(d) : null,
        props = new Dictionary<string, object?>
        {
            ["id"] = id,
            ["articleId"] = article.Id,
            ["source"] = r.Source,
            ["target"] = r.Target,
            ["type"] = Values.TypeName(r.Type),
            ["polarity"] = r.Polarity,
            ["modality"] = Values.ModalityName(r.Modality),
            ["sentence"] = r.Sentence,
            ["start"] = r.Start,
            ["end"] = r.End,
            ["saidBy"] = r.SaidBy,
            ["trigger"] = r.Trigger,
            ["sourceCode"] = r.SourceCode,
            ["targetCode"] = r.TargetCode,
            ["extractorVersion"] = extractorVersion,
        },
    };

    private static string EdgeOf(string typeName) =>
        GraphModel.EdgeTypes.First(p => Values.TypeName(p.Key) == typeName).Value;

    /// <summary>The embedded store's evidence id, so both stores name the same reading of the same sentence alike, across re-ingestion too.</summary>
    internal static string EvidenceId(string articleId, Relation r) => EvidenceIdentity.Of(articleId, r);
}
