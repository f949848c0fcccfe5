using Graph.Core.Domain;
using Graph.Extraction.Analysis;

namespace Graph.Extraction.Mentions;

/// <summary>
/// The actors one article names, as drafts: knowledge-base entries with their roles on the article's day, and actors
/// the text introduces. Drafts keep the order they were first needed in, which is the order actors are reported in.
/// </summary>
internal sealed class ArticleActors(ActorKnowledge kb, DateOnly? day)
{
    /// <summary>The knowledge base's role of a place in the state it lies in.</summary>
    public const string LocatedIn = "located in";

    /// <summary>The key of an actor's CAMEO code.</summary>
    public const string Cameo = "cameo";

    /// <summary>The knowledge base's role of a state that leads an organisation (a coalition).</summary>
    public const string LedBy = "led by";

    private readonly Dictionary<string, ActorDraft> _drafts = new(StringComparer.Ordinal);

    public IReadOnlyDictionary<string, ActorDraft> Drafted => _drafts;

    public DateOnly? Day => day;

    /// <summary>The draft of <paramref name="id"/>, started from the knowledge base if it knows the actor; else null.</summary>
    public ActorDraft? Find(string id)
    {
        if (_drafts.TryGetValue(id, out var draft))
        {
            return draft;
        }

        if (kb.Find(id) is not { } known)
        {
            return null;
        }

        draft = new ActorDraft(known.Id, known.Name, known.Kind) { Known = known };
        foreach (var c in known.Codes)
        {
            draft.Codes[c.Key] = c.Value;
        }

        foreach (var r in known.RolesOn(day))
        {
            if (r.Role != LocatedIn)
            {
                draft.Affiliations.Add(r);
            }
        }

        _drafts[id] = draft;
        return draft;
    }

    public ActorDraft Ensure(string id, string name, ActorKind kind)
    {
        if (Find(id) is { } existing)
        {
            return existing;
        }

        var draft = new ActorDraft(id, name, kind);
        _drafts[id] = draft;
        return draft;
    }

    /// <summary>The actor a mention speaks for: a person's state or organisation, or the actor itself.</summary>
    public string? Principal(Mention m) => m.ActorId is null ? null : m.ActorKind == ActorKind.Person ? Find(m.ActorId)?.Principal ?? m.ActorId : m.ActorId;

    public string? StateOf(Mention m) => m.ActorId is null ? null : StateOf(m.ActorId);

    public string? StateOf(string id)
    {
        var d = Find(id);
        if (d is null)
        {
            return null;
        }

        return d.Kind switch
        {
            ActorKind.Country => d.Id,
            ActorKind.Person => d.Affiliations.FirstOrDefault(a => a.IsInForceOn(day) && Find(a.ActorId)?.Kind == ActorKind.Country)?.ActorId,
            // A state agency acts for its state; a coalition a state leads ("led by") is not that state's organ.
            ActorKind.Organization => d.Affiliations.FirstOrDefault(a => a.Role != LedBy && Find(a.ActorId)?.Kind == ActorKind.Country)?.ActorId,
            _ => null,
        };
    }

    /// <summary>The state a person's CAMEO code names when no office ties them to it: "GBROPP" is Britain's opposition.</summary>
    public string? CodedState(string id) =>
        Find(id) is { Kind: ActorKind.Person } d && d.Codes.TryGetValue(Cameo, out var cameo) && cameo.Length >= 3
        && kb.Find(cameo[..3]) is { Kind: ActorKind.Country } state ? state.Id : null;

    /// <summary>The state a known place lies in.</summary>
    public string? PlaceState(string placeId) => kb.Find(placeId)?.Roles.FirstOrDefault(r => r.Role == LocatedIn)?.ActorId;
}
