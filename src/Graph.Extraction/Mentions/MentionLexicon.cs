using System.Text.Json;
using Graph.Core.Domain;
using Graph.Extraction.Text;

namespace Graph.Extraction.Mentions;

/// <summary>A class of generic groups ("rebels") and how the text and the knowledge base qualify it.</summary>
/// <param name="Name">The class ("rebels"), which also names a state's such group ("Syrian rebels").</param>
/// <param name="Sector">The CAMEO sector code a state's such group gets ("REB": Syrian rebels are SYRREB).</param>
/// <param name="Armed">A state's such group is an armed group.</param>
/// <param name="PlaceQualifies">Unqualified, the group belongs to the state of a place the sentence names, else to the article's state.</param>
/// <param name="Origin">Words after the group that name the state its people come from ("refugees fleeing Liberia").</param>
internal sealed record CollectiveClass(string Name, string Sector, bool Armed, bool PlaceQualifies, IReadOnlySet<string> Origin);

/// <summary>
/// The mention stage's vocabulary (graph-seed/lexicon/mentions.json): every list the passes read, each with an "about".
/// A list the code does not know, or one it needs that is missing or empty, is refused: a misspelt key must not quietly
/// turn a list off. Read-only after loading; shared by all threads.
/// </summary>
internal sealed class MentionLexicon
{
    private readonly Dictionary<string, int> _sizes = new(StringComparer.Ordinal);

    public PhraseTrie<string> Titles { get; } = new();
    public HashSet<string> Honorifics { get; } = new(StringComparer.Ordinal);
    public HashSet<string> TitleModifiers { get; } = new(StringComparer.Ordinal);
    public HashSet<string> QualifierBreaks { get; } = new(StringComparer.Ordinal);
    public HashSet<string> HeadsOfState { get; } = new(StringComparer.Ordinal);
    public HashSet<string> LeaderTitles { get; } = new(StringComparer.Ordinal);
    public HashSet<string> OfficialTitles { get; } = new(StringComparer.Ordinal);
    public HashSet<string> TopicPrepositions { get; } = new(StringComparer.Ordinal);
    public PhraseTrie<string> StateNouns { get; } = new();
    public HashSet<string> StrongStateNouns { get; } = new(StringComparer.Ordinal);
    public HashSet<string> EquipmentNouns { get; } = new(StringComparer.Ordinal);
    public HashSet<string> UnownedDeterminers { get; } = new(StringComparer.Ordinal);
    public HashSet<string> ControlParticiples { get; } = new(StringComparer.Ordinal);
    public PhraseTrie<bool> Allegiance { get; } = new();
    public HashSet<string> WarNouns { get; } = new(StringComparer.Ordinal);
    public HashSet<string> EthnicMarkers { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Peoples { get; } = new(StringComparer.Ordinal);
    public PhraseTrie<string> Collectives { get; } = new();
    public Dictionary<string, CollectiveClass> CollectiveClasses { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string> Counted { get; } = new(StringComparer.Ordinal);
    public Dictionary<string, string[]> CorefNouns { get; } = new(StringComparer.Ordinal);

    /// <summary>"coalition" → {"global-coalition": ["islamic-state"]}: the actor a description stands for when the article names a cue.</summary>
    public Dictionary<string, IReadOnlyDictionary<string, string[]>> ContextReferents { get; } = new(StringComparer.Ordinal);
    public HashSet<string> RemitPrepositions { get; } = new(StringComparer.Ordinal);
    public HashSet<string> PersonPronouns { get; } = new(StringComparer.Ordinal);
    public HashSet<string> OrgHeads { get; } = new(StringComparer.Ordinal);
    public HashSet<string> NameConnectors { get; } = new(StringComparer.Ordinal);
    public PhraseTrie<bool> MediaHeads { get; } = new();
    public List<string> DemonymEndings { get; } = [];
    public HashSet<string> MediaNames { get; } = new(StringComparer.Ordinal);
    public HashSet<string> NameParticles { get; } = new(StringComparer.Ordinal);
    public List<string[]> SourcePhrases { get; } = [];

    /// <summary>The kinds of actor a misspelt name stands for, with the fewest letters such a name has.</summary>
    public Dictionary<ActorKind, int> MisspeltNames { get; } = [];

    /// <summary>Capitalised, as they stand in text ("However"), with the honorifics ("Mr").</summary>
    public HashSet<string> NotNames { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Provenance { get; } = new(StringComparer.Ordinal);
    public HashSet<string> StancePrefixes { get; } = new(StringComparer.Ordinal);

    /// <summary>As written ("Bridge").</summary>
    public HashSet<string> PlaceNameHeads { get; } = new(StringComparer.Ordinal);

    /// <summary>As written ("Minister").</summary>
    public HashSet<string> PortfolioWords { get; } = new(StringComparer.Ordinal);

    /// <summary>How many entries each list has: what was read, for the tests.</summary>
    public IReadOnlyDictionary<string, int> Sizes => _sizes;

    /// <summary>The title's last word is that of a head of state or government or a minister ("foreign minister").</summary>
    public bool IsOfficialTitle(string title) => OfficialTitles.Contains(title[(title.LastIndexOf(' ') + 1)..]);

    /// <summary>The tokens ending just before <paramref name="at"/> are a phrase that makes what follows a speaker ("according to").</summary>
    public bool SourcePhraseBefore(IReadOnlyList<Token> tokens, int at) =>
        SourcePhrases.Any(p => at >= p.Length && p.Select((w, k) => tokens[at - p.Length + k].Lower == w).All(x => x));

    public static MentionLexicon Read(JsonElement root)
    {
        var lexicon = new MentionLexicon();
        var readers = lexicon.Readers();
        foreach (var list in root.EnumerateObject().Where(p => p.Name != "about"))
        {
            var read = readers.GetValueOrDefault(list.Name) ?? throw new InvalidDataException($"mentions.json: unknown list '{list.Name}'");
            try
            {
                lexicon._sizes[list.Name] = read(Body(list));
            }
            catch (InvalidDataException e)
            {
                throw new InvalidDataException($"mentions.json, list '{list.Name}': {e.Message}", e);
            }
        }

        if (readers.Keys.FirstOrDefault(l => lexicon._sizes.GetValueOrDefault(l) == 0) is { } missing)
        {
            throw new InvalidDataException($"mentions.json: the list '{missing}' is missing or empty");
        }

        lexicon.NotNames.UnionWith(lexicon.Honorifics.Select(Capitalised));
        if (lexicon.Counted.Values.FirstOrDefault(c => !lexicon.CollectiveClasses.ContainsKey(c)) is { } unknown)
        {
            throw new InvalidDataException($"mentions.json: 'counted' names the class '{unknown}', which 'collectives' does not have");
        }

        return lexicon;
    }

    // Each list's reader: it adds the list's entries to its table and says how many there were.
    private Dictionary<string, Func<JsonElement, int>> Readers() => new(StringComparer.Ordinal)
    {
        ["titles"] = b => Words(b, w => Titles.Add(w, w.ToLowerInvariant())),
        ["honorifics"] = b => Words(b, Honorifics),
        ["titleModifiers"] = b => Words(b, TitleModifiers),
        ["qualifierBreaks"] = b => Words(b, QualifierBreaks),
        ["headsOfState"] = b => Words(b, HeadsOfState),
        ["leaderTitles"] = b => Words(b, LeaderTitles),
        ["officialTitles"] = b => Words(b, OfficialTitles),
        ["topicPrepositions"] = b => Words(b, TopicPrepositions),
        ["stateNouns"] = b => Words(b, w => StateNouns.Add(w, w.ToLowerInvariant())),
        ["strongStateNouns"] = b => Words(b, StrongStateNouns),
        ["equipmentNouns"] = b => Words(b, EquipmentNouns),
        ["unownedDeterminers"] = b => Words(b, UnownedDeterminers),
        ["controlParticiples"] = b => Words(b, ControlParticiples),
        ["allegiance"] = b => Words(b, w => Allegiance.Add(w, true)),
        ["warNouns"] = b => Words(b, WarNouns),
        ["ethnicMarkers"] = b => Words(b, EthnicMarkers),
        ["peoples"] = b => Words(b, Peoples),
        ["collectives"] = ReadCollectives,
        ["counted"] = b => Map(b, (word, cls) => Counted[word] = cls.ValueKind == JsonValueKind.String ? cls.GetString()! : throw new InvalidDataException("it maps words to class names")),
        ["corefNouns"] = b => Map(b, (word, heads) => CorefNouns[word] = Strings(heads, word).Select(h => h.ToLowerInvariant()).ToArray()),
        ["contextReferents"] = b => Map(b, (word, actors) => ContextReferents[word] = actors.ValueKind == JsonValueKind.Object
            ? actors.EnumerateObject().ToDictionary(a => a.Name, a => Strings(a.Value, word).ToArray(), StringComparer.Ordinal)
            : throw new InvalidDataException("it maps words to actors and the actors that cue them")),
        ["remitPrepositions"] = b => Words(b, RemitPrepositions),
        ["personPronouns"] = b => Words(b, PersonPronouns),
        ["orgHeads"] = b => Words(b, OrgHeads),
        ["nameConnectors"] = b => Words(b, NameConnectors),
        ["mediaHeads"] = b => Words(b, w => MediaHeads.Add(w, true)),
        ["demonymEndings"] = b => Words(b, w => DemonymEndings.Add(w.ToLowerInvariant())),
        ["mediaNames"] = b => Words(b, MediaNames),
        ["nameParticles"] = b => Words(b, NameParticles),
        ["misspeltNames"] = b => Map(b, (kind, v) => MisspeltNames[Enum.TryParse<ActorKind>(kind, true, out var k) ? k : throw new InvalidDataException($"'{kind}' is no kind of actor")]
            = v.ValueKind == JsonValueKind.Number && v.TryGetInt32(out int n) && n > 0 ? n : throw new InvalidDataException($"'{kind}' needs a number of letters above 0")),
        ["sourcePhrases"] = b => Words(b, w => SourcePhrases.Add(Tokenizer.Tokenize(w).Select(t => t.Lower).ToArray())),
        ["notNames"] = b => Words(b, w => NotNames.Add(Capitalised(w))),
        ["provenance"] = b => Words(b, Provenance),
        ["stancePrefixes"] = b => Words(b, StancePrefixes),
        ["placeNameHeads"] = b => Words(b, w => PlaceNameHeads.Add(w)),
        ["portfolioWords"] = b => Words(b, w => PortfolioWords.Add(w)),
    };

    // {"classes": {"rebels": {"words": [...], "sector": "REB", "armed": true, "placeQualifies": true, "origin": [...]}}}
    private int ReadCollectives(JsonElement body)
    {
        if (!body.TryGetProperty("classes", out var classes) || classes.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException("it needs its 'classes'");
        }

        foreach (var c in classes.EnumerateObject())
        {
            string where = c.Name;
            foreach (var field in c.Value.EnumerateObject())
            {
                if (field.Name is not ("words" or "sector" or "armed" or "placeQualifies" or "origin"))
                {
                    throw new InvalidDataException($"'{where}' has the unknown field '{field.Name}'");
                }
            }

            string sector = c.Value.TryGetProperty("sector", out var s) && s.GetString() is { Length: > 0 } code
                ? code : throw new InvalidDataException($"'{where}' needs its CAMEO 'sector'");
            var origin = c.Value.TryGetProperty("origin", out var o) ? Strings(o, where).ToHashSet(StringComparer.Ordinal) : [];
            CollectiveClasses[c.Name] = new CollectiveClass(c.Name, sector, Flag(c.Value, "armed"), Flag(c.Value, "placeQualifies"), origin);
            var words = c.Value.TryGetProperty("words", out var w) ? Strings(w, where) : [];
            if (words.Count == 0)
            {
                throw new InvalidDataException($"'{where}' has no words");
            }

            foreach (var word in words)
            {
                Collectives.Add(word, c.Name);
            }
        }

        return CollectiveClasses.Count;
    }

    // A list is {"about": "what it is for", "words": [...] or {...}}; the collectives have "classes" instead of "words".
    private static JsonElement Body(JsonProperty list)
    {
        if (list.Value.ValueKind != JsonValueKind.Object || !list.Value.TryGetProperty("about", out var about) || about.GetString() is not { Length: > 0 })
        {
            throw new InvalidDataException("it must be an object with an 'about' saying what it is for");
        }

        foreach (var field in list.Value.EnumerateObject())
        {
            if (field.Name is not ("about" or "words" or "classes"))
            {
                throw new InvalidDataException($"it has the unknown field '{field.Name}'");
            }
        }

        return list.Value;
    }

    private static int Words(JsonElement body, HashSet<string> set) => Words(body, w => set.Add(w.ToLowerInvariant()));

    private static int Words(JsonElement body, Action<string> add)
    {
        var words = body.TryGetProperty("words", out var w) ? Strings(w, "words") : [];
        foreach (var word in words)
        {
            add(word);
        }

        return words.Count;
    }

    private static int Map(JsonElement body, Action<string, JsonElement> add)
    {
        int n = 0;
        if (body.TryGetProperty("words", out var w) && w.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in w.EnumerateObject())
            {
                add(p.Name.ToLowerInvariant(), p.Value);
                n++;
            }
        }

        return n;
    }

    private static List<string> Strings(JsonElement array, string where) =>
        array.ValueKind == JsonValueKind.Array
            ? array.EnumerateArray().Select(e => e.ValueKind == JsonValueKind.String && e.GetString() is { Length: > 0 } s ? s : throw new InvalidDataException($"an empty or non-text word in '{where}'")).ToList()
            : throw new InvalidDataException($"'{where}' must be a list of words");

    private static string Capitalised(string word) => char.ToUpperInvariant(word[0]) + word[1..].ToLowerInvariant();

    private static bool Flag(JsonElement obj, string name) => obj.TryGetProperty(name, out var v) && v.ValueKind == JsonValueKind.True;
}
