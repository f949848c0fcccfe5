using Graph.Core.Domain;
using Graph.Extraction.Text;

namespace Graph.Extraction.Mentions;

/// <summary>
/// "White House spokesman Josh Earnest", "Syrian Foreign Minister Walid Muallem", "the EU commissioner …, Christos
/// Stylianides", "a US official", "the Russian leader".
/// </summary>
internal sealed class TitledPersons(MentionContext context, NameShape names)
{
    public void Find(Sentence sentence, List<Mention> mentions)
    {
        var tokens = sentence.Tokens;
        for (int i = 0; i < tokens.Count; i++)
        {
            if (!tokens[i].IsWord)
            {
                continue;
            }

            var (len, titles) = context.Lexicon.Titles.Match(tokens, i);
            var covered = len == 0 ? null : Spans.Covered(tokens.Count, mentions);
            if (len == 0 || titles is null || covered is null || covered[i])
            {
                continue;
            }

            int end = i + len;
            string title = titles[0];
            while (end < tokens.Count && !covered[end] && context.Lexicon.Titles.Match(tokens, end) is { Length: > 0 } more)
            {
                title = more.Values![0];
                end += more.Length;
            }

            string role = Spans.Surface(sentence, i, end).ToLowerInvariant();
            var qualifier = Qualifier(tokens, mentions, i);
            int from = qualifier?.Start ?? i;
            string? determiner = from > 0 ? tokens[from - 1].Lower : null;
            if (from > 1 && determiner is not null && context.Lexicon.TitleModifiers.Contains(determiner))
            {
                determiner = tokens[from - 2].Lower; // "a senior British minister"
            }

            if (from > 0 && tokens[from - 1].IsPossessive && from > 1)
            {
                determiner = null;
            }

            // The name right after the title, or an apposition ", Name," after "the … commissioner for …".
            Mention? person = end < tokens.Count ? Spans.At(mentions, end) : null;
            if (person is not null && person.Start != end)
            {
                person = null;
            }

            if (person is not null && person.ActorKind != ActorKind.Person)
            {
                i = end - 1;
                continue;
            }

            bool honorific = context.Lexicon.Honorifics.Contains(title.TrimEnd('.'));
            if (person is null && names.NameEnd(tokens, end, covered) is var nameEnd && NameShape.WordCount(tokens, end, nameEnd) >= (honorific ? 1 : 2))
            {
                person = context.NewPerson(sentence, mentions, end, nameEnd);
            }

            bool ownedTitle = qualifier is not null && qualifier.End < tokens.Count && tokens[qualifier.End].IsPossessive;
            if (person is null && (determiner is Grammar.The || ownedTitle))
            {
                for (int k = end; k < Math.Min(tokens.Count - 1, end + 10); k++)
                {
                    if (tokens[k].Text == ",")
                    {
                        if (Spans.At(mentions, k + 1) is { ActorKind: ActorKind.Person, Kind: MentionKind.Named } known && known.Start == k + 1)
                        {
                            person = known;
                        }
                        else if (names.NameEnd(tokens, k + 1, covered) is var e2 && NameShape.WordCount(tokens, k + 1, e2) >= 2)
                        {
                            person = context.NewPerson(sentence, mentions, k + 1, e2);
                        }

                        break;
                    }

                    if (covered[k] || tokens[k].Text is "." or ";")
                    {
                        break;
                    }
                }
            }

            if (person?.ActorId is { } pid)
            {
                var draft = context.Actors.Find(pid)!;
                draft.Title ??= title;
                if (qualifier is not null && context.Actors.Principal(qualifier) is { } by && !draft.Affiliations.Any(a => a.IsInForceOn(context.Day)))
                {
                    draft.Affiliate(by, role);
                }

                if (qualifier is not null && person.Start == end)
                {
                    context.Consume(mentions, qualifier);
                    person.Start = qualifier.Start;
                }
                else if (person.Start == end)
                {
                    person.Start = i;
                }

                i = person.End - 1;
                continue;
            }

            // "Emmanuel Macron, France's president,", "Kenzo Oshima, the UN relief coordinator,": an owned title, or one
            // "the" and its body open, in apposition describes the person named before it.
            int comma = ownedTitle ? qualifier!.Start - 1 : determiner is Grammar.The && qualifier is not null ? qualifier.Start - 2 : -1;
            if (comma >= 1 && tokens[comma].Text == "," && (Spans.At(mentions, comma - 1) ?? NameBefore(sentence, mentions, covered, comma)) is { ActorKind: ActorKind.Person, ActorId: { } named } before
                && before.End == comma)
            {
                var draft = context.Actors.Find(named)!;
                if (context.Actors.Principal(qualifier!) is { } by && !draft.Affiliations.Any(a => a.IsInForceOn(context.Day)))
                {
                    draft.Affiliate(by, role);
                }

                i = end - 1;
                continue;
            }

            if ((determiner is not null && Grammar.IsIndefiniteArticle(determiner) || ownedTitle) && qualifier is not null && context.Actors.Principal(qualifier) is { } state && end <= tokens.Count)
            {
                // "a US official said", "Japan's foreign minister said": the state speaks through an unnamed official.
                context.Consume(mentions, qualifier);
                mentions.Add(new Mention(qualifier.Start, end, state, MentionKind.Coreference, Spans.Surface(sentence, qualifier.Start, end)) { ActorKind = context.Actors.Find(state)?.Kind });
                i = end - 1;
                continue;
            }

            if (determiner is Grammar.The && qualifier is not null && context.Lexicon.HeadsOfState.Contains(title) && context.Actors.StateOf(qualifier) is { } headOf
                && (end >= tokens.Count || tokens[end].Lower != "s") && HeadOf(headOf, title) is { } head)
            {
                context.Consume(mentions, qualifier);
                mentions.Add(new Mention(qualifier.Start, end, head, MentionKind.Coreference, Spans.Surface(sentence, qualifier.Start, end)) { ActorKind = ActorKind.Person });
                i = end - 1;
            }
        }
    }

    // A name of two words or more nothing knows, ending right before the comma at <paramref name="comma"/>: a new person.
    private Mention? NameBefore(Sentence sentence, List<Mention> mentions, bool[] covered, int comma)
    {
        var tokens = sentence.Tokens;
        int start = comma;
        while (start > 0 && !covered[start - 1] && (tokens[start - 1].IsCapitalised || Spans.IsGluedHyphen(tokens[start - 1])
            || context.Lexicon.NameParticles.Contains(tokens[start - 1].Lower)))
        {
            start--;
        }

        while (start < comma && !names.IsNameStart(tokens, start))
        {
            start++;
        }

        return start < comma && names.NameEnd(tokens, start, covered) == comma && NameShape.WordCount(tokens, start, comma) >= 2
            ? context.NewPerson(sentence, mentions, start, comma)
            : null;
    }

    // The state or organisation in front of a title: "White House| spokesman", "the UN's Syria| envoy", "Save the Children's
    // Syria response| director". A possessive owner wins over a topic.
    private Mention? Qualifier(List<Token> tokens, List<Mention> mentions, int titleStart)
    {
        int k = titleStart - 1;
        int gap = 0;
        Mention? chosen = null;
        while (k >= 0)
        {
            var m = Spans.At(mentions, k);
            if (m is not null && m.End == k + 1 && m.ActorId is not null && m.Kind != MentionKind.Location)
            {
                bool possessive = m.End < tokens.Count && tokens[m.End].IsPossessive;
                if (chosen is null || possessive)
                {
                    chosen = m;
                }

                if (possessive)
                {
                    break;
                }

                k = m.Start - 1;
                gap = 0;
                continue;
            }

            if (tokens[k].IsPossessive || Spans.IsGluedHyphen(tokens[k]))
            {
                k--;
                continue;
            }

            if (chosen is null && gap < 2 && tokens[k].IsWord && !tokens[k].IsCapitalised && !context.Lexicon.QualifierBreaks.Contains(tokens[k].Lower))
            {
                gap++;
                k--;
                continue;
            }

            break;
        }

        return chosen;
    }

    private string? HeadOf(string state, string title)
    {
        foreach (var a in context.Kb.Actors)
        {
            if (a.Kind == ActorKind.Person && a.RolesOn(context.Day).Any(r => r.ActorId == state && (r.Role.Contains(title, StringComparison.OrdinalIgnoreCase) || (context.Lexicon.LeaderTitles.Contains(title) && context.Lexicon.HeadsOfState.Contains(r.Role.ToLowerInvariant())))))
            {
                return context.Actors.Find(a.Id)!.Id;
            }
        }

        return null;
    }
}
