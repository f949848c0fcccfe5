namespace Graph.Extraction.Words;

/// <summary>
/// The dictionary form of a word for its class, as WordNet's morphy finds it: irregular forms from the table, then
/// WordNet's detachment rules, keeping the first candidate WordNet knows ("struck" → strike, "forces" → force,
/// "stopped" → stop).
/// </summary>
internal sealed class Lemmatizer(EnglishWords words)
{
    private static readonly (string Suffix, string Ending)[] NounRules =
        [("ses", "s"), ("xes", "x"), ("zes", "z"), ("ches", "ch"), ("shes", "sh"), ("men", "man"), ("ies", "y"), ("s", "")];

    private static readonly (string Suffix, string Ending)[] VerbRules =
        [("ies", "y"), ("es", "e"), ("es", ""), ("s", ""), ("ied", "y"), ("ed", "e"), ("ed", ""), ("ying", "ie"), ("ing", "e"), ("ing", "")];

    private static readonly (string Suffix, string Ending)[] AdjectiveRules = [("er", ""), ("est", ""), ("er", "e"), ("est", "e")];

    // The longest ending the rules put back ("man").
    private const int MaxEnding = 3;

    public string Lemma(string lower, PennTag tag) => tag switch
    {
        PennTag.VB or PennTag.VBP => Verb(lower, past: false) ?? lower,
        PennTag.VBD or PennTag.VBN or PennTag.VBG or PennTag.VBZ => Verb(lower, past: true) ?? lower,
        PennTag.NNS => Noun(lower) ?? lower,
        PennTag.NN when !words.IsLemma(WordNetPos.Noun, lower) => Noun(lower) ?? lower,
        PennTag.JJR or PennTag.JJS => Morphy(lower, WordNetPos.Adjective, AdjectiveRules) ?? lower,
        _ => lower,
    };

    private string? Verb(string lower, bool past)
    {
        if (words.IrregularVerb(lower) is { } irregular)
        {
            return irregular;
        }

        if (!past && words.IsLemma(WordNetPos.Verb, lower))
        {
            return lower;
        }

        return Morphy(lower, WordNetPos.Verb, VerbRules) ?? Guess(lower);
    }

    private string? Noun(string lower) =>
        words.IrregularPlural(lower) ?? Morphy(lower, WordNetPos.Noun, NounRules) ?? GuessSingular(lower);

    // A plural WordNet does not know ("airstrikes", "jihadists"): the regular ending taken off.
    private static string? GuessSingular(string lower) =>
        lower.Length > 4 && lower.EndsWith("ies", StringComparison.Ordinal) ? lower[..^3] + "y"
        : lower.Length > 3 && lower.EndsWith('s') && !lower.EndsWith("ss", StringComparison.Ordinal) ? lower[..^1]
        : null;

    private string? Morphy(string lower, WordNetPos pos, (string Suffix, string Ending)[] rules)
    {
        // Each candidate is put together in one buffer and looked up as it is: the lemma found is the table's own string.
        Span<char> candidate = lower.Length <= 64 ? stackalloc char[64 + MaxEnding] : new char[lower.Length + MaxEnding];
        foreach (var (suffix, ending) in rules)
        {
            if (lower.Length <= suffix.Length + 1 || !lower.EndsWith(suffix, StringComparison.Ordinal))
            {
                continue;
            }

            var stem = lower.AsSpan(0, lower.Length - suffix.Length);
            stem.CopyTo(candidate);
            ending.CopyTo(candidate[stem.Length..]);
            var whole = candidate[..(stem.Length + ending.Length)];
            if (words.Lemma(pos, whole) is { } lemma)
            {
                return lemma;
            }

            // "stopped", "shelling": a consonant doubled before the ending.
            if (ending.Length == 0 && stem.Length > 2 && stem[^1] == stem[^2] && words.Lemma(pos, stem[..^1]) is { } undoubled)
            {
                return undoubled;
            }
        }

        return null;
    }

    // A verb WordNet does not know ("airdropped", "livestreamed"): the regular endings taken off.
    private static string? Guess(string lower)
    {
        foreach (var suffix in (ReadOnlySpan<string>)["ing", "ed", "es", "s"])
        {
            if (lower.Length > suffix.Length + 2 && lower.EndsWith(suffix, StringComparison.Ordinal))
            {
                return lower[..^suffix.Length];
            }
        }

        return null;
    }
}
