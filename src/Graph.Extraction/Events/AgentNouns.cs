using System.Text.Json;
using Graph.Extraction.Words;

namespace Graph.Extraction.Events;

/// <summary>
/// Which nouns stand for actors (graph-seed/lexicon/agents.json with WordNet's classes): people and bodies qualified by
/// a state or group act for it ("a Turkish court"), numbers and groups stand for what follows "of" ("thousands of
/// Serbs"), and some people and bodies never act for the state that qualifies them ("a Chinese company").
/// </summary>
internal sealed class AgentNouns
{
    private static readonly Lemmatizer Lemmas = new(EnglishWords.Default);

    private readonly HashSet<string> _agents = new(StringComparer.Ordinal);
    private readonly HashSet<string> _groupOf = new(StringComparer.Ordinal);
    private readonly HashSet<string> _notTheState = new(StringComparer.Ordinal);
    private readonly HashSet<string> _holdings = new(StringComparer.Ordinal);
    private readonly HashSet<string> _heldBy = new(StringComparer.Ordinal);
    private readonly HashSet<string> _backedBy = new(StringComparer.Ordinal);
    private readonly HashSet<string> _notTheOwner = new(StringComparer.Ordinal);
    private readonly HashSet<string> _notGeneric = new(StringComparer.Ordinal);
    private readonly HashSet<string> _quantityWords = new(StringComparer.Ordinal);
    private readonly HashSet<string> _nameHeads = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _sectors = new(StringComparer.Ordinal);

    /// <summary>A noun for people or a body of people ("soldiers", "court", "government"), as WordNet's first sense has it.</summary>
    public bool IsAgent(Word head) =>
        head.Tag.IsNoun() && !head.Tag.IsProperNoun() && !_notTheState.Contains(head.Lemma)
        && (_agents.Contains(head.Lemma) || EnglishWords.Default.ClassesOf(WordNetPos.Noun, head.Lemma) is { First: LexClass.Person or LexClass.Group });

    /// <summary>"Armed Forces", "Army" in a name: a capitalised body noun of our list (WordNet's would take in "Hussein").</summary>
    public bool IsCapitalisedAgent(Word head) =>
        head.Tag.IsProperNoun() && _agents.Contains(Lemmas.Lemma(head.Lower, head.Lower.EndsWith('s') ? PennTag.NNS : PennTag.NN));

    /// <summary>An agent noun that acts for the actor owning it ("Poland's parliament", "the president of Armenia"), unlike "ally".</summary>
    public bool ActsForOwner(Word head) => IsAgent(head) && !_notTheOwner.Contains(head.Lemma);

    /// <summary>"ally", "neighbour": a noun for an actor in a relation to another (agents.json 'notTheOwner').</summary>
    public bool IsRelation(Word head) => head.Tag.IsNoun() && !head.Tag.IsProperNoun() && _notTheOwner.Contains(head.Lemma);

    /// <summary>"hideouts" in "Taliban hideouts": a place or thing that stands for the actor holding it.</summary>
    public bool IsHolding(Word head) => head.Tag.IsNoun() && !head.Tag.IsProperNoun() && _holdings.Contains(head.Lemma);

    /// <summary>"held" in "a rebel-held town": after an actor and a hyphen, the place stands for who holds it.</summary>
    public bool IsHeldBy(string lower) => _heldBy.Contains(lower);

    /// <summary>"backed" in "US-backed forces": after an actor and a hyphen, the noun is not that actor.</summary>
    public bool IsBackedBy(string lower) => _backedBy.Contains(lower);

    /// <summary>A common noun for one person ("journalist", "activist", "leader"), as WordNet's first sense has it.</summary>
    public bool IsPerson(Word w) =>
        w.Tag is PennTag.NN && EnglishWords.Default.ClassesOf(WordNetPos.Noun, w.Lemma) is { First: LexClass.Person };

    /// <summary>"a group of", "thousands of", "members of": a noun that stands for what follows "of".</summary>
    public bool IsGroupOf(Word head) =>
        head.Tag.IsNoun() && (_groupOf.Contains(head.Lemma) || EnglishWords.Default.ClassesOf(WordNetPos.Noun, head.Lemma) is { First: LexClass.Quantity });

    /// <summary>A plural noun for people ("prisoners", "activists", "troops") that can name a group of its own.</summary>
    public bool IsGeneric(Word head) =>
        head.Tag == PennTag.NNS && !_notGeneric.Contains(head.Lemma) && !_notTheState.Contains(head.Lemma)
        && (_agents.Contains(head.Lemma) || EnglishWords.Default.ClassesOf(WordNetPos.Noun, head.Lemma) is { First: LexClass.Person });

    /// <summary>"group" in "Hezbollah group": right after a group's name, the noun is that group.</summary>
    public bool IsNameHead(Word head) => head.Tag.IsNoun() && _nameHeads.Contains(head.Lemma);

    /// <summary>"more", "several", "dozens": words that count a group, left out of its name.</summary>
    public bool IsQuantityWord(string lower) => _quantityWords.Contains(lower);

    /// <summary>The CAMEO sector ("JUD") a state acts through when this person or body noun ("court") is the actor, or null.</summary>
    public string? SectorOf(string lemma) => _sectors.TryGetValue(lemma, out var sector) ? sector : null;

    public static AgentNouns Read(JsonElement root)
    {
        var nouns = new AgentNouns();
        nouns._agents.UnionWith(root.GetProperty("agents").EnumerateArray().Select(e => e.GetString()!));
        nouns._groupOf.UnionWith(root.GetProperty("groupOf").EnumerateArray().Select(e => e.GetString()!));
        nouns._notTheState.UnionWith(root.GetProperty("notTheState").EnumerateArray().Select(e => e.GetString()!));
        nouns._holdings.UnionWith(root.GetProperty("holdings").EnumerateArray().Select(e => e.GetString()!));
        nouns._heldBy.UnionWith(root.GetProperty("heldBy").EnumerateArray().Select(e => e.GetString()!));
        nouns._backedBy.UnionWith(root.GetProperty("backedBy").EnumerateArray().Select(e => e.GetString()!));
        nouns._notTheOwner.UnionWith(root.GetProperty("notTheOwner").EnumerateArray().Select(e => e.GetString()!));
        nouns._notGeneric.UnionWith(root.GetProperty("notGeneric").EnumerateArray().Select(e => e.GetString()!));
        nouns._quantityWords.UnionWith(root.GetProperty("quantityWords").EnumerateArray().Select(e => e.GetString()!));
        nouns._nameHeads.UnionWith(root.GetProperty("nameHeads").EnumerateArray().Select(e => e.GetString()!));
        foreach (var sector in root.GetProperty("sectors").EnumerateObject())
        {
            nouns._sectors[sector.Name] = sector.Value.GetString() is { Length: 3 } code && code.All(char.IsAsciiLetterUpper)
                ? code : throw new InvalidDataException($"agents.json, 'sectors': '{sector.Name}' needs a CAMEO sector code of three capital letters");
        }

        return nouns;
    }
}
