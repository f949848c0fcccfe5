using Graph.Core.Domain;
using Graph.Core.Stances;
using Graph.Core.Storage;

namespace Graph.Core.Queries;

/// <summary>
/// The graph questions that take more than one store read: stances (with affiliates, inside their windows), timelines,
/// supporters and opponents, paths and neighbourhoods. The GraphQL resolvers only bind to these; the stores only sum.
/// Every question counts the evidence of <see cref="Modalities.CountedAsEvidence"/> unless its filter asks otherwise.
/// </summary>
public sealed class GraphQueryService(IGraphStore store, StancePolicy? stancePolicy = null)
{
    private readonly StancePolicy _policy = stancePolicy ?? StancePolicy.Default;

    /// <summary>An actor by id, else by name or alias; null when nothing matches.</summary>
    public Task<Actor?> FindActorAsync(string reference, CancellationToken ct) => store.ResolveActorAsync(reference, ct);

    /// <summary>Where <paramref name="from"/> stands towards <paramref name="to"/>, from the store's sums.</summary>
    public async Task<StanceView> StanceAsync(Actor from, Actor to, StanceQuery query, CancellationToken ct)
    {
        var sides = query.IncludeAffiliates ? await SidesAsync(store, from, to, ct) : null;
        var totals = await StanceTotalsAsync(store, from, to, query, sides, perDay: false, ct);
        return new StanceView(from, to, StanceCalculator.FromTotals(from.Id, to.Id, totals, _policy), query) { Sides = sides };
    }

    /// <summary>The stance per day, week (from Monday) or month; buckets without evidence are left out.</summary>
    public async Task<IReadOnlyList<StancePoint>> TimelineAsync(Actor from, Actor to, StanceQuery query, Bucket bucket, CancellationToken ct)
    {
        var sides = query.IncludeAffiliates ? await SidesAsync(store, from, to, ct) : null;
        var totals = await StanceTotalsAsync(store, from, to, query, sides, perDay: true, ct);
        return [.. totals
            .Where(t => t.Day is not null)
            .GroupBy(t => BucketStart(t.Day!.Value, bucket))
            .OrderBy(g => g.Key)
            .Select(g => new StancePoint(g.Key, StanceCalculator.FromTotals(from.Id, to.Id, g, _policy)))];
    }

    private static DateOnly BucketStart(DateOnly day, Bucket bucket) => bucket switch
    {
        Bucket.Day => day,
        Bucket.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        _ => new DateOnly(day.Year, day.Month, 1),
    };

    /// <summary>Everyone whose stance towards <paramref name="of"/> is positive, the surest first (by <see cref="StanceMeasure.Low"/>).</summary>
    public Task<IReadOnlyList<StanceView>> SupportersAsync(Actor of, StanceQuery query, StanceRanking ranking, CancellationToken ct) => RankAsync(of, query, +1, ranking, ct);

    /// <summary>Everyone whose stance towards <paramref name="of"/> is negative, the surest first (by <see cref="StanceMeasure.High"/>).</summary>
    public Task<IReadOnlyList<StanceView>> OpponentsAsync(Actor of, StanceQuery query, StanceRanking ranking, CancellationToken ct) => RankAsync(of, query, -1, ranking, ct);

    /// <summary>Relationships (one per source, target and type) with the evidence the filter selects, the best attested first.</summary>
    public async Task<IReadOnlyList<RelationshipView>> RelationshipsAsync(EvidenceFilter filter, CancellationToken ct) =>
        RelationshipView.FromTotals(await store.GetRelationshipTotalsAsync(filter, ct: ct), filter);

    /// <summary>
    /// Everyone with evidence towards <paramref name="of"/> whose stance has the sign wanted, supporters (+1) or opponents
    /// (-1), ranked by the end of its range nearer neutral: one sentence cannot outrank many.
    /// </summary>
    private async Task<IReadOnlyList<StanceView>> RankAsync(Actor of, StanceQuery query, int sign, StanceRanking ranking, CancellationToken ct)
    {
        var totals = await store.GetRelationshipTotalsAsync(new EvidenceFilter { TargetIds = [of.Id], Modalities = Modalities.CountedAsEvidence, Since = query.Since, Until = query.Until }, ct: ct);
        var ranked = totals
            .Where(t => t.Source != of.Id)
            .GroupBy(t => t.Source)
            .Select(g => StanceCalculator.FromTotals(g.Key, of.Id, g, _policy))
            .Where(s => Math.Sign(s.Score) == sign && s.EvidenceCount >= ranking.MinEvidence)
            .OrderByDescending(s => sign > 0 ? s.Low : -s.High)
            .ThenByDescending(s => s.EvidenceCount)
            .ThenBy(s => s.From, StringComparer.Ordinal)
            .Take(ranking.First)
            .ToList();
        var actors = await store.GetActorsAsync([.. ranked.Select(s => s.From)], ct);
        return [.. ranked.Where(s => actors.ContainsKey(s.From)).Select(s => new StanceView(actors[s.From], of, s, query))];
    }

    private static async Task<StanceSides> SidesAsync(IGraphStore store, Actor from, Actor to, CancellationToken ct)
    {
        var affiliates = await store.GetAffiliatesAsync([from.Id, to.Id], ct);
        Dictionary<string, Actor> Side(Actor actor) =>
            affiliates.Where(a => a.Id != actor.Id && a.Affiliations.Any(f => f.ActorId == actor.Id)).Append(actor).ToDictionary(a => a.Id);
        return new StanceSides(Side(from), Side(to));
    }

    private static bool Speak(StanceSides sides, string source, string target, string fromId, string toId, DateOnly? day) =>
        Speaks(sides.From[source], fromId, day) && Speaks(sides.To[target], toId, day);

    /// <summary>Whether one affiliation (or being the actor) covers the relationship's whole range; undated evidence always counts.</summary>
    private static bool SpeaksThroughout(Actor actor, string forId, RelationshipTotal total) =>
        actor.Id == forId
        || total.FirstSeen is null
        || actor.Affiliations.Any(a => a.ActorId == forId && a.IsInForceOn(total.FirstSeen) && a.IsInForceOn(total.LastSeen));

    /// <summary>
    /// The evidence filters covering from-side x to-side without overlap: the pair itself, then (with affiliates) the
    /// from-side's affiliates towards the whole to-side, and the actor itself towards the to-side's affiliates.
    /// </summary>
    private static IEnumerable<EvidenceFilter> AffiliateFilters(StanceSides sides, Actor from, Actor to, EvidenceFilter scope)
    {
        var fromAffiliates = sides.From.Keys.Where(id => id != from.Id).ToList();
        var toAffiliates = sides.To.Keys.Where(id => id != to.Id).ToList();
        if (fromAffiliates.Count > 0)
        {
            yield return scope with { SourceIds = fromAffiliates, TargetIds = [.. sides.To.Keys] };
        }

        if (toAffiliates.Count > 0)
        {
            yield return scope with { SourceIds = [from.Id], TargetIds = toAffiliates };
        }
    }

    private static EvidenceFilter StanceScope(StanceQuery query) =>
        new() { Modalities = Modalities.CountedAsEvidence, Since = query.Since, Until = query.Until };

    /// <summary>
    /// The store's sums for the stance: the pair's over the whole range (or per day), and with affiliates theirs, kept
    /// only for the days their affiliation was in force.
    /// </summary>
    private static async Task<List<RelationshipTotal>> StanceTotalsAsync(IGraphStore store, Actor from, Actor to, StanceQuery query, StanceSides? sides, bool perDay, CancellationToken ct)
    {
        var scope = StanceScope(query);
        var totals = new List<RelationshipTotal>(await store.GetRelationshipTotalsAsync(scope with { SourceIds = [from.Id], TargetIds = [to.Id] }, perDay, ct));
        if (sides is null)
        {
            return totals;
        }

        foreach (var filter in AffiliateFilters(sides, from, to, scope))
        {
            if (perDay)
            {
                var days = await store.GetRelationshipTotalsAsync(filter, perDay: true, ct);
                totals.AddRange(days.Where(r => Speak(sides, r.Source, r.Target, from.Id, to.Id, r.Day)));
                continue;
            }

            // Summed over the whole range first: a relationship whose first and last day fall within one affiliation
            // counts whole. The others count their undated evidence and what was said inside the one window their
            // affiliate spoke in: two sums per window. Only those without a single window are read per day.
            var byWindow = new Dictionary<(DateOnly? From, DateOnly? Until), List<RelationshipTotal>>();
            var perDayKeys = new HashSet<(string, string, RelationType)>();
            foreach (var t in await store.GetRelationshipTotalsAsync(filter, ct: ct))
            {
                if (SpeaksThroughout(sides.From[t.Source], from.Id, t) && SpeaksThroughout(sides.To[t.Target], to.Id, t))
                {
                    totals.Add(t);
                }
                else if (Window(sides.From[t.Source], from.Id) is { } a && Window(sides.To[t.Target], to.Id) is { } b)
                {
                    var window = (Later(a.From, b.From), Earlier(a.Until, b.Until));
                    (byWindow.TryGetValue(window, out var list) ? list : byWindow[window] = []).Add(t);
                }
                else
                {
                    perDayKeys.Add((t.Source, t.Target, t.Type));
                }
            }

            if (byWindow.Count > 0)
            {
                // All dated evidence of these relationships, once: the whole less it is what is undated. A date filter
                // already leaves undated evidence out of the whole.
                var wholes = byWindow.Values.SelectMany(w => w).ToList();
                var dated = filter.Since is null && filter.Until is null
                    ? await store.GetRelationshipTotalsAsync(Keys(filter, wholes) with { Since = DateOnly.MinValue }, ct: ct)
                    : wholes;
                var datedByKey = dated.ToDictionary(t => (t.Source, t.Target, t.Type));
                foreach (var (window, inWindow) in byWindow)
                {
                    totals.AddRange(await WithinWindowAsync(store, filter, window, inWindow, datedByKey, ct));
                }
            }

            if (perDayKeys.Count > 0)
            {
                var rows = await store.GetRelationshipTotalsAsync(
                    filter with { SourceIds = [.. perDayKeys.Select(k => k.Item1).Distinct()], TargetIds = [.. perDayKeys.Select(k => k.Item2).Distinct()] }, perDay: true, ct);
                totals.AddRange(rows.Where(r => perDayKeys.Contains((r.Source, r.Target, r.Type)) && Speak(sides, r.Source, r.Target, from.Id, to.Id, r.Day)));
            }
        }

        return totals;
    }

    /// <summary>
    /// The part of each whole relationship that counts when its affiliate spoke only in <paramref name="window"/>
    /// (from inclusive, until exclusive): the dated evidence inside it, plus the undated evidence (the whole less the
    /// <paramref name="dated"/>), which counts for any affiliate.
    /// </summary>
    private static async Task<List<RelationshipTotal>> WithinWindowAsync(
        IGraphStore store,
        EvidenceFilter filter,
        (DateOnly? From, DateOnly? Until) window,
        List<RelationshipTotal> wholes,
        Dictionary<(string, string, RelationType), RelationshipTotal> dated,
        CancellationToken ct)
    {
        var since = Later(filter.Since, window.From);
        var until = Earlier(filter.Until, window.Until?.AddDays(-1));
        var inside = since > until
            ? []
            : await store.GetRelationshipTotalsAsync(Keys(filter, wholes) with { Since = since, Until = until }, ct: ct);
        var insideByKey = inside.ToDictionary(t => (t.Source, t.Target, t.Type));
        var counted = new List<RelationshipTotal>();
        foreach (var whole in wholes)
        {
            var key = (whole.Source, whole.Target, whole.Type);
            var d = dated.GetValueOrDefault(key);
            int undated = whole.Count - (d?.Count ?? 0);
            var inWindow = insideByKey.GetValueOrDefault(key);
            int count = (inWindow?.Count ?? 0) + undated;
            if (count == 0)
            {
                continue;
            }

            // Subtracting sums would leave rounding noise where nothing is undated.
            double undatedConfidence = undated == 0 ? 0 : whole.ConfidenceSum - (d?.ConfidenceSum ?? 0);
            double undatedWeighted = undated == 0 ? 0 : whole.WeightedScoreSum - (d?.WeightedScoreSum ?? 0);
            int undatedArticles = undated == 0 ? 0 : Math.Max(whole.Articles - (d?.Articles ?? 0), 1);
            counted.Add(new RelationshipTotal(whole.Source, whole.Target, whole.Type, null, count,
                (inWindow?.ConfidenceSum ?? 0) + undatedConfidence, (inWindow?.WeightedScoreSum ?? 0) + undatedWeighted, inWindow?.FirstSeen, inWindow?.LastSeen,
                (inWindow?.Articles ?? 0) + undatedArticles));
        }

        return counted;
    }

    /// <summary>The filter narrowed to the sources and targets of <paramref name="totals"/>.</summary>
    private static EvidenceFilter Keys(EvidenceFilter filter, IEnumerable<RelationshipTotal> totals) =>
        filter with { SourceIds = [.. totals.Select(t => t.Source).Distinct()], TargetIds = [.. totals.Select(t => t.Target).Distinct()] };

    /// <summary>
    /// The one window in which <paramref name="actor"/> speaks for <paramref name="forId"/> (unbounded for the actor
    /// itself): its affiliations to it merged, or null when they leave a gap.
    /// </summary>
    private static (DateOnly? From, DateOnly? Until)? Window(Actor actor, string forId)
    {
        if (actor.Id == forId)
        {
            return (null, null);
        }

        (DateOnly? From, DateOnly? Until)? merged = null;
        foreach (var a in actor.Affiliations.Where(a => a.ActorId == forId).OrderBy(a => a.From ?? DateOnly.MinValue))
        {
            if (merged is not { } m)
            {
                merged = (a.From, a.Until);
            }
            else if (m.Until is null || (a.From ?? DateOnly.MinValue) <= m.Until)
            {
                merged = (m.From, m.Until is null || a.Until is null ? null : (a.Until > m.Until ? a.Until : m.Until));
            }
            else
            {
                return null;
            }
        }

        return merged;
    }

    /// <summary>The later of two lower bounds (null: unbounded).</summary>
    private static DateOnly? Later(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a > b ? a : b;

    /// <summary>The earlier of two upper bounds (null: unbounded).</summary>
    private static DateOnly? Earlier(DateOnly? a, DateOnly? b) => a is null ? b : b is null ? a : a < b ? a : b;

    /// <summary>The strongest evidence of the stance, read from the store in that order (not every sentence of the pair).</summary>
    public async Task<IReadOnlyList<Evidence>> StrongestAsync(StanceView stance, int first, CancellationToken ct)
    {
        if (first <= 0 || stance.Stance.EvidenceCount == 0)
        {
            return [];
        }

        var (from, to, query) = (stance.From, stance.To, stance.Query);
        var scope = StanceScope(query) with { Order = EvidenceOrder.Strongest };
        var found = new List<Evidence>(await store.GetEvidenceAsync(scope with { SourceIds = [from.Id], TargetIds = [to.Id], Limit = first }, ct));
        if (query.IncludeAffiliates)
        {
            var sides = stance.Sides ?? await SidesAsync(store, from, to, ct);
            foreach (var filter in AffiliateFilters(sides, from, to, scope))
            {
                // Some of an affiliate's rows fall outside its affiliation: read a margin, and everything if the margin was not enough.
                int margin = (first * 4) + 16;
                var rows = await store.GetEvidenceAsync(filter with { Limit = margin }, ct);
                var kept = rows.Where(e => Speak(sides, e.Source, e.Target, from.Id, to.Id, e.Day)).ToList();
                if (kept.Count < first && rows.Count == margin)
                {
                    kept = [.. (await store.GetEvidenceAsync(filter, ct)).Where(e => Speak(sides, e.Source, e.Target, from.Id, to.Id, e.Day))];
                }

                found.AddRange(kept);
            }
        }

        return [.. found.StrongestFirst().Take(first)];
    }

    private static bool Speaks(Actor actor, string forId, DateOnly? day) =>
        actor.Id == forId || actor.Affiliations.Any(a => a.ActorId == forId && a.IsInForceOn(day));

    /// <summary>
    /// Breadth-first search over relationships in either direction, one store read per hop; returns up to
    /// <see cref="PathQuery.First"/> of the shortest paths, and how many shortest paths there are.
    /// </summary>
    public async Task<PathSearchView> PathsAsync(Actor from, Actor to, PathQuery query, CancellationToken ct)
    {
        var (maxHops, types, first) = (query.MaxHops, query.Types, query.First);
        if (from.Id == to.Id)
        {
            return new PathSearchView([new PathView([from.Id], [])], 1, maxHops);
        }

        var depth = new Dictionary<string, int>(StringComparer.Ordinal) { [from.Id] = 0 };
        var parents = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var between = new Dictionary<(string, string), List<Evidence>>();
        var frontier = new HashSet<string>(StringComparer.Ordinal) { from.Id };
        for (int hop = 1; hop <= maxHops && frontier.Count > 0 && !depth.ContainsKey(to.Id); hop++)
        {
            var rows = await store.GetEvidenceAsync(new EvidenceFilter { ActorIds = frontier, Types = types, Modalities = Modalities.CountedAsEvidence }, ct);
            var next = new HashSet<string>(StringComparer.Ordinal);
            foreach (var e in rows.Where(e => e.Source != e.Target))
            {
                foreach (var (u, v) in new[] { (e.Source, e.Target), (e.Target, e.Source) })
                {
                    if (frontier.Contains(u) && (!depth.TryGetValue(v, out int d) || d == hop))
                    {
                        depth[v] = hop;
                        next.Add(v);
                        (parents.TryGetValue(v, out var ps) ? ps : parents[v] = new HashSet<string>(StringComparer.Ordinal)).Add(u);
                        var key = Pair(u, v);
                        (between.TryGetValue(key, out var list) ? list : between[key] = []).Add(e);
                    }
                }
            }

            frontier = next;
        }

        if (!depth.ContainsKey(to.Id))
        {
            return new PathSearchView([], 0, maxHops);
        }

        var paths = new List<PathView>();
        void Walk(string node, List<string> suffix)
        {
            if (paths.Count >= first)
            {
                return;
            }

            if (node == from.Id)
            {
                var nodes = suffix.Prepend(node).ToList();
                var edges = nodes.Zip(nodes.Skip(1), (a, b) => RelationshipView.Aggregate(between[Pair(a, b)].Distinct())[0]).ToList();
                paths.Add(new PathView(nodes, edges));
                return;
            }

            foreach (var parent in parents[node].Order(StringComparer.Ordinal))
            {
                Walk(parent, [node, .. suffix]);
            }
        }

        Walk(to.Id, []);
        return new PathSearchView(paths, CountPaths(from.Id, to.Id, parents), maxHops);
    }

    /// <summary>How many shortest paths lead to <paramref name="to"/>: the sum over its parents, counted once each (capped at int.MaxValue).</summary>
    private static int CountPaths(string from, string to, Dictionary<string, HashSet<string>> parents)
    {
        var counts = new Dictionary<string, long>(StringComparer.Ordinal) { [from] = 1 };
        long Count(string node) => counts.TryGetValue(node, out long n)
            ? n
            : counts[node] = Math.Min(parents[node].Sum(Count), int.MaxValue);
        return (int)Count(to);
    }

    private static (string, string) Pair(string a, string b) => string.CompareOrdinal(a, b) <= 0 ? (a, b) : (b, a);

    /// <summary>
    /// The actor, its neighbours out to <see cref="NeighborhoodQuery.Depth"/> hops (nearest, then best connected first,
    /// up to the limit), and every relationship among them. How many there are in all is counted only when asked
    /// (<see cref="NeighborhoodView.Totals"/>): past the limit, that is a search of its own.
    /// </summary>
    public async Task<NeighborhoodView> NeighborhoodAsync(Actor center, NeighborhoodQuery query, CancellationToken ct)
    {
        var scope = NeighborhoodScope(query);
        var reach = await ReachAsync(center.Id, query.Depth, query.Limit, scope, ct);
        var chosen = reach.Actors;
        var actors = await store.GetActorsAsync(chosen, ct);
        var among = scope with { SourceIds = chosen, TargetIds = chosen };
        var edges = RelationshipView.FromTotals(chosen.Count < 2 ? [] : await store.GetRelationshipTotalsAsync(among, ct: ct), scope);
        var totals = reach.Cut
            ? new Lazy<Task<NeighborhoodTotals>>(() => TotalsAsync(center.Id, query, scope, ct))
            : new Lazy<Task<NeighborhoodTotals>>(Task.FromResult(new NeighborhoodTotals(chosen.Count, edges.Count)));
        return new NeighborhoodView(center, [.. chosen.Where(actors.ContainsKey).Select(id => actors[id])], edges) { Totals = totals };
    }

    private static EvidenceFilter NeighborhoodScope(NeighborhoodQuery query) =>
        new() { Types = query.Types, Modalities = Modalities.CountedAsEvidence, Since = query.Since, Until = query.Until };

    /// <summary>Every actor within reach and every relationship among them: the search again without the limit.</summary>
    private async Task<NeighborhoodTotals> TotalsAsync(string center, NeighborhoodQuery query, EvidenceFilter scope, CancellationToken ct)
    {
        var reach = await ReachAsync(center, query.Depth, int.MaxValue, scope, ct);

        // The last hop's actors were never a frontier: what links them to each other is read once more.
        var outer = reach.Outer.Count < 2 ? [] : await store.GetRelationshipTotalsAsync(scope with { SourceIds = reach.Outer, TargetIds = reach.Outer }, ct: ct);
        var within = new HashSet<string>(reach.Actors, StringComparer.Ordinal);
        int edges = reach.Read.Concat(outer.Select(t => (t.Source, t.Target, t.Type))).Distinct().Count(k => within.Contains(k.Item1) && within.Contains(k.Item2));
        return new NeighborhoodTotals(reach.Actors.Count, edges);
    }

    /// <summary>
    /// Breadth-first out to <paramref name="depth"/> hops, one store read per hop, each hop's new actors best connected
    /// first, up to <paramref name="limit"/> actors in all. Says whether the limit left actors out, and keeps the
    /// relationships it read and the last hop's actors, for counting.
    /// </summary>
    private async Task<(List<string> Actors, bool Cut, List<(string, string, RelationType)> Read, IReadOnlyCollection<string> Outer)> ReachAsync(
        string center, int depth, int limit, EvidenceFilter scope, CancellationToken ct)
    {
        var reached = new List<string> { center };
        var seen = new HashSet<string>(StringComparer.Ordinal) { center };
        var frontier = new HashSet<string>(StringComparer.Ordinal) { center };
        var read = new List<(string, string, RelationType)>();
        bool cut = false;
        for (int hop = 1; hop <= depth && frontier.Count > 0; hop++)
        {
            if (reached.Count >= limit)
            {
                // Full with hops to go: the next hop may have more (the totals say).
                cut = true;
                break;
            }

            // The store's sums per relationship: how much evidence links each new actor to the frontier, without the sentences.
            var rows = await store.GetRelationshipTotalsAsync(scope with { ActorIds = frontier }, ct: ct);
            read.AddRange(rows.Select(t => (t.Source, t.Target, t.Type)));
            var next = rows
                .SelectMany(t => new[] { (From: t.Source, To: t.Target, t.Count), (From: t.Target, To: t.Source, t.Count) })
                .Where(p => frontier.Contains(p.From) && !seen.Contains(p.To))
                .GroupBy(p => p.To)
                .OrderByDescending(g => g.Sum(p => p.Count))
                .ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => g.Key)
                .ToList();
            cut |= next.Count > limit - reached.Count;
            next = [.. next.Take(limit - reached.Count)];
            reached.AddRange(next);
            seen.UnionWith(next);
            frontier = [.. next];
        }

        return (reached, cut, read, frontier);
    }
}
