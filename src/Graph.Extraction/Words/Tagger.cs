using System.Numerics;
using System.Text.RegularExpressions;
using Graph.Extraction.Text;

namespace Graph.Extraction.Words;

/// <summary>
/// Brill's tagger: each word starts with its most frequent tag in the lexicon (or a guess from its shape and WordNet
/// when the lexicon does not know it), then contextual rules change tags where their condition holds: Brill's own
/// rules from the word table, then ours from graph-seed/lexicon/words/tagging.json.
/// </summary>
internal sealed class Tagger
{
    private readonly EnglishWords _words;
    private readonly Lemmatizer _lemmatizer;
    private readonly Rule[] _rules;

    // The rules as bit sets, a bit a rule in file order (Blocks ulongs a set): those changing each tag (at Blocks * tag),
    // and those naming no word. A sentence then visits only the rules whose From tag it has and whose word it holds,
    // rather than passing all of them (some 350) one by one.
    private readonly int _blocks;
    private readonly ulong[] _rulesFrom;
    private readonly ulong[] _rulesWithoutWord;

    // The rules that name a word ("WDPREVTAG would VB"), by that word: a sentence without it cannot meet them, and most
    // sentences have few of those words, so most rules are skipped without looking at a single tag.
    private readonly Dictionary<string, int[]> _rulesByWord;

    public Tagger(EnglishWords words, IEnumerable<TagRule> ownRules)
    {
        _words = words;
        _lemmatizer = new Lemmatizer(words);
        _rules = [.. words.Rules.Concat(ownRules).Select(Rule.Compile)];
        _blocks = (_rules.Length + 63) / 64;
        _rulesFrom = new ulong[64 * _blocks];
        _rulesWithoutWord = new ulong[_blocks];
        for (int r = 0; r < _rules.Length; r++)
        {
            _rulesFrom[(_blocks * (int)_rules[r].From) + (r >> 6)] |= 1UL << r;
            if (_rules[r].Needs.Word is null)
            {
                _rulesWithoutWord[r >> 6] |= 1UL << r;
            }
        }

        _rulesByWord = Enumerable.Range(0, _rules.Length).Where(r => _rules[r].Needs.Word is not null)
            .GroupBy(r => _rules[r].Needs.Word!, StringComparer.Ordinal)
            .ToDictionary(g => g.Key, g => g.ToArray(), StringComparer.Ordinal);
    }

    /// <summary>
    /// Tags a sentence. The words of <paramref name="adjectives"/> (demonyms the mention stage read) start as adjectives
    /// where a noun or a list goes on after them, unless plural ("the Russians and Turks"), so the contextual rules see
    /// "Malian and Liberian refugees" as one phrase though the lexicon knows neither "Malian" nor "Leonean".
    /// </summary>
    public Word[] Tag(IReadOnlyList<Token> tokens, IEnumerable<(int Start, int End)>? adjectives = null)
    {
        int n = tokens.Count;
        var tags = new PennTag[n];
        for (int i = 0; i < n; i++)
        {
            tags[i] = Initial(tokens, i);
        }

        foreach (var (start, end) in adjectives ?? [])
        {
            if (end < n && tags[end - 1] is not (PennTag.NNS or PennTag.NNPS)
                && (tags[end] is PennTag.NN or PennTag.NNS or PennTag.JJ or PennTag.CC || tokens[end].Text == ","))
            {
                Array.Fill(tags, PennTag.JJ, start, end - start);
            }
        }

        // Where each tag stands, a bit a word, in sentences of up to 64 words (nearly all): a rule then visits only the
        // words it could change. Longer sentences are scanned word by word.
        bool indexed = n <= 64;
        Span<ulong> where = stackalloc ulong[64];
        Span<int> count = stackalloc int[64];
        ulong present = 0;
        for (int i = 0; i < n; i++)
        {
            present |= 1UL << (int)tags[i];
            count[(int)tags[i]]++;
            if (indexed)
            {
                where[(int)tags[i]] |= 1UL << i;
            }
        }

        // The rules whose word (if they name one) the sentence holds, and of those the rules whose From tag it has had.
        Span<ulong> worded = stackalloc ulong[_blocks];
        _rulesWithoutWord.CopyTo(worded);
        for (int i = 0; i < n; i++)
        {
            if (_rulesByWord.TryGetValue(tokens[i].Lower, out var named))
            {
                foreach (int r in named)
                {
                    worded[r >> 6] |= 1UL << r;
                }
            }
        }

        Span<ulong> live = stackalloc ulong[_blocks];
        for (ulong tagsLeft = present; tagsLeft != 0; tagsLeft &= tagsLeft - 1)
        {
            AddRules(live, worded, BitOperations.TrailingZeroCount(tagsLeft));
        }

        // The mask only grows (a replaced tag keeps its bit), so a rule skipped for a tag or word the sentence lacks could
        // not have held at any position: the order and result of the rules that can hold are unchanged. A tag new to the
        // sentence brings its rules into the live set before the scan reaches them, since it only moves forward.
        for (int r = NextRule(live, 0); r >= 0; r = NextRule(live, r + 1))
        {
            var rule = _rules[r];
            if (count[(int)rule.From] == 0 || !rule.Needs.MetBy(present))
            {
                continue;
            }

            // A rule changes only the word it stands on, so the words it can change are those tagged From as it starts,
            // visited left to right as before; a scan ends once it has passed them all.
            if (indexed)
            {
                for (ulong from = where[(int)rule.From]; from != 0; from &= from - 1)
                {
                    int i = BitOperations.TrailingZeroCount(from);
                    if (Changes(rule, tokens, tags, i))
                    {
                        tags[i] = rule.To;
                        present = Gain(present, rule.To, live, worded);
                        count[(int)rule.From]--;
                        count[(int)rule.To]++;
                        where[(int)rule.From] &= ~(1UL << i);
                        where[(int)rule.To] |= 1UL << i;
                    }
                }

                continue;
            }

            for (int i = 0, left = count[(int)rule.From]; i < n && left > 0; i++)
            {
                if (tags[i] != rule.From)
                {
                    continue;
                }

                left--;
                if (Changes(rule, tokens, tags, i))
                {
                    tags[i] = rule.To;
                    present = Gain(present, rule.To, live, worded);
                    count[(int)rule.From]--;
                    count[(int)rule.To]++;
                }
            }
        }

        var words = new Word[n];
        for (int i = 0; i < n; i++)
        {
            // "the journalist taken hostage": Brill's contextual rules may make a past tense of an irregular form that is
            // only ever a participle. (A regular "-ed" form the lexicon lists only as a participle, "wounded", may be either.)
            if (tags[i] == PennTag.VBD && _words.IrregularVerb(tokens[i].Lower) is not null && Known(tokens[i]) is { } allowed
                && Array.IndexOf(allowed, PennTag.VBD) < 0 && Array.IndexOf(allowed, PennTag.VBN) >= 0)
            {
                tags[i] = PennTag.VBN;
            }

            words[i] = new Word(tokens[i], tags[i], _lemmatizer.Lemma(tokens[i].Lower, tags[i]));
        }

        return words;
    }

    // The first live rule at or after r, or -1.
    private static int NextRule(ReadOnlySpan<ulong> live, int r)
    {
        for (int block = r >> 6; block < live.Length; block++)
        {
            ulong bits = block == r >> 6 ? live[block] & (ulong.MaxValue << (r & 63)) : live[block];
            if (bits != 0)
            {
                return (block << 6) + BitOperations.TrailingZeroCount(bits);
            }
        }

        return -1;
    }

    // A tag the sentence had not had: its rules (those whose word it holds) become live.
    private ulong Gain(ulong present, PennTag tag, Span<ulong> live, ReadOnlySpan<ulong> worded)
    {
        if ((present & (1UL << (int)tag)) == 0)
        {
            AddRules(live, worded, (int)tag);
        }

        return present | (1UL << (int)tag);
    }

    private void AddRules(Span<ulong> live, ReadOnlySpan<ulong> worded, int tag)
    {
        var from = _rulesFrom.AsSpan(_blocks * tag, _blocks);
        for (int b = 0; b < _blocks; b++)
        {
            live[b] |= from[b] & worded[b];
        }
    }

    /// <summary>The tags the lexicon allows for this token as written (or lower-cased at a sentence start), or null.</summary>
    public PennTag[]? Known(Token token) => _words.TagsOf(token.Text) ?? (token.IsCapitalised ? null : _words.TagsOf(token.Lower));

    private PennTag Initial(IReadOnlyList<Token> tokens, int i)
    {
        var token = tokens[i];
        if (!token.IsWord)
        {
            return Punctuation(token);
        }

        bool opening = i == 0 || tokens[i - 1].IsQuote || tokens[i - 1].Text is "(" or ":" or "-" or "–" or "—";
        if (_words.TagsOf(token.Text) is { } exact)
        {
            // "the emir": a word the lexicon has only as a name, written in lower case and no particle of a name ("da Silva"),
            // is the common noun WordNet knows.
            if (exact is [PennTag.NNP] && !token.IsCapitalised && _words.IsLemma(WordNetPos.Noun, token.Lower)
                && !(i + 1 < tokens.Count && tokens[i + 1].IsCapitalised))
            {
                return PennTag.NN;
            }

            // "the town of Hit", "Said" in a name: a capitalised word inside a sentence is a name rather than a verb.
            return token.IsCapitalised && !opening && token.Text.Length > 1 && exact[0].IsVerb() ? PennTag.NNP : exact[0];
        }

        if (token.IsCapitalised)
        {
            // A capitalised word inside a sentence is a name; at its start it may be any word ("Lamentably, …": an adverb
            // WordNet knows, though Brill's lexicon does not).
            if (opening && (_words.TagsOf(token.Lower) is { } lower ? lower[0] : _words.IsLemma(WordNetPos.Adverb, token.Lower) ? PennTag.RB : (PennTag?)null) is { } first)
            {
                return first;
            }

            return token.Lower.EndsWith('s') && token.Text.Length > 3 && _words.TagsOf(token.Text[..^1]) is [PennTag.NNP, ..] ? PennTag.NNPS : PennTag.NNP;
        }

        return _words.TagsOf(token.Lower)?[0] ?? Guess(token.Lower);
    }

    private static PennTag Punctuation(Token token) => token.Text switch
    {
        "," => PennTag.Comma,
        "." or "!" or "?" => PennTag.Stop,
        ":" or ";" or "-" or "–" or "—" or "..." or "…" => PennTag.Colon,
        "(" or "[" or "{" => PennTag.LeftParen,
        ")" or "]" or "}" => PennTag.RightParen,
        "$" or "£" or "€" or "¥" => PennTag.Dollar,
        "#" => PennTag.Hash,
        "'s" or "’s" or "'S" or "’S" => PennTag.POS,
        _ when token.IsQuote => PennTag.Quote,
        _ => PennTag.SYM,
    };

    // A word the lexicon does not know: its shape, then what WordNet says it can be.
    private PennTag Guess(string lower)
    {
        if (char.IsDigit(lower[0]))
        {
            return PennTag.CD;
        }

        if (lower.EndsWith("ly", StringComparison.Ordinal))
        {
            return PennTag.RB;
        }

        if (lower.EndsWith("ing", StringComparison.Ordinal))
        {
            return PennTag.VBG;
        }

        if (lower.EndsWith("ed", StringComparison.Ordinal))
        {
            return PennTag.VBN;
        }

        if (_words.IsLemma(WordNetPos.Noun, lower))
        {
            return PennTag.NN;
        }

        if (lower.EndsWith('s') && _lemmatizer.Lemma(lower, PennTag.NNS) != lower)
        {
            return PennTag.NNS;
        }

        if (_words.IsLemma(WordNetPos.Adjective, lower) || lower.EndsWith("ous", StringComparison.Ordinal) || lower.EndsWith("ive", StringComparison.Ordinal)
            || lower.EndsWith("ic", StringComparison.Ordinal) || lower.EndsWith("al", StringComparison.Ordinal) || lower.EndsWith("ian", StringComparison.Ordinal))
        {
            return PennTag.JJ;
        }

        if (_words.IsLemma(WordNetPos.Verb, lower))
        {
            return PennTag.VB;
        }

        return lower.EndsWith('s') ? PennTag.NNS : PennTag.NN;
    }

    private bool Changes(Rule rule, IReadOnlyList<Token> tokens, PennTag[] tags, int i) =>
        Holds(rule, tokens, tags, i) && (!rule.Verify || Allows(tokens[i], rule.To));

    private bool Allows(Token token, PennTag tag) => Known(token) is not { } known || known.Contains(tag);

    private static bool Holds(Rule r, IReadOnlyList<Token> tokens, PennTag[] tags, int i)
    {
        PennTag Tag(int k) => k >= 0 && k < tags.Length ? tags[k] : PennTag.None;
        string Word(int k) => k >= 0 && k < tokens.Count ? tokens[k].Lower : string.Empty;

        return r.Condition switch
        {
            Condition.StartWord => i == 0 && Word(i) == r.W1,
            Condition.End => i == tags.Length - 1 || (i == tags.Length - 2 && tags[^1] == PennTag.Stop),
            Condition.PrevTag => r.T1.Has(Tag(i - 1)),
            Condition.NextTag => r.T1.Has(Tag(i + 1)),
            Condition.PrevTag2 => r.T1.Has(Tag(i - 2)),
            Condition.NextTag2 => r.T1.Has(Tag(i + 2)),
            Condition.Prev1Or2Tag => r.T1.Has(Tag(i - 1)) || r.T1.Has(Tag(i - 2)),
            Condition.Prev1Or2Or3Tag => r.T1.Has(Tag(i - 1)) || r.T1.Has(Tag(i - 2)) || r.T1.Has(Tag(i - 3)),
            Condition.Next1Or2Tag => r.T1.Has(Tag(i + 1)) || r.T1.Has(Tag(i + 2)),
            Condition.Next1Or2Or3Tag => r.T1.Has(Tag(i + 1)) || r.T1.Has(Tag(i + 2)) || r.T1.Has(Tag(i + 3)),
            Condition.Prev2Tag => r.T1.Has(Tag(i - 2)) && r.T2.Has(Tag(i - 1)),
            Condition.Next2Tag => r.T1.Has(Tag(i + 1)) && r.T2.Has(Tag(i + 2)),
            Condition.SurroundTag => r.T1.Has(Tag(i - 1)) && r.T2.Has(Tag(i + 1)),
            Condition.Prev2TagNextTag => r.T1.Has(Tag(i - 2)) && r.T2.Has(Tag(i - 1)) && r.T3.Has(Tag(i + 1)),
            Condition.SurroundTagWord => Word(i) == r.W1 && r.T2.Has(Tag(i - 1)) && r.T3.Has(Tag(i + 1)),
            Condition.PrevWord => Word(i - 1) == r.W1,
            Condition.NextWord => Word(i + 1) == r.W1,
            Condition.Prev2Word => Word(i - 2) == r.W1,
            Condition.Next2Word => Word(i + 2) == r.W1,
            Condition.Prev1Or2Word => Word(i - 1) == r.W1 || Word(i - 2) == r.W1,
            Condition.Next1Or2Word => Word(i + 1) == r.W1 || Word(i + 2) == r.W1,
            Condition.Prev2Words => Word(i - 1) == r.W1 && Word(i - 2) == r.W2,
            Condition.CurrentWord => Word(i) == r.W1,
            Condition.CurrentWordPattern => r.Pattern!.IsMatch(Word(i)),
            Condition.WordPrevTag => Word(i) == r.W2 && r.T1.Has(Tag(i - 1)),
            Condition.WordNextTag => Word(i) == r.W1 && r.T2.Has(Tag(i + 1)),
            Condition.WordPrevWord => Word(i) == r.W2 && Word(i - 1) == r.W1,
            Condition.WordNextWord => Word(i) == r.W1 && Word(i + 1) == r.W2,
            Condition.PrevWordPrevTag => Word(i - 1) == r.W1 && r.T2.Has(Tag(i - 1)),
            _ => false,
        };
    }

    private enum Condition
    {
        StartWord, End, PrevTag, NextTag, PrevTag2, NextTag2, Prev1Or2Tag, Prev1Or2Or3Tag, Next1Or2Tag, Next1Or2Or3Tag, Prev2Tag,
        Next2Tag, SurroundTag, Prev2TagNextTag, SurroundTagWord, PrevWord, NextWord, Prev2Word, Next2Word, Prev1Or2Word,
        Next1Or2Word, Prev2Words, CurrentWord, CurrentWordPattern, WordPrevTag, WordNextTag, WordPrevWord, WordNextWord, PrevWordPrevTag,
    }

    /// <summary>
    /// What a sentence must hold for a rule's condition to hold anywhere in it: a word (as lower-cased), and a tag from each
    /// of up to three masks (a tag argument is met only by a tag at some position); a mask of all bits needs nothing.
    /// </summary>
    private readonly record struct Needs(string? Word, ulong Tags1, ulong Tags2, ulong Tags3)
    {
        public static Needs Of(Condition c, string w1, string w2, TagSet t1, TagSet t2, TagSet t3)
        {
            // An empty word argument is met beyond either end of the sentence, so it needs nothing.
            string? word = (c switch
            {
                Condition.StartWord or Condition.PrevWord or Condition.NextWord or Condition.Prev2Word or Condition.Next2Word or Condition.Prev1Or2Word
                    or Condition.Next1Or2Word or Condition.Prev2Words or Condition.CurrentWord or Condition.SurroundTagWord or Condition.WordNextTag
                    or Condition.WordNextWord or Condition.PrevWordPrevTag => w1,
                Condition.WordPrevTag or Condition.WordPrevWord => w2,
                _ => null,
            }) is { Length: > 0 } w ? w : null;
            TagSet[] tags = c switch
            {
                Condition.PrevTag or Condition.NextTag or Condition.PrevTag2 or Condition.NextTag2 or Condition.Prev1Or2Tag or Condition.Prev1Or2Or3Tag
                    or Condition.Next1Or2Tag or Condition.Next1Or2Or3Tag or Condition.WordPrevTag => [t1],
                Condition.Prev2Tag or Condition.Next2Tag or Condition.SurroundTag => [t1, t2],
                Condition.Prev2TagNextTag => [t1, t2, t3],
                Condition.SurroundTagWord => [t2, t3],
                Condition.WordNextTag or Condition.PrevWordPrevTag => [t2],
                _ => [],
            };
            ulong Mask(int k) => k < tags.Length ? tags[k].Mask & ~(1UL << (int)PennTag.None) : ulong.MaxValue;
            return new Needs(word, Mask(0), Mask(1), Mask(2));
        }

        // A sentence always has some tag, so a mask of all bits is always met.
        public bool MetBy(ulong present) => (present & Tags1) != 0 && (present & Tags2) != 0 && (present & Tags3) != 0;
    }

    // A rule with its condition and arguments parsed once: each argument as a word and, where it names one, as a tag.
    private sealed record Rule(PennTag From, PennTag To, Condition Condition, string W1, string W2, string W3, TagSet T1, TagSet T2, TagSet T3, bool Verify)
    {
        public Regex? Pattern { get; init; }

        public required Needs Needs { get; init; }

        public static Rule Compile(TagRule r)
        {
            var condition = r.Condition switch
            {
                "STARTWORD" => Condition.StartWord,
                "END" => Condition.End,
                "PREVTAG" => Condition.PrevTag,
                "NEXTTAG" => Condition.NextTag,
                "PREVTAG2" => Condition.PrevTag2,
                "NEXTTAG2" => Condition.NextTag2,
                "PREV1OR2TAG" => Condition.Prev1Or2Tag,
                "PREV1OR2OR3TAG" => Condition.Prev1Or2Or3Tag,
                "NEXT1OR2TAG" => Condition.Next1Or2Tag,
                "NEXT1OR2OR3TAG" => Condition.Next1Or2Or3Tag,
                "PREV2TAG" => Condition.Prev2Tag,
                "NEXT2TAG" => Condition.Next2Tag,
                "SURROUNDTAG" => Condition.SurroundTag,
                "PREV2TAGNEXTTAG" => Condition.Prev2TagNextTag,
                "SURROUNDTAGWD" => Condition.SurroundTagWord,
                "PREVWORD" => Condition.PrevWord,
                "NEXTWD" => Condition.NextWord,
                "PREV2WD" => Condition.Prev2Word,
                "NEXT2WD" => Condition.Next2Word,
                "PREV1OR2WD" => Condition.Prev1Or2Word,
                "NEXT1OR2WD" => Condition.Next1Or2Word,
                "PREV2WORDS" => Condition.Prev2Words,
                "CURRENTWD" => Condition.CurrentWord,
                "CURRENTWDRGX" => Condition.CurrentWordPattern,
                "WDPREVTAG" => Condition.WordPrevTag,
                "WDNEXTTAG" => Condition.WordNextTag,
                "WDPREVWD" => Condition.WordPrevWord,
                "WDNEXTWD" => Condition.WordNextWord,
                "PREVWORDPREVTAG" => Condition.PrevWordPrevTag,
                _ => throw new FormatException($"unknown tagging condition '{r.Condition}'"),
            };
            static TagSet T(string a) => TagSet.Parse(a);
            // Patterns test one word, so they run in microseconds; no timeout, since one (50 ms) made articles fail or not
            // depending on the machine's load, and setting it up cost as much as the match.
            var pattern = condition == Condition.CurrentWordPattern ? new Regex(r.Arg1.Trim('/'), RegexOptions.CultureInvariant | RegexOptions.Compiled, Regex.InfiniteMatchTimeout) : null;
            return new Rule(r.From, r.To, condition, r.Arg1, r.Arg2, r.Arg3, T(r.Arg1), T(r.Arg2), T(r.Arg3), r.Verify)
            {
                Pattern = pattern,
                Needs = Needs.Of(condition, r.Arg1, r.Arg2, T(r.Arg1), T(r.Arg2), T(r.Arg3)),
            };
        }
    }
}

/// <summary>One tag or several ("NN|NNS|NNP"): a rule argument that any of them satisfies.</summary>
internal readonly record struct TagSet(ulong Mask)
{
    public bool Has(PennTag tag) => tag != PennTag.None && (Mask & (1UL << (int)tag)) != 0;

    public static TagSet Parse(string alternatives)
    {
        ulong mask = 0;
        foreach (var name in alternatives.Split('|', StringSplitOptions.RemoveEmptyEntries))
        {
            if (PennTags.TryParse(name, out var tag))
            {
                mask |= 1UL << (int)tag;
            }
        }

        return new TagSet(mask);
    }
}
