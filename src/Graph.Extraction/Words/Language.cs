using System.Text.Json;
using Graph.Extraction.Chunks;
using Graph.Extraction.Clauses;
using Graph.Extraction.Text;

namespace Graph.Extraction.Words;

/// <summary>
/// The word and phrase stages: the English word table, the closed classes and our own tagging rules
/// (graph-seed/lexicon/words/), and the tagger and chunker built from them. Read-only; shared by all threads.
/// </summary>
internal sealed class Language
{
    private Language(EnglishWords english, ClosedClass closed, IReadOnlyList<TagRule> ownRules, VerbClasses classes, IReadOnlySet<string> phrasalVerbs)
    {
        English = english;
        Closed = closed;
        Tagger = new Tagger(english, ownRules);
        Chunker = new Chunker(closed, english, phrasalVerbs, classes);
        Classes = classes;
        Clauses = new ClauseFinder(classes);
    }

    public EnglishWords English { get; }

    public ClosedClass Closed { get; }

    public Tagger Tagger { get; }

    public Chunker Chunker { get; }

    public VerbClasses Classes { get; }

    public ClauseFinder Clauses { get; }

    /// <summary>The examples written beside our tagging rules: a sentence and the word/tag it must get.</summary>
    public IReadOnlyList<(string Text, string Expect)> TaggingExamples { get; private init; } = [];

    /// <summary>
    /// Tags, chunks and finds the clauses of a sentence. The words of <paramref name="names"/>, spans the mention stage
    /// read as names, are proper nouns whatever the tagger guessed: "Theresa May" has no modal. The words of
    /// <paramref name="demonyms"/> are adjectives before a noun or a list (see <see cref="Words.Tagger.Tag"/>).
    /// </summary>
    public ClausedSentence Analyse(Sentence sentence, IEnumerable<(int Start, int End)>? names = null, IEnumerable<(int Start, int End)>? demonyms = null)
    {
        var words = Tagger.Tag(sentence.Tokens, demonyms);
        foreach (var (start, end) in names ?? [])
        {
            if (end - start < 2 && start > 0 && words[start].Token.IsCapitalised && (words[start].Tag.IsVerb() || words[start].Tag == PennTag.MD))
            {
                // "refused entry to Ghanaians": a one-word name inside the sentence is no verb, whatever came before it.
                words[start] = words[start] with { Tag = PennTag.NNP, Lemma = words[start].Lower };
                continue;
            }

            if (end - start < 2 || !AllCapitalised(words, start, end))
            {
                continue;
            }

            for (int k = start; k < end; k++)
            {
                if (!words[k].Tag.IsProperNoun())
                {
                    words[k] = words[k] with { Tag = PennTag.NNP, Lemma = words[k].Lower };
                }
            }
        }

        VerblessComplements(words);
        return Clauses.Find(Chunker.Chunk(sentence, words));
    }

    // "demanded that the government end curbs on the press": a clause after "that" has a verb. Where the tagger left it
    // none, the first noun after the subject's noun that can be a bare verb, with an object after it, is the verb.
    private void VerblessComplements(Word[] words)
    {
        for (int i = 0; i < words.Length; i++)
        {
            if (words[i].Tag != PennTag.IN || !Closed.Is(words[i].Lower, Role.Complementizer))
            {
                continue;
            }

            int end = i + 1;
            while (end < words.Length && words[end].Token.IsWord && !words[end].Tag.IsVerb() && words[end].Tag != PennTag.MD)
            {
                end++;
            }

            if (end < words.Length && words[end].Token.IsWord)
            {
                continue; // the clause has its verb
            }

            for (int k = i + 2; k + 1 < end; k++)
            {
                if (words[k].Tag == PennTag.NN && words[k - 1].Tag.IsNoun() && words[k + 1].Tag is PennTag.DT or PennTag.NNS or PennTag.NNP or PennTag.PRPS or PennTag.JJ or PennTag.CD
                    && Tagger.Known(words[k].Token) is { } tags && tags.Contains(PennTag.VB))
                {
                    words[k] = words[k] with { Tag = PennTag.VB, Lemma = words[k].Lower };
                    break;
                }
            }
        }
    }

    private static bool AllCapitalised(Word[] words, int start, int end)
    {
        for (int k = start; k < end; k++)
        {
            if (!words[k].Token.IsCapitalised)
            {
                return false;
            }
        }

        return true;
    }

    /// <summary>From the lexicon's <c>words/</c> files (by their path relative to the lexicon folder).</summary>
    public static Language Load(IReadOnlyDictionary<string, JsonElement> lexicon)
    {
        var closed = lexicon.TryGetValue("words/closed-class.json", out var c)
            ? ClosedClass.Read(c)
            : throw new InvalidDataException("The lexicon has no words/closed-class.json.");
        var rules = lexicon.TryGetValue("words/tagging.json", out var t) ? ReadRules(t) : [];
        var classes = lexicon.TryGetValue("clauses.json", out var v) ? VerbClasses.Read(v, closed) : throw new InvalidDataException("The lexicon has no clauses.json.");
        var examples = lexicon.TryGetValue("words/tagging.json", out var te) && te.TryGetProperty("rules", out var list)
            ? list.EnumerateArray().Where(r => r.TryGetProperty("examples", out _))
                .SelectMany(r => r.GetProperty("examples").EnumerateArray().Select(e => (e.GetProperty("text").GetString()!, e.GetProperty("expect").GetString()!))).ToList()
            : [];
        var phrasal = lexicon.TryGetValue("words/phrasal-verbs.json", out var pv)
            ? pv.GetProperty("verbs").EnumerateArray().Select(x => x.GetString()!.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal)
            : [];
        return new Language(EnglishWords.Default, closed, rules, classes, phrasal) { TaggingExamples = examples };
    }

    // {"rules": [{"from": "VBD", "to": "VBN", "when": "PREVTAG", "args": ["VBZ"], "verify": true, "examples": [...]}]}
    private static List<TagRule> ReadRules(JsonElement root)
    {
        var rules = new List<TagRule>();
        if (!root.TryGetProperty("rules", out var list))
        {
            return rules;
        }

        foreach (var r in list.EnumerateArray())
        {
            var args = r.TryGetProperty("args", out var a) ? a.EnumerateArray().Select(x => x.GetString() ?? string.Empty).ToArray() : [];
            rules.Add(new TagRule(
                PennTags.Parse(r.GetProperty("from").GetString()!),
                PennTags.Parse(r.GetProperty("to").GetString()!),
                r.GetProperty("when").GetString()!,
                args.ElementAtOrDefault(0) ?? string.Empty,
                args.ElementAtOrDefault(1) ?? string.Empty,
                args.ElementAtOrDefault(2) ?? string.Empty,
                r.TryGetProperty("verify", out var v) && v.ValueKind == JsonValueKind.True));
        }

        return rules;
    }
}
