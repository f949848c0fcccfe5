using Graph.Core.Domain;
using Graph.Extraction.Text;

namespace Graph.Extraction.Mentions;

/// <summary>"he", "the envoy", "the monitor", "the UN's pointman on Syria": whom the article named before.</summary>
internal sealed class Coreference(MentionContext context, NameShape names)
{
    // How far back "he" looks for the person meant.
    private const int PronounSentences = 2;

    public void Find(Sentence sentence, List<Mention> mentions)
    {
        var tokens = sentence.Tokens;
        var covered = Spans.Covered(tokens.Count, mentions);
        var added = new List<Mention>();
        for (int i = 0; i < tokens.Count; i++)
        {
            if (covered[i])
            {
                continue;
            }

            string w = tokens[i].Lower;
            if (context.Lexicon.PersonPronouns.Contains(w))
            {
                if (LastPersonBefore(sentence.Index, mentions, i, PronounSentences) is { } p)
                {
                    added.Add(new Mention(i, i + 1, p, MentionKind.Coreference, tokens[i].Text) { ActorKind = ActorKind.Person });
                }

                continue;
            }

            if (!context.Lexicon.CorefNouns.TryGetValue(w, out var heads) || i == 0)
            {
                continue;
            }

            // Only "the envoy", "the monitor", "the UN's pointman": a definite description, not "an envoy".
            int d = i - 1;
            Mention? owner = null;
            if (d >= 1 && tokens[d].IsPossessive && Spans.At(mentions, d - 1) is { } o)
            {
                owner = o;
                d = o.Start - 1;
            }
            else if (d >= 1 && tokens[d].IsWord && !tokens[d].IsCapitalised && tokens[d].Lower != Grammar.The)
            {
                d--;
            }

            if (d < 0 || tokens[d].Lower != Grammar.The || (i + 1 < tokens.Count && names.IsNameStart(tokens, i + 1)))
            {
                continue;
            }

            if (Antecedent(heads, owner?.ActorId) is { } id)
            {
                int end = i + 1;
                if (end + 1 < tokens.Count && context.Lexicon.RemitPrepositions.Contains(tokens[end].Lower) && Spans.At(mentions, end + 1) is { } topic && topic.Start == end + 1)
                {
                    mentions.Remove(topic); // "the UN's pointman on Syria" is one description
                    end = topic.End;
                }

                if (owner is not null)
                {
                    context.Consume(mentions, owner);
                }

                added.Add(new Mention(d + 1, end, id, MentionKind.Coreference, Spans.Surface(sentence, d + 1, end)) { ActorKind = context.Actors.Find(id)?.Kind });
                i = end - 1;
            }
        }

        mentions.AddRange(added);
    }

    // "he" is the last person named in this sentence or the few before it. Further back the article has usually moved on to
    // someone it does not name ("he was taken hostage" of an unnamed aid worker), and a guess is worse than nothing; a
    // quotation's "…, he said" may close a longer quoted passage, so it looks further.
    private string? LastPersonBefore(int sentence, List<Mention> mentions, int at, int back)
    {
        for (int s = sentence; s >= Math.Max(0, sentence - back); s--)
        {
            var list = s == sentence ? mentions : context.Found[s];
            for (int k = list.Count - 1; k >= 0; k--)
            {
                if ((s < sentence || list[k].End <= at) && list[k].ActorKind == ActorKind.Person && list[k].ActorId is { } id)
                {
                    return id;
                }
            }
        }

        return null;
    }

    private string? Antecedent(string[] heads, string? owner)
    {
        for (int k = context.Recent.Count - 1; k >= 0; k--)
        {
            var d = context.Actors.Find(context.Recent[k]);
            if (d is null || d.Kind == ActorKind.Location)
            {
                continue;
            }

            string described = d.Kind == ActorKind.Person
                ? (d.Title ?? string.Empty) + " " + string.Join(' ', d.Affiliations.Where(a => a.IsInForceOn(context.Day)).Select(a => a.Role))
                : d.Name.ToLowerInvariant();
            if (heads.Any(h => described.Contains(h, StringComparison.OrdinalIgnoreCase))
                && (owner is null || d.Affiliations.Any(a => a.ActorId == owner)))
            {
                return d.Id;
            }
        }

        return null;
    }
}
