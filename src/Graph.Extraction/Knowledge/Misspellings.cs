using Graph.Core.Domain;

namespace Graph.Extraction;

/// <summary>
/// Misspelt one-word names of known actors ("Ethopia", "Quatar"): wire copy is typed in haste, and a state the text
/// names is a state, spelt right or not. A word is read as a name when one edit (a letter added, dropped or changed, or
/// two swapped) turns it into exactly one actor's name or demonym. Only the kinds of actor the lexicon lists take part,
/// each for words of a number of letters up (mentions.json "misspeltNames"): short words are too close to other names
/// ("Omar" and "Oman", "Iran" and "Iraq"). Built once at load; read-only after.
/// </summary>
internal sealed class Misspellings
{
    // Symmetric deletion: a form and a word one edit apart share a key (the form or the word, whole or less one letter).
    // Each form is kept with its lower-case spelling, and words are looked up as spans: the look-up runs for every
    // capitalised word no name matched, and must not allocate.
    private readonly Dictionary<string, List<(KnownForm Form, string Lower)>> _byKey = new(StringComparer.Ordinal);
    private readonly Dictionary<string, List<(KnownForm Form, string Lower)>>.AlternateLookup<ReadOnlySpan<char>> _bySpan;
    private readonly IReadOnlyDictionary<ActorKind, int> _fewestLetters;

    public Misspellings(ActorKnowledge kb, IReadOnlyDictionary<ActorKind, int> fewestLetters)
    {
        _fewestLetters = fewestLetters;
        _bySpan = _byKey.GetAlternateLookup<ReadOnlySpan<char>>();
        foreach (var actor in kb.Actors.Where(a => !a.FromWorldTable && fewestLetters.ContainsKey(a.Kind)))
        {
            // "Quatar": a word of the fewest letters may be a shorter name with a letter added.
            int fewest = fewestLetters[actor.Kind] - 1;
            var forms = actor.Aliases.Prepend(actor.Name).Select(s => (FormKind.Name, s)).Concat(actor.Demonyms.Select(s => (FormKind.Demonym, s)));
            foreach (var (kind, surface) in forms.Where(f => f.Item2.Length >= fewest && f.Item2.All(char.IsLetter)).Distinct())
            {
                var entry = (new KnownForm(actor, kind, surface, [surface]), surface.ToLowerInvariant());
                AddKey(entry.Item2, entry);
                for (int i = 0; i < entry.Item2.Length; i++)
                {
                    AddKey(entry.Item2.Remove(i, 1), entry);
                }
            }
        }
    }

    /// <summary>The one known form <paramref name="lower"/> is a misspelling of, or null when none or several actors' are.</summary>
    public KnownForm? Find(string lower)
    {
        if (!lower.All(char.IsLetter))
        {
            return null;
        }

        KnownForm? found = null;
        Span<char> less = lower.Length <= 64 ? stackalloc char[lower.Length] : new char[lower.Length];
        for (int i = -1; i < lower.Length; i++)
        {
            // The word whole, then less each of its letters in turn.
            scoped ReadOnlySpan<char> key = lower;
            if (i >= 0)
            {
                lower.AsSpan(0, i).CopyTo(less);
                lower.AsSpan(i + 1).CopyTo(less[i..]);
                key = less[..^1];
            }

            if (!_bySpan.TryGetValue(key, out var entries))
            {
                continue;
            }

            foreach (var (form, formLower) in entries)
            {
                if (found?.Actor != form.Actor && lower.Length >= _fewestLetters[form.Actor.Kind] && OneEditApart(lower, formLower))
                {
                    if (found is not null)
                    {
                        return null;
                    }

                    found = form;
                }
            }
        }

        return found;
    }

    private void AddKey(string key, (KnownForm, string) entry) => (_byKey.TryGetValue(key, out var list) ? list : _byKey[key] = []).Add(entry);

    // Exactly one insertion, deletion, substitution or swap of neighbours; equal words are no misspelling.
    private static bool OneEditApart(string a, string b)
    {
        if (a == b || Math.Abs(a.Length - b.Length) > 1)
        {
            return false;
        }

        int i = 0;
        while (i < a.Length && i < b.Length && a[i] == b[i])
        {
            i++;
        }

        if (a.Length == b.Length)
        {
            return a.AsSpan(i + 1).SequenceEqual(b.AsSpan(i + 1))
                || (i + 1 < a.Length && a[i] == b[i + 1] && a[i + 1] == b[i] && a.AsSpan(i + 2).SequenceEqual(b.AsSpan(i + 2)));
        }

        return a.Length > b.Length ? a.AsSpan(i + 1).SequenceEqual(b.AsSpan(i)) : a.AsSpan(i).SequenceEqual(b.AsSpan(i + 1));
    }
}
