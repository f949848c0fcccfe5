using Graph.Core.Domain;
using Graph.Core.Ingestion;
using Graph.Core.Storage;

namespace Graph.Core.Corrections;

/// <summary>
/// The corrections use case: an analyst's correction is recorded, then the articles it touches are extracted again and
/// saved through ingestion, which applies every correction in force (<see cref="CorrectionRules"/>) to what it saves.
/// So the stored graph is always "extraction, then corrections", however it was written: by this, by <c>ingest
/// --force</c>, by <c>reingest</c> or by a new extractor. Undoing one is recorded the same way and re-saves the same articles.
/// </summary>
public sealed class Corrector(ICorrectionLog log, IGraphStore store, Reingestion reingestion, TimeProvider time)
{
    /// <summary>Longest reason kept: a sentence or two, not a document.</summary>
    public const int MaxReasonLength = 1000;

    public Task<IReadOnlyList<Correction>> ListAsync(bool activeOnly, CancellationToken ct = default) =>
        log.GetCorrectionsAsync(activeOnly, ct);

    /// <summary>The evidence stops counting: its article is saved again without it.</summary>
    public async Task<Correction> RetractAsync(string articleId, string evidenceId, string reason, string by, CancellationToken ct = default)
    {
        var evidence = (await store.GetEvidenceAsync(new EvidenceFilter { ArticleId = articleId }, ct)).FirstOrDefault(e => e.Id == evidenceId)
            ?? throw new UserErrorException($"Article '{articleId}' has no evidence '{evidenceId}'.");
        var names = await store.GetActorsAsync([evidence.Source, evidence.Target], ct);
        string detail = $"{NameOf(names, evidence.Source)} {evidence.Type.ToString().ToUpperInvariant()} {NameOf(names, evidence.Target)}: “{evidence.Sentence}”";
        var correction = New(CorrectionKind.Retract, evidenceId, reason, by, detail) with { ArticleId = articleId };
        return await ApplyAsync(correction, [articleId], ct);
    }

    /// <summary>A retracted piece of evidence counts again: its retraction is undone.</summary>
    public async Task<Correction> RestoreAsync(string evidenceId, string by, CancellationToken ct = default)
    {
        var retraction = (await log.GetCorrectionsAsync(activeOnly: true, ct)).LastOrDefault(c => c.Kind == CorrectionKind.Retract && c.Subject == evidenceId)
            ?? throw new UserErrorException($"Evidence '{evidenceId}' is not retracted.");
        return await UndoAsync(retraction.Id, by, ct);
    }

    /// <summary><paramref name="actor"/> and <paramref name="into"/> are one actor, <paramref name="into"/>: every article naming the first is saved again.</summary>
    public async Task<Correction> MergeAsync(string actor, string into, string reason, string by, CancellationToken ct = default)
    {
        var from = await ResolveAsync(actor, ct);
        var kept = await ResolveAsync(into, ct);
        if (from.Id == kept.Id)
        {
            throw new UserErrorException($"'{actor}' and '{into}' are the same actor ({from.Id}).");
        }

        var articles = await ArticlesOfAsync([from.Id], ct);
        var correction = New(CorrectionKind.Merge, from.Id, reason, by, $"{from.Name} ({from.Id}) merged into {kept.Name} ({kept.Id})")
            with { Into = kept.Id, Name = kept.Name };
        correction = await ApplyAsync(correction, articles, ct);
        await log.FoldActorAsync(from.Id, kept.Id, ct);
        return correction;
    }

    /// <summary>The alias becomes an actor of its own, taking the evidence read from it.</summary>
    public async Task<Correction> SplitAsync(string actor, string alias, string reason, string by, CancellationToken ct = default)
    {
        var from = await ResolveAsync(actor, ct);
        alias = alias.Trim();
        if (from.Name.Equals(alias, StringComparison.OrdinalIgnoreCase))
        {
            throw new UserErrorException($"'{alias}' is the name of {from.Id}, not an alias; rename it instead.");
        }

        alias = from.Aliases.FirstOrDefault(a => a.Equals(alias, StringComparison.OrdinalIgnoreCase))
            ?? throw new UserErrorException($"{from.Name} ({from.Id}) has no alias '{alias}'; its aliases: {string.Join(", ", from.Aliases)}.");
        string newId = await FreeIdAsync(alias, ct);
        var articles = await ArticlesOfAsync([from.Id], ct);
        var correction = New(CorrectionKind.Split, from.Id, reason, by, $"'{alias}' split off {from.Name} ({from.Id}) as {newId}")
            with { Into = newId, Name = alias };
        correction = await ApplyAsync(correction, articles, ct);
        await log.RemoveAliasAsync(from.Id, alias, ct);
        return correction;
    }

    /// <summary>The actor is called <paramref name="name"/> from now on; its old name stays as an alias.</summary>
    public async Task<Correction> RenameAsync(string actor, string name, string reason, string by, CancellationToken ct = default)
    {
        var target = await ResolveAsync(actor, ct);
        name = name.Trim();
        if (name.Length is 0 or > 200)
        {
            throw new UserErrorException("A name must have 1 to 200 characters.");
        }

        var correction = New(CorrectionKind.Rename, target.Id, reason, by, $"{target.Name} ({target.Id}) renamed {name}")
            with { Name = name, Previous = target.Name };
        await log.AddCorrectionAsync(correction, ct);
        await log.RenameActorAsync(target.Id, name, ct);
        return correction;
    }

    /// <summary>The correction stops applying (recorded, with who and when); the articles it touched are saved again.</summary>
    public async Task<Correction> UndoAsync(string id, string by, CancellationToken ct = default)
    {
        var all = await log.GetCorrectionsAsync(activeOnly: false, ct);
        var c = all.FirstOrDefault(c => c.Id == id) ?? throw new UserErrorException($"There is no correction '{id}'.");
        if (!c.Active)
        {
            throw new UserErrorException($"Correction '{id}' was already undone ({c.UndoneAt:u} by {c.UndoneBy}).");
        }

        // Read before it stops applying: which articles now carry what it made.
        var articles = c.Kind switch
        {
            CorrectionKind.Retract => [c.ArticleId!],
            CorrectionKind.Merge or CorrectionKind.Split => await ArticlesOfAsync([c.Subject, c.Into!], ct),
            _ => [],
        };
        var at = time.GetUtcNow();
        if (!await log.UndoCorrectionAsync(id, by, at, ct))
        {
            throw new UserErrorException($"Correction '{id}' was undone meanwhile.");
        }

        await ResaveAsync(articles, ct);
        switch (c.Kind)
        {
            case CorrectionKind.Rename:
                // The name it had before, or the one a later rename still in force gives it.
                var later = all.LastOrDefault(r => r.Active && r.Id != c.Id && r.Kind == CorrectionKind.Rename && r.Subject == c.Subject);
                await log.RenameActorAsync(c.Subject, later?.Name ?? c.Previous!, ct);
                break;
            case CorrectionKind.Merge:
                await log.RemoveAliasAsync(c.Into!, (await store.GetActorAsync(c.Subject, ct))?.Name ?? c.Subject, ct);
                break;
            case CorrectionKind.Split:
                await log.RemoveActorIfUnusedAsync(c.Into!, ct);
                break;
        }

        return c with { UndoneBy = by, UndoneAt = at };
    }

    private Correction New(CorrectionKind kind, string subject, string reason, string by, string detail)
    {
        reason = reason.Trim();
        if (reason.Length is 0 or > MaxReasonLength)
        {
            throw new UserErrorException($"Say why, in 1 to {MaxReasonLength} characters.");
        }

        var at = time.GetUtcNow();
        return new Correction(Guid.CreateVersion7(at).ToString("N"), kind, subject, null, null, null, null, detail, reason, by, at);
    }

    /// <summary>Recorded, then in force: the articles it touches are saved again with it applied.</summary>
    private async Task<Correction> ApplyAsync(Correction correction, IReadOnlyList<string> articles, CancellationToken ct)
    {
        await log.AddCorrectionAsync(correction, ct);
        await ResaveAsync(articles, ct);
        return correction;
    }

    private async Task ResaveAsync(IReadOnlyList<string> articles, CancellationToken ct)
    {
        if (articles.Count > 0)
        {
            await reingestion.RunAsync(new ReingestRequest(ArticleIds: articles), ct: ct);
        }
    }

    private async Task<Actor> ResolveAsync(string reference, CancellationToken ct) =>
        await store.ResolveActorAsync(reference, ct) ?? throw new UserErrorException($"No actor '{reference}'.");

    private async Task<IReadOnlyList<string>> ArticlesOfAsync(IReadOnlyCollection<string> actorIds, CancellationToken ct) =>
        [.. (await store.GetEvidenceAsync(new EvidenceFilter { ActorIds = actorIds }, ct)).Select(e => e.ArticleId).Distinct(StringComparer.Ordinal).Order(StringComparer.Ordinal)];

    /// <summary>A slug of the alias no stored actor has.</summary>
    private async Task<string> FreeIdAsync(string alias, CancellationToken ct)
    {
        string slug = string.Join('-', new string([.. alias.ToLowerInvariant().Select(c => char.IsLetterOrDigit(c) ? c : ' ')])
            .Split(' ', StringSplitOptions.RemoveEmptyEntries));
        slug = slug.Length == 0 ? "actor" : slug;
        for (int n = 1; ; n++)
        {
            string id = n == 1 ? slug : $"{slug}-{n}";
            if (await store.GetActorAsync(id, ct) is null)
            {
                return id;
            }
        }
    }

    private static string NameOf(IReadOnlyDictionary<string, Actor> actors, string id) => actors.GetValueOrDefault(id)?.Name ?? id;
}
