using Graph.Extraction.Chunks;

namespace Graph.Extraction.Clauses;

/// <summary>How a verb's clause stands in the sentence.</summary>
internal enum ClauseKind
{
    /// <summary>The sentence's own clause.</summary>
    Main,

    /// <summary>What a verb says, thinks or agrees: "(said) that Russia backs Assad", "(insists) it is enforcing".</summary>
    Complement,

    /// <summary>"Turkey, which has threatened …": the subject (or object) is the antecedent.</summary>
    Relative,

    /// <summary>"(urged Turkey) to withdraw", "(agreed) to lift": the subject is the controller.</summary>
    Infinitive,

    /// <summary>"…, killing 17 soldiers", "missiles fired by Israel": a participle clause.</summary>
    Participle,

    /// <summary>"because …", "when …", "as …".</summary>
    Adverbial,

    /// <summary>"if …", "unless …".</summary>
    Conditional,

    /// <summary>"… and killed 17 soldiers": a verb coordinated with an earlier one, sharing its subject.</summary>
    Coordinated,
}

/// <summary>A preposition with the noun phrases it governs: "against [Sudan]", "to [Syrians, Iraqis and Afghans]".</summary>
internal sealed record PrepositionalObject(string Preposition, int At, IReadOnlyList<NounPhrase> Nouns);

/// <summary>
/// One verb group with its arguments in this sentence: who does it (subjects), to whom or what (objects), and the
/// prepositional phrases after it. Passive verbs keep their surface subject; the event stage reads the agent from "by".
/// </summary>
internal sealed record Predication(int Verb, ClauseKind Kind, IReadOnlyList<NounPhrase> Subjects, IReadOnlyList<NounPhrase> Objects)
{
    /// <summary>"gave [Jordan] [a grant]": the second object of a verb with two.</summary>
    public NounPhrase? SecondObject { get; init; }

    public IReadOnlyList<PrepositionalObject> Prepositions { get; init; } = [];

    /// <summary>The predication this one depends on (the verb of a complement, the controller of an infinitive), or -1.</summary>
    public int Governor { get; init; } = -1;

    /// <summary>The subordinating word that opens the clause ("if", "because", "that"), lower case, or null.</summary>
    public string? Subordinator { get; init; }

    /// <summary>The noun the clause hangs from ("a plan [to attack]", "suggestions [that Obama would meet Putin]"), as a lemma, or null.</summary>
    public string? HangsFrom { get; init; }

    /// <summary>The subject comes from elsewhere (antecedent, controller, coordinated verb), not from words right before the verb.</summary>
    public bool SubjectInherited { get; init; }

    /// <summary>Where the clause's words start and end (tokens): what modality cues are read from.</summary>
    public int Start { get; init; }

    public int End { get; init; }

    // A loop, not FirstOrDefault: the event stage asks this many times a clause, and the lambda was an allocation each time.
    public PrepositionalObject? Preposition(string preposition)
    {
        foreach (var p in Prepositions)
        {
            if (p.Preposition == preposition)
            {
                return p;
            }
        }

        return null;
    }
}

/// <summary>Who a sentence's content is attributed to: "X said (that) …", "…, X said", "according to X".</summary>
internal sealed record Frame(int ReportingVerb, IReadOnlyList<NounPhrase> Speakers);

/// <summary>A sentence's predications and its reporting frame, over its chunks.</summary>
internal sealed record ClausedSentence(ChunkedSentence Chunks, IReadOnlyList<Predication> Predications, Frame? Frame)
{
    /// <summary>The predication of verb group <paramref name="verb"/>.</summary>
    public Predication? Of(int verb) => Predications.FirstOrDefault(p => p.Verb == verb);
}
