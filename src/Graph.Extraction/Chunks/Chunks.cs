using Graph.Extraction.Text;
using Graph.Extraction.Words;

namespace Graph.Extraction.Chunks;

/// <summary>
/// A noun phrase: tokens [<see cref="Start"/>, <see cref="End"/>) with its head noun. "Russia's foreign ministry" has
/// the possessor "Russia"; "Kurdish fighters in Syria" ends at "fighters" (prepositional phrases are chunks of their own).
/// </summary>
internal sealed record NounPhrase(int Start, int End, int Head, NounPhrase? Possessor)
{
    /// <summary>Where the phrase's own words start: after its possessor and the possessive mark.</summary>
    public int OwnStart { get; init; } = Start;

    /// <summary>The determiner's token ("the", "an", "his"), or -1.</summary>
    public int Determiner { get; init; } = -1;

    public bool Contains(int token) => Start <= token && token < End;

    public override string ToString() => $"NP[{Start}..{End}) head {Head}";
}

internal enum Voice
{
    Active,
    Passive,
}

/// <summary>How a verb group stands in its clause.</summary>
internal enum VerbForm
{
    /// <summary>"attacked", "has attacked", "will attack": the verb of a clause with its own subject.</summary>
    Finite,

    /// <summary>"to attack".</summary>
    Infinitive,

    /// <summary>"attacking" with no auxiliary: a participle clause or a gerund.</summary>
    Gerund,

    /// <summary>"attacked" with no auxiliary where a finite verb cannot be ("missiles fired by Israel").</summary>
    Participle,

    /// <summary>"attack" with no subject or auxiliary: an imperative, or a bare infinitive after "help", "let", "make".</summary>
    Bare,
}

/// <summary>
/// A verb group: auxiliaries, modal, negation and adverbs around one main verb, with what they say about it.
/// <see cref="Lemma"/> includes a particle that makes a phrasal verb WordNet knows ("hand over", "pull out").
/// </summary>
internal sealed record VerbGroup(int Start, int End, int Head, string Lemma, Voice Voice, VerbForm Form)
{
    /// <summary>"not", "n't", "never" inside the group.</summary>
    public bool Negated { get; init; }

    /// <summary>The modal ("will", "could", "must"), lower case, or null.</summary>
    public string? Modal { get; init; }

    /// <summary>"has attacked", "had been attacked".</summary>
    public bool Perfect { get; init; }

    /// <summary>A form of "be" is the whole group ("Turkey is opposed …" has "is opposed"; "Turkey is in talks" has "is").</summary>
    public bool Copula { get; init; }

    /// <summary>The particle's token ("out" in "pulled out"), or -1.</summary>
    public int Particle { get; init; } = -1;

    public override string ToString() => $"VG[{Start}..{End}) {Lemma} {Voice} {Form}{(Negated ? " negated" : string.Empty)}{(Modal is null ? string.Empty : " " + Modal)}";
}

/// <summary>What a position in the chunked sentence holds.</summary>
internal enum ChunkKind
{
    Noun,
    Verb,
    Preposition,
    Coordinator,
    Subordinator,
    Relative,
    Comma,
    Boundary,
    Quote,
    Other,
}

/// <summary>One chunk: a phrase (an index into the sentence's nouns or verbs) or a single function word or mark.</summary>
internal readonly record struct Chunk(ChunkKind Kind, int Start, int End, int Phrase)
{
    public override string ToString() => $"{Kind}[{Start}..{End})";
}

/// <summary>A sentence cut into chunks, over its tagged words.</summary>
internal sealed class ChunkedSentence(Sentence sentence, Word[] words, IReadOnlyList<Chunk> chunks, IReadOnlyList<NounPhrase> nouns, IReadOnlyList<VerbGroup> verbs)
{
    public Sentence Sentence { get; } = sentence;

    public IReadOnlyList<Word> Words { get; } = words;

    public IReadOnlyList<Token> Tokens => Sentence.Tokens;

    public IReadOnlyList<Chunk> Chunks { get; } = chunks;

    public IReadOnlyList<NounPhrase> Nouns { get; } = nouns;

    public IReadOnlyList<VerbGroup> Verbs { get; } = verbs;

    /// <summary>The chunk holding token <paramref name="token"/>.</summary>
    public int ChunkAt(int token)
    {
        int lo = 0, hi = Chunks.Count - 1;
        while (lo <= hi)
        {
            int mid = (lo + hi) / 2;
            if (Chunks[mid].End <= token)
            {
                lo = mid + 1;
            }
            else if (Chunks[mid].Start > token)
            {
                hi = mid - 1;
            }
            else
            {
                return mid;
            }
        }

        return -1;
    }

    public NounPhrase? NounAt(int token) => ChunkAt(token) is var c and >= 0 && Chunks[c].Kind == ChunkKind.Noun ? Nouns[Chunks[c].Phrase] : null;

    public string Text(int start, int end) =>
        start >= end ? string.Empty : Sentence.Text[(Tokens[start].Start - Sentence.Start)..(Tokens[end - 1].End - Sentence.Start)];
}
