using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;

namespace Graph.Extraction.Words;

/// <summary>WordNet's lexicographer classes ("noun.person", "verb.contact"), without their part of speech.</summary>
internal enum LexClass : byte
{
    Tops, Act, Animal, Artifact, Attribute, Body, Cognition, Communication, Event, Feeling, Food, Group, Location, Motive,
    Object, Person, Phenomenon, Plant, Possession, Process, Quantity, Relation, Shape, State, Substance, Time, Change,
    Competition, Consumption, Contact, Creation, Emotion, Motion, Perception, Social, Stative, Weather, All, Pert, Ppl,
}

/// <summary>A WordNet part of speech.</summary>
internal enum WordNetPos : byte
{
    Noun,
    Verb,
    Adjective,
    Adverb,
}

/// <summary>The classes of a lemma's senses: all of them, and that of its most frequent sense.</summary>
internal readonly record struct LexClasses(ulong All, LexClass First)
{
    public bool Has(LexClass c) => (All & (1UL << (int)c)) != 0;
}

/// <summary>One of Brill's contextual rules: change <see cref="From"/> to <see cref="To"/> where the condition holds.</summary>
internal sealed record TagRule(PennTag From, PennTag To, string Condition, string Arg1, string Arg2, string Arg3, bool Verify);

/// <summary>
/// The English word table built from lexical resources at build time (Words/build-words.mjs): the tags each form takes
/// in Brill's lexicon, WordNet's lemmas with their classes, irregular inflections and Brill's contextual rules.
/// Read-only once loaded; one instance serves the whole process.
/// </summary>
internal sealed class EnglishWords
{
    private static readonly Lazy<EnglishWords> BuiltIn = new(LoadBuiltIn);

    private readonly Dictionary<string, PennTag[]> _tags = new(StringComparer.Ordinal);
    private readonly Dictionary<string, LexClasses>[] _lemmas = [new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal), new(StringComparer.Ordinal)];

    // The lemma tables' span look-ups, made once: getting one checks the comparer's type, and the lemmatizer asks for
    // nearly every inflected word.
    private readonly Dictionary<string, LexClasses>.AlternateLookup<ReadOnlySpan<char>>[] _lemmaSpans;
    private readonly Dictionary<string, string> _irregularVerbs = new(StringComparer.Ordinal);
    private readonly Dictionary<string, string> _irregularPlurals = new(StringComparer.Ordinal);
    private readonly List<TagRule> _rules = [];

    private EnglishWords() => _lemmaSpans = [.. _lemmas.Select(l => l.GetAlternateLookup<ReadOnlySpan<char>>())];

    public static EnglishWords Default => BuiltIn.Value;

    public IReadOnlyList<TagRule> Rules => _rules;

    /// <summary>A hash of the table as built: part of the extractor's version, since what it reads changes with it.</summary>
    public string Fingerprint { get; private set; } = string.Empty;

    /// <summary>The tags Brill's lexicon gives this exact form, most frequent first, or null when it does not know it.</summary>
    public PennTag[]? TagsOf(string form) => _tags.TryGetValue(form, out var tags) ? tags : null;

    public bool IsLemma(WordNetPos pos, string lemma) => _lemmas[(int)pos].ContainsKey(lemma);

    /// <summary>
    /// The table's own string for a candidate not yet made a string (the lemmatizer tries several per word), or null
    /// when WordNet does not know it: the lemma found then costs no new string.
    /// </summary>
    public string? Lemma(WordNetPos pos, ReadOnlySpan<char> candidate) =>
        _lemmaSpans[(int)pos].TryGetValue(candidate, out var lemma, out _) ? lemma : null;

    public LexClasses? ClassesOf(WordNetPos pos, string lemma) => _lemmas[(int)pos].TryGetValue(lemma, out var c) ? c : null;

    public string? IrregularVerb(string form) => _irregularVerbs.TryGetValue(form, out var lemma) ? lemma : null;

    public string? IrregularPlural(string form) => _irregularPlurals.TryGetValue(form, out var singular) ? singular : null;

    public static EnglishWords Read(TextReader reader)
    {
        var words = new EnglishWords();
        string section = string.Empty;
        int lineNumber = 0;
        while (reader.ReadLine() is { } line)
        {
            lineNumber++;
            if (line.Length == 0)
            {
                continue;
            }

            var f = line.Split('\t');
            if (f[0] == "@section" && f.Length == 2)
            {
                section = f[1];
                continue;
            }

            try
            {
                words.Add(section, f);
            }
            catch (Exception e) when (e is FormatException or IndexOutOfRangeException)
            {
                throw new InvalidDataException($"The English word table, line {lineNumber} ({section}): {e.Message}", e);
            }
        }

        return words;
    }

    private void Add(string section, string[] f)
    {
        switch (section)
        {
            case "tags":
                var tags = new List<PennTag>();
                foreach (var name in f[1].Split('|'))
                {
                    if (PennTags.TryParse(name, out var tag))
                    {
                        tags.Add(tag);
                    }
                }

                if (tags.Count > 0)
                {
                    _tags[f[0]] = [.. tags];
                }

                break;
            case "wordnet":
                var pos = f[0] switch { "n" => WordNetPos.Noun, "v" => WordNetPos.Verb, "a" => WordNetPos.Adjective, _ => WordNetPos.Adverb };

                // Multiword lemmas matter only for phrasal verbs ("hand over"); the others would only take memory.
                if (pos != WordNetPos.Verb && f[1].Contains(' ', StringComparison.Ordinal))
                {
                    break;
                }

                ulong all = 0;
                LexClass first = LexClass.Tops;
                bool any = false;
                foreach (var name in f[2].Split(',', StringSplitOptions.RemoveEmptyEntries))
                {
                    if (Enum.TryParse<LexClass>(name, ignoreCase: true, out var c))
                    {
                        first = any ? first : c;
                        any = true;
                        all |= 1UL << (int)c;
                    }
                }

                _lemmas[(int)pos][f[1]] = new LexClasses(all, first);
                break;
            case "irregular":
                if (f[0] == "NNS")
                {
                    _irregularPlurals.TryAdd(f[1], f[2]);
                }
                else
                {
                    _irregularVerbs.TryAdd(f[1], f[2]);
                }

                break;
            case "rules":
                _rules.Add(new TagRule(PennTags.Parse(f[0]), PennTags.Parse(f[1]), f[2], f[3], f[4], f[5], f[6] == "verify"));
                break;
            default:
                throw new FormatException($"unknown section '{section}'");
        }
    }

    private static EnglishWords LoadBuiltIn()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream("words/english.tsv.gz")
            ?? throw new InvalidOperationException("Graph.Extraction was built without its English word table (words/english.tsv.gz).");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        buffer.Position = 0;
        using var gzip = new GZipStream(buffer, CompressionMode.Decompress);
        using var reader = new StreamReader(gzip);
        var words = Read(reader);
        words.Fingerprint = Convert.ToHexStringLower(SHA256.HashData(buffer.GetBuffer().AsSpan(0, (int)buffer.Length)));
        return words;
    }
}
