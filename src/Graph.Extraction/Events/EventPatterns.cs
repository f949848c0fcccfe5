using System.Text.Json;
using Graph.Core.Domain;
using Graph.Extraction.Words;

namespace Graph.Extraction.Events;

/// <summary>What a pattern is written against: a verb, an event noun or a predicate adjective.</summary>
internal enum PatternKind
{
    Verb,
    Noun,
    Adjective,
}

/// <summary>
/// One way a PLOVER event is put into words (graph-seed/lexicon/events/*.json): the words that carry it, where its
/// target is, and what changes it. Read-only.
/// </summary>
internal sealed record EventPattern(string Id, RelationType Type, PatternKind Kind, IReadOnlyList<string> Targets)
{
    /// <summary>For verbs: object head lemmas the pattern is limited to ("opened its borders").</summary>
    public IReadOnlySet<string> Objects { get; init; } = new HashSet<string>();

    /// <summary>For verbs: WordNet classes the object must be of ("gave money, equipment, food", not "sent a letter").</summary>
    public IReadOnlySet<LexClass> ObjectClasses { get; init; } = new HashSet<LexClass>();

    /// <summary>For nouns: prepositions that name the agent ("an attack by X").</summary>
    public IReadOnlyList<string> Agents { get; init; } = [];

    /// <summary>Words in the clause that the pattern needs ("peacekeeping").</summary>
    public IReadOnlySet<string> When { get; init; } = new HashSet<string>();

    /// <summary>For verbs: read only with an object ("returned antiquities to Egypt", not "is returning to Syria").</summary>
    public bool NeedsObject { get; init; }

    public bool Symmetric { get; init; }

    /// <summary>"X clashed with Y": the event with a "with" target is mutual, read both ways.</summary>
    public bool Reciprocal { get; init; }

    public bool Mediating { get; init; }

    public int? Polarity { get; init; }
}

/// <summary>A verb that undoes an event noun ("lifted sanctions"), turning it into another type.</summary>
internal sealed record Reversal(IReadOnlySet<string> Verbs, string On, RelationType Becomes)
{
    /// <summary>Nouns that do the same before "of": "the lifting of sanctions", "a suspension of arms sales".</summary>
    public IReadOnlySet<string> Nouns { get; init; } = new HashSet<string>();

    /// <summary>Verb and noun lemmas that make an idiom, not a reversal: "cut deal" ("cut a deal with X" agrees).</summary>
    public IReadOnlySet<string> Idioms { get; init; } = new HashSet<string>();
}

/// <summary>A sentence a pattern or construction must read (or must not), from the data files: the tests run them.</summary>
internal sealed record PatternCase(string Pattern, string File, string Text, IReadOnlyList<string> Find, IReadOnlyList<string> Not, bool Nothing, bool Counter);

/// <summary>All event patterns and cross-type constructions, indexed by the words that trigger them.</summary>
internal sealed class EventPatterns
{
    private readonly Dictionary<string, List<(EventPattern Pattern, string[] After)>> _verbs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(EventPattern Pattern, string[] Before)>> _nouns = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<EventPattern>> _adjectives = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Reversal>> _reversalsByVerb = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<Reversal>> _reversalsByNoun = new(StringComparer.Ordinal);
    private readonly List<EventPattern> _all = [];
    private readonly List<PatternCase> _cases = [];

    public IReadOnlyList<EventPattern> All => _all;

    public IReadOnlyList<PatternCase> Cases => _cases;

    public HashSet<string> LightVerbs { get; } = new(StringComparer.Ordinal);

    public List<Reversal> Reversals { get; } = [];

    /// <summary>"receive", "come under": verbs (with the preposition before the noun, if any) whose subject undergoes the event noun.</summary>
    public Dictionary<string, string?> Receiving { get; } = new(StringComparer.Ordinal);

    /// <summary>"call for", "urge": verbs (with the preposition before the noun, if any) that ask for the event noun they take.</summary>
    public Dictionary<string, string?> Appeals { get; } = new(StringComparer.Ordinal);

    /// <summary>The types of event an appeal makes its subject the author of ("called for sanctions against X").</summary>
    public HashSet<RelationType> AppealedTypes { get; } = [];

    public Dictionary<string, RelationType> Attributive { get; } = new(StringComparer.Ordinal);

    public HashSet<string> FramingVerbs { get; } = new(StringComparer.Ordinal);

    public Dictionary<string, RelationType> Framings { get; } = new(StringComparer.Ordinal);

    public HashSet<string> Victims { get; } = new(StringComparer.Ordinal);

    /// <summary>"the US position", "Turkey's plan": nouns for what an actor holds or intends, which speak for their author.</summary>
    public HashSet<string> Authored { get; } = new(StringComparer.Ordinal);

    /// <summary>"efforts" in "mediation efforts": a head noun that leaves its event to the noun before it.</summary>
    public HashSet<string> EventHeads { get; } = new(StringComparer.Ordinal);

    /// <summary>Verb patterns for a verb lemma, each with the words its lemma has after the verb ("call on" → ["on"]).</summary>
    public IReadOnlyList<(EventPattern Pattern, string[] After)> VerbsFor(string lemma) => Find(_verbs, lemma);

    /// <summary>Noun patterns for a head lemma, each with the words its phrase has before the head ("legal action" → ["legal"]).</summary>
    public IReadOnlyList<(EventPattern Pattern, string[] Before)> NounsFor(string lemma) => Find(_nouns, lemma);

    public IReadOnlyList<EventPattern> AdjectivesFor(string word) => Find(_adjectives, word);

    public bool IsEventNoun(string lemma) => _nouns.ContainsKey(lemma);

    /// <summary>The reversals a verb makes ("lift"), in file order: looked up for every clause, and most verbs make none.</summary>
    public IReadOnlyList<Reversal> ReversalsByVerb(string lemma) => Find(_reversalsByVerb, lemma);

    /// <summary>The reversals a noun before "of" makes ("the lifting of"), in file order.</summary>
    public IReadOnlyList<Reversal> ReversalsByNoun(string lemma) => Find(_reversalsByNoun, lemma);

    // The empty answer is an empty array: 'found ? list : []' made a new empty List (the type of the other branch) for
    // every word that names no pattern, which is nearly every word.
    private static IReadOnlyList<T> Find<T>(Dictionary<string, List<T>> index, string key) => index.TryGetValue(key, out var l) ? l : Array.Empty<T>();

    /// <summary>From the lexicon's <c>events/</c> files, by their path relative to the lexicon folder.</summary>
    public static EventPatterns Load(IReadOnlyDictionary<string, JsonElement> lexicon)
    {
        var patterns = new EventPatterns();
        foreach (var (name, root) in lexicon.Where(f => f.Key.StartsWith("events/", StringComparison.Ordinal)).OrderBy(f => f.Key, StringComparer.Ordinal))
        {
            try
            {
                if (name == "events/constructions.json")
                {
                    patterns.ReadConstructions(name, root);
                }
                else
                {
                    patterns.ReadType(name, root);
                }
            }
            catch (Exception e) when (e is KeyNotFoundException or InvalidOperationException or FormatException)
            {
                throw new InvalidDataException($"Lexicon file {name}: {e.Message}", e);
            }
        }

        return patterns;
    }

    private void ReadType(string file, JsonElement root)
    {
        var type = ParseType(root.GetProperty("type").GetString());
        foreach (var p in root.GetProperty("patterns").EnumerateArray())
        {
            string id = p.GetProperty("id").GetString()!;
            var targets = Strings(p, "target");
            var pattern = new EventPattern(id, type, PatternKind.Verb, targets.Count > 0 ? targets : ["object"])
            {
                Objects = Strings(p, "object").ToHashSet(StringComparer.Ordinal),
                ObjectClasses = Strings(p, "objectClasses").Select(c => Enum.TryParse<LexClass>(c, ignoreCase: true, out var lc) ? lc : throw new FormatException($"'{c}' is not a WordNet class")).ToHashSet(),
                Agents = Strings(p, "agent"),
                When = Strings(p, "when").ToHashSet(StringComparer.Ordinal),
                Symmetric = Flag(p, "symmetric"),
                NeedsObject = Flag(p, "needsObject"),
                Reciprocal = Flag(p, "reciprocal"),
                Mediating = Flag(p, "mediating"),
                Polarity = p.TryGetProperty("polarity", out var pol) ? Math.Sign(pol.GetInt32()) : null,
            };

            foreach (var verb in Strings(p, "verbs"))
            {
                var words = verb.Split(' ');
                Add(_verbs, words[0], (pattern, words[1..]));
            }

            var nouns = Strings(p, "nouns");
            if (nouns.Count > 0)
            {
                var noun = pattern with { Kind = PatternKind.Noun, Targets = targets.Count > 0 ? targets : ["on", "against", "to"] };
                foreach (var n in nouns)
                {
                    var words = n.Split(' ');
                    Add(_nouns, words[^1], (noun, words[..^1]));
                }

                pattern = noun;
            }

            var adjectives = Strings(p, "adjectives");
            if (adjectives.Count > 0)
            {
                pattern = pattern with { Kind = PatternKind.Adjective };
                foreach (var a in adjectives)
                {
                    Add(_adjectives, a, pattern);
                }
            }

            _all.Add(pattern);
            ReadCases(id, file, p);
        }
    }

    private void ReadConstructions(string file, JsonElement root)
    {
        var light = root.GetProperty("lightVerbs");
        LightVerbs.UnionWith(Strings(light, "verbs"));
        ReadCases("light-verbs", file, light);

        int n = 0;
        foreach (var r in root.GetProperty("reversals").EnumerateArray())
        {
            var becomes = ParseType(r.GetProperty("becomes").GetString());
            string on = r.GetProperty("on").GetString()!;
            if (on is not ("hostile" or "force" or "cooperative"))
            {
                throw new FormatException($"a reversal's 'on' is hostile, force or cooperative, not '{on}'");
            }

            var reversal = new Reversal(Strings(r, "verbs").ToHashSet(StringComparer.Ordinal), on, becomes) { Nouns = Strings(r, "nouns").ToHashSet(StringComparer.Ordinal), Idioms = Strings(r, "idioms").ToHashSet(StringComparer.Ordinal) };
            Reversals.Add(reversal);
            foreach (var verb in reversal.Verbs)
            {
                Add(_reversalsByVerb, verb, reversal);
            }

            foreach (var noun in reversal.Nouns)
            {
                Add(_reversalsByNoun, noun, reversal);
            }

            ReadCases($"reversal-{++n}-{on}", file, r);
        }

        var appeals = root.GetProperty("appeals");
        foreach (var v in Strings(appeals, "verbs"))
        {
            var parts = v.Split(' ', 2);
            Appeals[parts[0]] = parts.Length > 1 ? parts[1] : null;
        }

        AppealedTypes.UnionWith(Strings(appeals, "on").Select(ParseType));
        ReadCases("appeals", file, appeals);

        var receiving = root.GetProperty("receiving");
        foreach (var v in Strings(receiving, "verbs"))
        {
            var parts = v.Split(' ', 2);
            Receiving[parts[0]] = parts.Length > 1 ? parts[1] : null;
        }

        ReadCases("receiving", file, receiving);

        var attributive = root.GetProperty("attributive");
        foreach (var p in attributive.EnumerateObject().Where(p => p.Value.ValueKind == JsonValueKind.Array && p.Name is not ("examples" or "counter")))
        {
            foreach (var w in Strings(p.Value))
            {
                Attributive[w] = ParseType(p.Name);
            }
        }

        ReadCases("attributive", file, attributive);

        var framing = root.GetProperty("framing");
        FramingVerbs.UnionWith(Strings(framing, "verbs"));
        foreach (var p in framing.GetProperty("as").EnumerateObject())
        {
            foreach (var w in Strings(p.Value))
            {
                Framings[w] = ParseType(p.Name);
            }
        }

        ReadCases("framing", file, framing);
        Victims.UnionWith(Strings(root, "victims"));

        var authored = root.GetProperty("authored");
        Authored.UnionWith(Strings(authored, "nouns"));
        ReadCases("authored", file, authored);

        var heads = root.GetProperty("eventHeads");
        EventHeads.UnionWith(Strings(heads, "nouns"));
        ReadCases("eventHeads", file, heads);
    }

    private void ReadCases(string pattern, string file, JsonElement p)
    {
        foreach (var (property, counter) in new[] { ("examples", false), ("counter", true) })
        {
            if (!p.TryGetProperty(property, out var list))
            {
                continue;
            }

            foreach (var c in list.EnumerateArray())
            {
                _cases.Add(new PatternCase(pattern, file, c.GetProperty("text").GetString()!, Strings(c, "find"), Strings(c, "not"), Flag(c, "nothing"), counter));
            }
        }
    }

    private static RelationType ParseType(string? name) =>
        Plover.TryParse(name, out var type) ? type : throw new FormatException($"'{name}' is not a PLOVER type");

    private static void Add<T>(Dictionary<string, List<T>> index, string key, T value)
    {
        if (!index.TryGetValue(key, out var list))
        {
            index[key] = list = [];
        }

        list.Add(value);
    }

    private static bool Flag(JsonElement e, string property) => e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.True;

    private static List<string> Strings(JsonElement e, string property) => e.TryGetProperty(property, out var v) ? Strings(v) : [];

    private static List<string> Strings(JsonElement v) =>
        v.ValueKind == JsonValueKind.Array ? v.EnumerateArray().Select(x => x.GetString()!.ToLowerInvariant()).Where(x => x.Length > 0).ToList() : [];
}
