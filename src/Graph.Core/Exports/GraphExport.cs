using System.Runtime.CompilerServices;
using Graph.Core.Domain;
using Graph.Core.Queries;
using Graph.Core.Storage;

namespace Graph.Core.Exports;

/// <summary>
/// One edge of an exported graph: every piece of evidence that <see cref="Source"/> did <see cref="Type"/> to
/// <see cref="Target"/> in the scope. <see cref="Evidence"/> counts them all, as <c>stats</c> does; the score and
/// confidence are those of the <see cref="Counted"/> ones (<see cref="Modalities.CountedAsEvidence"/>), as a stance's.
/// </summary>
public sealed record GraphEdge(
    string Source, string Target, RelationType Type, int Evidence, int Counted, double Score, double Confidence, DateOnly? FirstSeen, DateOnly? LastSeen)
{
    public int Polarity => Math.Sign(Score);

    public string CameoRoot => Plover.Of(Type).CameoRoot;
}

/// <summary>Actors (by id) and the relationships among them, ready for a graph tool.</summary>
public sealed record GraphSnapshot(IReadOnlyList<Actor> Nodes, IReadOnlyList<GraphEdge> Edges);

/// <summary>
/// What the exports read: the evidence of a scope as events, streamed page by page so a store of any size is never
/// held at once, and the graph of the scope (actors and one edge per source, target and type) from the store's sums.
/// </summary>
public sealed class GraphExport(IGraphStore store)
{
    /// <summary>Evidence rows read per store call.</summary>
    public const int PageSize = 1000;

    /// <summary>The scope's evidence, one row each, in key order (source, target, type, id).</summary>
    public async IAsyncEnumerable<EventRow> EventsAsync(ExportScope scope, [EnumeratorCancellation] CancellationToken ct = default)
    {
        var filter = scope.Filter;
        EvidenceKey? after = null;
        while (true)
        {
            var page = await store.GetEvidencePageAsync(filter, after, PageSize, ct);
            if (page.Count == 0)
            {
                yield break;
            }

            var ids = page.SelectMany(e => e.SaidBy is { } speaker ? [e.Source, e.Target, speaker] : new[] { e.Source, e.Target }).ToHashSet(StringComparer.Ordinal);
            var actors = await store.GetActorsAsync(ids, ct);
            foreach (var e in page)
            {
                yield return EventRow.From(e, actors);
            }

            if (page.Count < PageSize)
            {
                yield break;
            }

            after = EvidenceKey.Of(page[^1]);
        }
    }

    /// <summary>
    /// The scope's graph: its relationships, and the actors at their ends (with the scope's actor even when it has
    /// none); for the whole store, every actor, as <c>stats</c> counts them. Nodes by id, edges by source, target, type.
    /// </summary>
    public async Task<GraphSnapshot> GraphAsync(ExportScope scope, CancellationToken ct = default)
    {
        var filter = scope.Filter;
        var all = await store.GetRelationshipTotalsAsync(filter, ct: ct);
        var counted = RelationshipView.FromTotals(await store.GetRelationshipTotalsAsync(filter with { Modalities = Modalities.CountedAsEvidence }, ct: ct), filter)
            .ToDictionary(r => (r.Source, r.Target, r.Type));
        var edges = all
            .Select(t => counted.GetValueOrDefault((t.Source, t.Target, t.Type)) is { } c
                ? new GraphEdge(t.Source, t.Target, t.Type, t.Count, c.Count, c.Score, c.Confidence, t.FirstSeen, t.LastSeen)
                : new GraphEdge(t.Source, t.Target, t.Type, t.Count, 0, 0, 0, t.FirstSeen, t.LastSeen))
            .OrderBy(e => e.Source, StringComparer.Ordinal)
            .ThenBy(e => e.Target, StringComparer.Ordinal)
            .ThenBy(e => e.Type)
            .ToList();

        IEnumerable<Actor> nodes;
        if (scope.IsWholeStore)
        {
            nodes = await AllActorsAsync(ct);
        }
        else
        {
            var ends = edges.SelectMany(e => new[] { e.Source, e.Target }).ToHashSet(StringComparer.Ordinal);
            if (scope.Actor is { } actor)
            {
                ends.Add(actor.Id);
            }

            nodes = (await store.GetActorsAsync(ends, ct)).Values;
        }

        return new GraphSnapshot([.. nodes.OrderBy(a => a.Id, StringComparer.Ordinal)], edges);
    }

    private async Task<List<Actor>> AllActorsAsync(CancellationToken ct)
    {
        var actors = new List<Actor>();
        while (true)
        {
            var page = await store.SearchActorsAsync(new ActorSearch(First: PageSize, Offset: actors.Count), ct);
            actors.AddRange(page.Items);
            if (!page.HasNextPage || page.Items.Count == 0)
            {
                return actors;
            }
        }
    }
}
