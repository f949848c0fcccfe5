using Graph.Core.Domain;
using Graph.Extraction.Clauses;
using Graph.Extraction.Events;
using Graph.Extraction.Mentions;
using Graph.Extraction.Text;

namespace Graph.Extraction.Analysis;

internal sealed partial class ArticleAnalysis
{
    private string? _previousSubject;

    /// <summary>When set, what the mention and event stages found in each sentence, for <c>graph explain</c>.</summary>
    public Dictionary<int, List<string>>? Trace { get; init; }

    /// <summary>With a <see cref="Trace"/>, the words, chunks and clauses the event stage read in each sentence.</summary>
    public Dictionary<int, ClausedSentence> Analysed { get; } = [];

    public ActorKind? KindOf(string id) => Draft(id)?.Kind;

    public string Introduce(string id, string name, ActorKind kind, IEnumerable<string> aliases, string? principal = null, string? role = null)
    {
        var draft = Ensure(id, name, kind);
        foreach (var alias in aliases)
        {
            draft.AddAlias(alias);
        }

        if (principal is not null && role is not null && draft.Affiliations.Count == 0)
        {
            draft.Affiliate(principal, role);
        }

        return draft.Id;
    }

    bool IActorBook.SameSide(string a, string b) => SameSide(a, b);

    public string? StateOfPlace(string placeId) =>
        _kb.Find(placeId) is { } place ? place.Roles.FirstOrDefault(r => r.Role == "located in")?.ActorId ?? (place.Kind == ActorKind.Country ? place.Id : null) : null;

    private bool SameSide(string a, string b)
    {
        if (a == b)
        {
            return true;
        }

        var da = Draft(a);
        var db = Draft(b);
        // An undated article may come from either side of a group's dated role (the Taliban govern Afghanistan only since
        // 2021): there only its undated roles make it one side with a state, so "Afghan forces pounded Taliban hideouts" is
        // read. A person named in an office is most likely named while holding it.
        bool Serves(ActorDraft? x, string y) => x is not null && x.Affiliations.Any(f => f.ActorId == y
            && (_day is not null || x.Kind == ActorKind.Person ? f.IsInForceOn(_day) : f.From is null && f.Until is null));
        return Serves(da, b) || Serves(db, a) || (da?.Principal is { } pa && pa == db?.Principal && da.Kind == ActorKind.Person && db.Kind == ActorKind.Person);
    }

    private void FindEvents(Sentence sentence, List<Mention> mentions, List<Relation> relations)
    {
        if (!mentions.Any(m => m.ActorId is not null) && _previousSubject is null)
        {
            return;
        }

        var claused = _data.Language.Analyse(
            sentence,
            mentions.Where(m => m.Kind is MentionKind.Named or MentionKind.NewName && (m.Form != FormKind.Demonym || m.End - m.Start == 1)).Select(m => (m.Start, m.End)),
            mentions.Where(m => m.Form == FormKind.Demonym && m.End - m.Start <= 2).Select(m => (m.Start, m.End)));
        var readings = _data.Reader.Read(claused, mentions, this, _previousSubject);
        if (Trace is not null)
        {
            Analysed[sentence.Index] = claused;
            var lines = Trace[sentence.Index] = [];
            lines.Add("mentions: " + string.Join("; ", mentions.Where(m => m.ActorId is not null).Select(m => $"{m.Surface} -> {m.ActorId} ({m.Kind.ToString().ToLowerInvariant()})")));
            lines.AddRange(readings.Select(r => $"event: {r.Source} {r.Type.ToString().ToUpperInvariant()} {r.Target} ({r.Modality.ToString().ToLowerInvariant()}) by {r.Pattern} [{r.Form.ToString().ToLowerInvariant()}]"));
        }

        // Only the sentence's events take its date, and most sentences the stage reads have none.
        var date = readings.Count > 0 ? EventDates.Find(sentence.Tokens, _day) : null;
        foreach (var r in readings)
        {
            if (Draft(r.Source)?.Kind == ActorKind.Location || Draft(r.Target)?.Kind == ActorKind.Location)
            {
                continue;
            }

            // Civilians and refugees are the victims of force in the news, not its authors: such readings are parse errors.
            if (Plover.Of(r.Type).Quad == QuadClass.MaterialConflict && _data.Events.Victims.Any(v => r.Source == v || r.Source.StartsWith(v + "-", StringComparison.Ordinal)))
            {
                continue;
            }

            var plover = Plover.Of(r.Type);
            int polarity = r.Polarity ?? plover.Polarity;
            double score = polarity == 0 && plover.Polarity != 0 ? 0 : plover.Score;
            if (r.Modality == Modality.Negated)
            {
                // "did not meet" is no meeting: a negated cooperation leans the other way, a negated attack is nothing.
                polarity = polarity > 0 ? -1 : 0;
                score = score > 0 ? -score / 2 : 0;
            }

            var tokens = sentence.Tokens;
            string trigger = sentence.Text[(tokens[r.TriggerStart].Start - sentence.Start)..(tokens[r.TriggerEnd - 1].End - sentence.Start)];
            relations.Add(new Relation(r.Source, r.Target, r.Type, polarity, score, _data.Confidence.Of(r), sentence.Text, sentence.Start, sentence.End,
                r.Modality, r.SaidBy, date, trigger, SectorCode(r.Source, r.SourceSector), SectorCode(r.Target, r.TargetSector)));
        }

        // What "it" and "they" in the next sentence most likely stand for.
        foreach (var p in claused.Predications)
        {
            if (p.Kind == Clauses.ClauseKind.Main && new Referents(claused.Chunks, mentions, this, _data.Agents).Of(p.Subjects).FirstOrDefault() is { } subject)
            {
                _previousSubject = subject.Actor;
                break;
            }
        }
    }

    // "TURJUD" for Turkey acting through a court: the state's own CAMEO code and the sector (only a state's referent has one).
    private string? SectorCode(string actor, string? sector) =>
        sector is not null && Draft(actor) is { } state && state.Codes.TryGetValue(ArticleActors.Cameo, out var cameo) ? cameo + sector : null;
}
