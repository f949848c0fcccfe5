using Graph.Api.Model;
using Graph.Core.Domain;
using Graph.Core.Stances;
using Graph.Core.Storage;
using GraphQL;

namespace Graph.Api.Loading;

/// <summary>The graph questions that take more than one store read: stances, rankings, paths and neighbourhoods.</summary>
internal static class GraphQueries
{
    /// <summary>Only readings that say the event happened (or will) count, unless a filter asks otherwise.</summary>
    public static readonly Modality[] CountedModalities = [Modality.Asserted, Modality.Reported, Modality.Future];

    /// <summary>An actor by id, else by name or alias; null when nothing matches.</summary>
    public static async Task<Actor?> FindActorAsync(IGraphStore store, string reference, CancellationToken ct) =>
        await store.GetActorAsync(reference, ct) ?? (await store.FindActorsByNameAsync(reference, ct)) switch
        {
            [var best, ..] => best,
            _ => null,
        };

    public static async Task<Actor> RequireActorAsync(IGraphStore store, string reference, string argument, CancellationToken ct) =>
        await FindActorAsync(store, reference, ct)
        ?? throw new ExecutionError($"No actor with id, name or alias '{reference}' (argument `{argument}`).") { Code = ErrorCodes.NotFound };

    public static async Task<StanceView> StanceAsync(IGraphStore store, Actor from, Actor to, StanceQuery query, int strongest, CancellationToken ct)
    {
        var evidence = await StanceEvidenceAsync(store, from, to, query, ct);
        return new StanceView(from, to, StanceCalculator.Compute(from.Id, to.Id, evidence, strongest), query);
    }

    public static async Task<IReadOnlyList<StancePoint>> TimelineAsync(IGraphStore store, Actor from, Actor to, StanceQuery query, Bucket bucket, CancellationToken ct)
    {
        var evidence = await StanceEvidenceAsync(store, from, to, query, ct);
        return [.. evidence
            .Where(e => e.Day is not null)
            .GroupBy(e => BucketStart(e.Day!.Value, bucket))
            .OrderBy(g => g.Key)
            .Select(g =>
            {
                var s = StanceCalculator.Compute(from.Id, to.Id, g, 0);
                return new StancePoint(g.Key, s.Score, s.Label, s.EvidenceCount);
            })];
    }

    public static DateOnly BucketStart(DateOnly day, Bucket bucket) => bucket switch
    {
        Bucket.Day => day,
        Bucket.Week => day.AddDays(-(((int)day.DayOfWeek + 6) % 7)),
        _ => new DateOnly(day.Year, day.Month, 1),
    };

    /// <summary>Everyone with evidence towards <paramref name="of"/>, ranked by the sign they want: supporters (+1) or opponents (-1).</summary>
    public static async Task<IReadOnlyList<StanceView>> RankAsync(IGraphStore store, Actor of, StanceQuery query, int sign, int first, int strongest, CancellationToken ct)
    {
        var evidence = await store.GetEvidenceAsync(new EvidenceFilter { TargetIds = [of.Id], Modalities = CountedModalities, Since = query.Since, Until = query.Until }, ct);
        var ranked = evidence
            .Where(e => e.Source != of.Id)
            .GroupBy(e => e.Source)
            .Select(g => StanceCalculator.Compute(g.Key, of.Id, g, strongest))
            .Where(s => Math.Sign(s.Score) == sign)
            .OrderByDescending(s => Math.Abs(s.Score))
            .ThenByDescending(s => s.EvidenceCount)
            .ThenBy(s => s.From, StringComparer.Ordinal)
            .Take(first)
            .ToList();
        var actors = await store.GetActorsAsync([.. ranked.Select(s => s.From)], ct);
        return [.. ranked.Where(s => actors.ContainsKey(s.From)).Select(s => new StanceView(actors[s.From], of, s, query))];
    }

    private static async Task<IReadOnlyList<Evidence>> StanceEvidenceAsync(IGraphStore store, Actor from, Actor to, StanceQuery query, CancellationToken ct)
    {
        if (!query.IncludeAffiliates)
        {
            return await store.GetEvidenceAsync(new EvidenceFilter { SourceIds = [from.Id], TargetIds = [to.Id], Modalities = CountedModalities, Since = query.Since, Until = query.Until }, ct);
        }

        // Persons (and bodies) count for the actor they are affiliated with, but only while the affiliation was in force.
        var affiliates = await AffiliatesAsync(store, [from.Id, to.Id], ct);
        var fromSide = affiliates[from.Id].Append(from).ToDictionary(a => a.Id);
        var toSide = affiliates[to.Id].Append(to).ToDictionary(a => a.Id);
        var rows = await store.GetEvidenceAsync(new EvidenceFilter { SourceIds = fromSide.Keys, TargetIds = toSide.Keys, Modalities = CountedModalities, Since = query.Since, Until = query.Until }, ct);
        return [.. rows.Where(e => Speaks(fromSide[e.Source], from.Id, e.Day) && Speaks(toSide[e.Target], to.Id, e.Day))];
    }

    private static bool Speaks(Actor actor, string forId, DateOnly? day) =>
        actor.Id == forId || actor.Affiliations.Any(a => a.ActorId == forId && a.IsInForceOn(day));

    /// <summary>
    /// Actors affiliated with any of <paramref name="ids"/>. The store port has no reverse index of affiliations, so this
    /// reads the actor list page by page: fine for thousands of actors, the first thing to move into the store beyond that.
    /// </summary>
    private static async Task<Dictionary<string, List<Actor>>> AffiliatesAsync(IGraphStore store, IReadOnlyCollection<string> ids, CancellationToken ct)
    {
        var found = ids.Distinct().ToDictionary(id => id, _ => new List<Actor>());
        int offset = 0;
        while (true)
        {
            var page = await store.SearchActorsAsync(new ActorSearch(First: 500, Offset: offset), ct);
            foreach (var actor in page.Items)
            {
                foreach (var id in actor.Affiliations.Select(a => a.ActorId).Distinct())
                {
                    if (found.TryGetValue(id, out var list) && actor.Id != id)
                    {
                        list.Add(actor);
                    }
                }
            }

            offset += page.Items.Count;
            if (!page.HasNextPage || page.Items.Count == 0)
            {
                return found;
            }
        }
    }

    /// <summary>
    /// Breadth-first search over relationships in either direction, one store read per hop; returns up to
    /// <paramref name="first"/> of the shortest paths.
    /// </summary>
    public static async Task<IReadOnlyList<PathView>> PathsAsync(IGraphStore store, Actor from, Actor to, int maxHops, IReadOnlyCollection<RelationType> types, int first, CancellationToken ct)
    {
        if (from.Id == to.Id)
        {
            return [new PathView([from.Id], [])];
        }

        var depth = new Dictionary<string, int>(StringComparer.Ordinal) { [from.Id] = 0 };
        var parents = new Dictionary<string, HashSet<string>>(StringComparer.Ordinal);
        var between = new Dictionary<(string, string), List<Evidence>>();
        var frontier = new HashSet<string>(StringComparer.Ordinal) { from.Id };
        for (int hop = 1; hop <= maxHops && frontier.Count > 0 && !depth.ContainsKey(to.Id); hop++)
        {
            var rows = await store.GetEvidenceAsync(new EvidenceFilter { ActorIds = frontier, Types = types, Modalities = CountedModalities }, ct);
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
            return [];
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
        return paths;
    }

    private static (string, string) Pair(string a, string b) => string.CompareOrdinal(a, b) <= 0 ? (a, b) : (b, a);

    /// <summary>The actor, its neighbours out to <paramref name="depth"/> hops (best connected first), and every relationship among them.</summary>
    public static async Task<NeighborhoodView> NeighborhoodAsync(IGraphStore store, Actor center, int depth, int limit, IReadOnlyCollection<RelationType> types, DateOnly? since, DateOnly? until, CancellationToken ct)
    {
        var chosen = new List<string> { center.Id };
        var seen = new HashSet<string>(StringComparer.Ordinal) { center.Id };
        var frontier = new HashSet<string>(StringComparer.Ordinal) { center.Id };
        for (int hop = 1; hop <= depth && frontier.Count > 0 && chosen.Count < limit; hop++)
        {
            var rows = await store.GetEvidenceAsync(new EvidenceFilter { ActorIds = frontier, Types = types, Modalities = CountedModalities, Since = since, Until = until }, ct);
            var next = rows
                .SelectMany(e => new[] { (e.Source, e.Target), (e.Target, e.Source) })
                .Where(p => frontier.Contains(p.Item1) && !seen.Contains(p.Item2))
                .GroupBy(p => p.Item2)
                .OrderByDescending(g => g.Count())
                .ThenBy(g => g.Key, StringComparer.Ordinal)
                .Select(g => g.Key)
                .Take(limit - chosen.Count)
                .ToList();
            chosen.AddRange(next);
            seen.UnionWith(next);
            frontier = [.. next];
        }

        var actors = await store.GetActorsAsync(chosen, ct);
        var edges = chosen.Count < 2
            ? []
            : await store.GetEvidenceAsync(new EvidenceFilter { SourceIds = chosen, TargetIds = chosen, Types = types, Modalities = CountedModalities, Since = since, Until = until }, ct);
        return new NeighborhoodView(center, [.. chosen.Where(actors.ContainsKey).Select(id => actors[id])], RelationshipView.Aggregate(edges));
    }
}
