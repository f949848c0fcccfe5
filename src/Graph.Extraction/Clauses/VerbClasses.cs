using System.Text.Json;
using Graph.Extraction.Chunks;
using Graph.Extraction.Words;

namespace Graph.Extraction.Clauses;

/// <summary>The word classes the clause finder reads (graph-seed/lexicon/clauses.json).</summary>
internal sealed class VerbClasses
{
    private readonly HashSet<string> _reporting = new(StringComparer.Ordinal);
    private readonly HashSet<string> _objectControl = new(StringComparer.Ordinal);
    private readonly HashSet<string> _conditional = new(StringComparer.Ordinal);
    private readonly HashSet<string> _gerundControl = new(StringComparer.Ordinal);
    private ClosedClass _closed = null!;

    public bool IsReporting(string lemma) => _reporting.Contains(lemma);

    public bool IsObjectControl(string lemma) => _objectControl.Contains(lemma);

    public bool IsConditional(string subordinator) => _conditional.Contains(subordinator);

    /// <summary>"accused X of supporting", "prevented X from sending": the object does what the gerund says.</summary>
    public bool IsGerundControl(string lemma) => _gerundControl.Contains(lemma);

    /// <summary>"on Friday", "last week", "in 2015": a noun phrase that only says when.</summary>
    public bool IsTime(ChunkedSentence s, NounPhrase np)
    {
        var head = s.Words[np.Head];
        return _closed.Is(head.Lemma, Role.Time) || _closed.Is(head.Lower, Role.Time)
            || (head.Tag == PennTag.CD && head.Lower.Length == 4 && head.Lower.All(char.IsAsciiDigit));
    }

    /// <summary>"in", "near", "at": a preposition that places something.</summary>
    public bool IsLocative(string lower) => _closed.Is(lower, Role.Locative);

    public bool IsContrastive(string lower) => _closed.Is(lower, Role.Contrastive);

    public static VerbClasses Read(JsonElement root, ClosedClass closed)
    {
        var classes = new VerbClasses { _closed = closed };
        Fill(classes._reporting, root, "reporting");
        Fill(classes._objectControl, root, "objectControl");
        Fill(classes._conditional, root, "conditional");
        Fill(classes._gerundControl, root, "gerundControl");
        return classes;
    }

    private static void Fill(HashSet<string> set, JsonElement root, string property)
    {
        if (root.TryGetProperty(property, out var list))
        {
            foreach (var e in list.EnumerateArray())
            {
                set.Add(e.GetString()!.ToLowerInvariant());
            }
        }
    }
}
