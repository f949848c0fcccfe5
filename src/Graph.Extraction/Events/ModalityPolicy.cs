using System.Text.Json;
using Graph.Core.Domain;
using Graph.Extraction.Clauses;

namespace Graph.Extraction.Events;

/// <summary>
/// The one modality policy (graph-seed/lexicon/modality.json): which cues make a clause negated, hypothetical, future or
/// reported, and which wins when several apply. Cues of a governing clause pass down to the clauses it governs.
/// </summary>
internal sealed class ModalityPolicy
{
    private readonly List<(string Cue, HashSet<string> Words, Modality Modality)> _rules = [];
    private readonly List<Modality> _order = [];

    public IReadOnlyList<PatternCase> Cases { get; private init; } = [];

    public static ModalityPolicy Read(JsonElement root)
    {
        var cases = new List<PatternCase>();
        var policy = new ModalityPolicy { Cases = cases };
        foreach (var o in root.GetProperty("order").EnumerateArray())
        {
            policy._order.Add(Parse(o.GetString()));
        }

        int n = 0;
        foreach (var r in root.GetProperty("rules").EnumerateArray())
        {
            string cue = r.GetProperty("cue").GetString()!;
            if (cue is not ("negation" or "modal" or "governor" or "adjective" or "noun" or "subordinator" or "adverb" or "question" or "reported"))
            {
                throw new InvalidDataException($"modality.json: unknown cue '{cue}'");
            }

            var words = r.TryGetProperty("words", out var w) ? w.EnumerateArray().Select(x => x.GetString()!.ToLowerInvariant()).ToHashSet(StringComparer.Ordinal) : [];
            var modality = Parse(r.GetProperty("modality").GetString());
            policy._rules.Add((cue, words, modality));
            string id = $"modality-{++n}-{cue}";
            foreach (var (property, counter) in new[] { ("examples", false), ("counter", true) })
            {
                if (r.TryGetProperty(property, out var list))
                {
                    foreach (var c in list.EnumerateArray())
                    {
                        cases.Add(new PatternCase(id, "modality.json", c.GetProperty("text").GetString()!, Strings(c, "find"), Strings(c, "not"), false, counter));
                    }
                }
            }
        }

        return policy;
    }

    /// <summary>
    /// The modality of an event read from predication <paramref name="p"/> (or from a noun inside it, governed by the verb
    /// <paramref name="nounGovernor"/> when one asks for it: "called for sanctions").
    /// </summary>
    public Modality Of(ClausedSentence cs, Predication p, bool reportedByOther, string? nounGovernor = null)
    {
        var found = new HashSet<Modality>();
        Add(found, "governor", nounGovernor, true);
        var s = cs.Chunks;
        var seen = new HashSet<Predication>(ReferenceEqualityComparer.Instance);
        var current = p;
        bool own = true;
        var child = p.Kind;
        while (current is not null && seen.Add(current))
        {
            var verb = s.Verbs[current.Verb];

            // Negation passes from a verb to its infinitive ("did not agree to meet") and to verbs coordinated with it,
            // not to a reported clause ("did not say that …").
            Add(found, "negation", verb.Negated ? "*" : null, own || child is ClauseKind.Infinitive or ClauseKind.Coordinated);
            Add(found, "modal", verb.Modal, true);
            Add(found, "subordinator", current.Subordinator, true);
            Add(found, "noun", current.HangsFrom, true);
            if (!own)
            {
                Add(found, "governor", Lemma(verb.Lemma), true);
            }

            // "was unable to provide", "is ready to contribute": the adjective between a copula and the infinitive.
            if (own && current.Kind == ClauseKind.Infinitive && current.Governor >= 0)
            {
                var governor = cs.Predications[current.Governor];
                int from = s.Verbs[governor.Verb].End;
                int to = s.Verbs[current.Verb].Head;
                for (int k = from; k < to; k++)
                {
                    Add(found, "adjective", s.Words[k].Lower, true);
                }
            }

            for (int k = current.Start; k < current.End; k++)
            {
                Add(found, "adverb", s.Words[k].Lower, true);
            }

            own = false;
            child = current.Kind;
            if (current.Kind is ClauseKind.Main or ClauseKind.Adverbial or ClauseKind.Relative)
            {
                break;
            }

            current = current.Governor >= 0 ? cs.Predications[current.Governor] : null;
        }

        if (s.Tokens.Count > 0 && s.Tokens[^1].Text == "?")
        {
            Add(found, "question", "*", true);
        }

        if (reportedByOther)
        {
            Add(found, "reported", "*", true);
        }

        foreach (var m in _order)
        {
            if (found.Contains(m))
            {
                return m;
            }
        }

        return Modality.Asserted;
    }

    private void Add(HashSet<Modality> found, string cue, string? word, bool applies)
    {
        if (word is null || !applies)
        {
            return;
        }

        foreach (var (c, words, modality) in _rules)
        {
            if (c == cue && (words.Count == 0 || words.Contains(word)))
            {
                found.Add(modality);
            }
        }
    }

    // "call on" counts as "call", "pull out" as "pull".
    private static string Lemma(string lemma) => lemma.Split(' ')[0];

    private static Modality Parse(string? name) =>
        Enum.TryParse<Modality>(name, ignoreCase: true, out var m) ? m : throw new InvalidDataException($"modality.json: '{name}' is not a modality");

    private static List<string> Strings(JsonElement e, string property) =>
        e.TryGetProperty(property, out var v) ? v.EnumerateArray().Select(x => x.GetString()!).ToList() : [];
}
