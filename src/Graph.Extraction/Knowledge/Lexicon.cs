using System.Text.Json;
using Graph.Core.Domain;
using Graph.Extraction.Text;

namespace Graph.Extraction;

/// <summary>One way a PLOVER event is put into words: a verb form, a nominalisation or a phrase.</summary>
internal sealed record Trigger(RelationType Type, string Lemma, bool IsNoun, bool IsPastForm, IReadOnlyList<string> Preps, bool Symmetric)
{
    /// <summary>For verbs whose direct object is a topic ("discussed the plan with X"): the target only comes after one of these.</summary>
    public IReadOnlyList<string> ObjectPreps { get; init; } = [];

    /// <summary>Where a wording is less friendly than its PLOVER type's default: a demand (CAMEO 10) is a neutral request, not an appeal.</summary>
    public int? Polarity { get; init; }

    /// <summary>"mediation between X and Y": the subject consults each side; the sides do not meet.</summary>
    public bool Mediating { get; init; }
}

/// <summary>
/// The editable word lists (graph-seed/lexicon): event triggers per PLOVER type, modality cues, titles,
/// generic actor nouns and page furniture. Read-only after loading, so one instance serves every thread.
/// </summary>
internal sealed class Lexicon
{
    public PhraseTrie<Trigger> Triggers { get; } = new();
    public Dictionary<string, RelationType> Attributive { get; } = new(StringComparer.Ordinal);
    public PhraseTrie<bool> FramingVerbs { get; } = new();
    public PhraseTrie<RelationType> Framings { get; } = new();
    public PhraseTrie<bool> Negation { get; } = new();
    public PhraseTrie<bool> Hypothetical { get; } = new();
    public PhraseTrie<bool> Future { get; } = new();
    public PhraseTrie<bool> Reported { get; } = new();
    public HashSet<string> Rejecting { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Reporting { get; } = new(StringComparer.Ordinal);
    public HashSet<string> PrivatePersons { get; } = new(StringComparer.Ordinal);
    public HashSet<string> ObjectVerbs { get; } = new(StringComparer.Ordinal);
    public HashSet<string> Victims { get; } = new(StringComparer.Ordinal);

    /// <summary>Verbs that undo the event noun after them: "suspended aid", "halted air strikes".</summary>
    public HashSet<string> Reversals { get; } = new(StringComparer.Ordinal);

    public static Lexicon Load(IEnumerable<(string Name, string Json)> files)
    {
        var lexicon = new Lexicon();
        foreach (var (name, json) in files)
        {
            try
            {
                using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
                lexicon.Read(doc.RootElement);
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"Lexicon file {name} is not valid JSON: {e.Message}", e);
            }
        }

        return lexicon;
    }

    private void Read(JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            return;
        }

        if (root.TryGetProperty("triggers", out var triggers) && triggers.ValueKind == JsonValueKind.Array)
        {
            foreach (var t in triggers.EnumerateArray())
            {
                ReadTrigger(t);
            }
        }

        if (root.TryGetProperty("attributive", out var attributive) && attributive.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in attributive.EnumerateObject())
            {
                if (Plover.TryParse(p.Name, out var type))
                {
                    foreach (var w in Strings(p.Value))
                    {
                        Attributive[w.ToLowerInvariant()] = type;
                    }
                }
            }
        }

        foreach (var v in Strings(root, "framingVerbs"))
        {
            foreach (var (form, _) in VerbForms.Of(v))
            {
                FramingVerbs.Add(form, true);
            }
        }

        if (root.TryGetProperty("framings", out var framings) && framings.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in framings.EnumerateObject())
            {
                if (Plover.TryParse(p.Name, out var type))
                {
                    foreach (var w in Strings(p.Value))
                    {
                        Framings.Add(w, type);
                    }
                }
            }
        }

        AddAll(Negation, Strings(root, "negation"));
        AddAll(Hypothetical, Strings(root, "hypothetical"));
        AddAll(Future, Strings(root, "future"));
        AddAll(Reported, Strings(root, "reported"));
        Rejecting.UnionWith(Strings(root, "rejecting").Select(s => s.ToLowerInvariant()));
        Reporting.UnionWith(Strings(root, "reporting").Select(s => s.ToLowerInvariant()));
        PrivatePersons.UnionWith(Strings(root, "privatePersons").Select(s => s.ToLowerInvariant()));
        ObjectVerbs.UnionWith(Strings(root, "objectVerbs").Select(s => s.ToLowerInvariant()));
        Victims.UnionWith(Strings(root, "victims"));
        foreach (var v in Strings(root, "reversals"))
        {
            Reversals.UnionWith(VerbForms.Of(v).Select(f => f.Form));
        }
    }

    private void ReadTrigger(JsonElement t)
    {
        if (t.ValueKind != JsonValueKind.Object || !t.TryGetProperty("type", out var typeName) || !Plover.TryParse(typeName.GetString(), out var type))
        {
            return;
        }

        bool symmetric = t.TryGetProperty("symmetric", out var sym) && sym.ValueKind == JsonValueKind.True;
        var preps = Strings(t, "preps").Select(s => s.ToLowerInvariant()).ToArray();
        var objectPreps = Strings(t, "objectPreps").Select(s => s.ToLowerInvariant()).ToArray();
        int? polarity = t.TryGetProperty("polarity", out var pol) && pol.TryGetInt32(out int pv) ? Math.Sign(pv) : null;
        bool mediating = t.TryGetProperty("mediating", out var med) && med.ValueKind == JsonValueKind.True;
        foreach (var v in Strings(t, "verbs"))
        {
            string lemma = v.TrimStart('=').Split('|')[0];
            foreach (var (form, past) in VerbForms.Of(v))
            {
                Triggers.Add(form, new Trigger(type, lemma, false, past, preps, symmetric) { ObjectPreps = objectPreps, Polarity = polarity, Mediating = mediating });
            }
        }

        foreach (var n in Strings(t, "nouns"))
        {
            Triggers.Add(n, new Trigger(type, n, true, false, preps, symmetric) { Polarity = polarity, Mediating = mediating });
        }
    }

    private static void AddAll(PhraseTrie<bool> trie, IEnumerable<string> phrases)
    {
        foreach (var p in phrases)
        {
            trie.Add(p, true);
        }
    }

    private static IEnumerable<string> Strings(JsonElement obj, string property) =>
        obj.TryGetProperty(property, out var value) ? Strings(value) : [];

    private static IEnumerable<string> Strings(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Where(e => e.ValueKind == JsonValueKind.String).Select(e => e.GetString()!).Where(s => s.Length > 0)
            : [];
}

/// <summary>Regular English inflection of a lexicon verb: enough for news prose, irregular forms come from the lexicon.</summary>
internal static class VerbForms
{
    /// <summary>Forms of "lemma|irregular|..." with a flag for past forms (those that make passives).</summary>
    public static IEnumerable<(string Form, bool Past)> Of(string entry)
    {
        // "=backed|backing": exact forms only, where the bare lemma ("back") would be too ambiguous.
        if (entry.StartsWith('='))
        {
            foreach (var exact in entry[1..].Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries))
            {
                yield return (exact, exact.EndsWith("ed", StringComparison.Ordinal));
            }

            yield break;
        }

        var parts = entry.Split('|', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries);
        if (parts.Length == 0)
        {
            yield break;
        }

        string lemma = parts[0];
        int space = lemma.IndexOf(' ', StringComparison.Ordinal);
        string head = space < 0 ? lemma : lemma[..space];
        string rest = space < 0 ? string.Empty : lemma[space..];
        foreach (var (form, past) in Inflect(head))
        {
            yield return (form + rest, past);
        }

        foreach (var irregular in parts.Skip(1))
        {
            yield return (irregular, true);
        }
    }

    private static IEnumerable<(string, bool)> Inflect(string v)
    {
        yield return (v, false);
        if (v.Length < 2)
        {
            yield break;
        }

        char last = v[^1];
        char before = v[^2];
        if (last == 'e')
        {
            yield return (v + "s", false);
            yield return (v + "d", true);
            yield return (before == 'e' ? v + "ing" : v[..^1] + "ing", false);
        }
        else if (last == 'y' && !IsVowel(before))
        {
            yield return (v[..^1] + "ies", false);
            yield return (v[..^1] + "ied", true);
            yield return (v + "ing", false);
        }
        else
        {
            bool sibilant = last is 's' or 'x' or 'z' || v.EndsWith("ch", StringComparison.Ordinal) || v.EndsWith("sh", StringComparison.Ordinal);
            yield return (v + (sibilant ? "es" : "s"), false);
            yield return (v + "ed", true);
            yield return (v + "ing", false);
            if (v.Length >= 3 && !IsVowel(last) && last is not ('w' or 'x' or 'y') && IsVowel(before) && !IsVowel(v[^3]))
            {
                yield return (v + last + "ed", true);
                yield return (v + last + "ing", false);
            }
        }
    }

    private static bool IsVowel(char c) => c is 'a' or 'e' or 'i' or 'o' or 'u';
}
