using Graph.Core.Domain;
using Graph.Extraction.Analysis;
using Graph.Extraction.Clauses;
using Graph.Extraction.Events;
using Graph.Extraction.Text;
using Graph.Extraction.Words;

namespace Graph.Extraction.Mentions;

/// <summary>What the mention passes share while one article is read: its sentences, what each pass found, its actors.</summary>
internal sealed class MentionContext(ActorKnowledge kb, MentionLexicon lexicon, Language language, EventPatterns events, IReadOnlyList<Sentence> sentences, DateOnly? day)
{
    // Lemmas without tagging the sentence: the passes only ask whether a word is an event noun or a reporting verb.
    private readonly Lemmatizer _lemmas = new(language.English);

    public ActorKnowledge Kb => kb;

    public MentionLexicon Lexicon => lexicon;

    /// <summary>The event stage's patterns: which nouns are events, which participles attribute one ('US-backed').</summary>
    public EventPatterns Events => events;

    /// <summary>English function words (words/closed-class.json).</summary>
    public ClosedClass Closed => language.Closed;

    /// <summary>The verb classes of the clause stage: which lemmas report speech.</summary>
    public VerbClasses Classes => language.Classes;

    public IReadOnlyList<Sentence> Sentences => sentences;

    /// <summary>The mentions of each sentence read so far.</summary>
    public List<Mention>[] Found { get; } = new List<Mention>[sentences.Count];

    public ArticleActors Actors { get; } = new(kb, day);

    public DateOnly? Day => day;

    /// <summary>The state the article names most: whose "rebels" and "government" they are when nothing closer says.</summary>
    public string? MainState { get; set; }

    /// <summary>Actors in the order they were last mentioned, the latest last: whom "the envoy" may stand for.</summary>
    public List<string> Recent { get; } = [];

    /// <summary>"strikes" → strike: the word's dictionary form as a noun.</summary>
    public string NounLemma(Token t) => _lemmas.Lemma(t.Lower, PennTag.NNS);

    /// <summary>"said" → say, "argues" → argue: the word's dictionary form as a verb.</summary>
    public string VerbLemma(Token t) => _lemmas.Lemma(t.Lower, PennTag.VBD);

    /// <summary>A person (or a publication named like one) the knowledge base does not know, named at [start, end).</summary>
    public Mention NewPerson(Sentence sentence, List<Mention> mentions, int start, int end)
    {
        string name = Spans.Surface(sentence, start, end);

        // "Sky News said", "told the Sydney Morning Herald": a speaker named like a publication is an organisation.
        string last = sentence.Tokens[end - 1].Lower;
        var kind = lexicon.MediaNames.Contains(last) || lexicon.OrgHeads.Contains(last) ? ActorKind.Organization : ActorKind.Person;
        var draft = Actors.Ensure(ActorDraft.Slug(name), name, kind);
        var m = new Mention(start, end, draft.Id, MentionKind.NewName, name) { ActorKind = draft.Kind };
        mentions.Add(m);
        return m;
    }

    /// <summary>Folds the qualifier in front of a mention into it: "Syrian| rebels".</summary>
    public void Merge(List<Mention> mentions, Mention qualifier, Mention into, Sentence sentence)
    {
        Consume(mentions, qualifier);
        into.Start = Math.Min(into.Start, qualifier.Start);
        into.Surface = Spans.Surface(sentence, into.Start, into.End);
    }

    /// <summary>A name folded into a larger mention ("Syrian| Foreign Minister …") was still named in the article.</summary>
    public void Consume(List<Mention> mentions, Mention qualifier)
    {
        mentions.Remove(qualifier);
        if (qualifier.ActorId is { } id && Actors.Find(id) is { } d && qualifier.Kind is MentionKind.Named or MentionKind.NewName)
        {
            d.AddAlias(qualifier.Surface);
            d.Named = true;
        }
    }
}
