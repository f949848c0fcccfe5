using Graph.Core.Domain;
using Graph.Extraction.Text;
using Graph.Extraction.Words;

namespace Graph.Extraction.Mentions;

/// <summary>"Karim Bitar, head of research at the Institute …", "said Ghassan Mediah", "Hassan Abdel-Azim said": names a frame shows to be people.</summary>
internal sealed class FramedNames(MentionContext context, NameShape names)
{
    // "said", "told", "argues": a reporting verb of the clause stage, by its lemma.
    private bool Reports(Token t) => context.Classes.IsReporting(context.VerbLemma(t));

    public void Find(Sentence sentence, List<Mention> mentions)
    {
        // A name listed beside one a pass found is a person too, so a pass that found one is followed by another:
        // "Alex Azar, Steve Bannon and Mike Pompeo" reads Bannon, then Azar.
        for (int pass = 0; pass < 3 && FindOnce(sentence, mentions); pass++)
        {
            // the condition does the work
        }
    }

    // Whether a name listed beside a person was found.
    private bool FindOnce(Sentence sentence, List<Mention> mentions)
    {
        var tokens = sentence.Tokens;
        bool listedFound = false;

        // Which tokens a mention covers changes only when a person is added here: worked out again only then.
        bool[]? covered = null;
        for (int i = 0; i < tokens.Count; i++)
        {
            if (!names.IsNameStart(tokens, i))
            {
                continue;
            }

            covered ??= Spans.Covered(tokens.Count, mentions);
            if (covered[i])
            {
                continue;
            }

            int end = names.NameEnd(tokens, i, covered);
            if (NameShape.WordCount(tokens, i, end) < 2)
            {
                i = Math.Max(i, end - 1);
                continue;
            }

            bool saidBefore = i > 0 && Reports(tokens[i - 1]) || context.Lexicon.SourcePhraseBefore(tokens, i);
            bool saidAfter = end < tokens.Count && Reports(tokens[end]);
            int titleAt = end + 1 < tokens.Count && tokens[end].Text == "," ? end + 1 : -1;
            if (titleAt > 0 && Grammar.IsArticle(tokens[titleAt].Lower))
            {
                titleAt++;
            }

            bool apposition = titleAt > 0 && titleAt < tokens.Count && context.Lexicon.Titles.Match(tokens, titleAt).Length > 0;
            bool who = end + 1 < tokens.Count && tokens[end].Text == "," && tokens[end + 1].Lower == Grammar.Who;
            bool listed = !(saidBefore || saidAfter || apposition || who) && ListedWithPerson(tokens, mentions, i, end);
            if (!(saidBefore || saidAfter || apposition || who || listed))
            {
                i = end - 1;
                continue;
            }

            listedFound |= listed;

            var person = context.NewPerson(sentence, mentions, i, end);
            covered = null;
            if (apposition)
            {
                var draft = context.Actors.Find(person.ActorId!)!;
                int titleLen = context.Lexicon.Titles.Match(tokens, titleAt).Length;
                draft.Title ??= tokens[titleAt].Lower;
                for (int k = titleAt + titleLen; k < Math.Min(tokens.Count, titleAt + 14); k++)
                {
                    if (tokens[k].Text is "," or "." or ";")
                    {
                        break;
                    }

                    if (Spans.At(mentions, k) is { ActorKind: ActorKind.Country or ActorKind.Organization or ActorKind.ArmedGroup } org && org.Start == k)
                    {
                        draft.Affiliate(org.ActorId!, Spans.Surface(sentence, titleAt, titleAt + titleLen).ToLowerInvariant());
                        break;
                    }
                }
            }

            i = end - 1;
        }

        return listedFound;
    }

    // "sanctions on Mike Pompeo, Alex Azar, and Steve Bannon": a name in a list, right before or after a person, is one.
    // The name must be the whole item: "Deutsche Bank executives" is no person.
    private bool ListedWithPerson(List<Token> tokens, List<Mention> mentions, int start, int end)
    {
        if (end < tokens.Count && tokens[end].IsWord && context.Closed.RolesOf(tokens[end].Lower) == Role.None)
        {
            return false;
        }

        int k = start - 1;
        if (k > 0 && context.Closed.Match(tokens, k, Role.Coordinator) == 1)
        {
            k -= tokens[k - 1].Text == "," ? 1 : 0;
        }
        else if (k <= 0 || tokens[k].Text != ",")
        {
            k = -1;
        }

        if (k > 0 && Spans.At(mentions, k - 1) is { ActorKind: ActorKind.Person } before && before.End == k)
        {
            return true;
        }

        k = end;
        if (k + 1 < tokens.Count && tokens[k].Text == ",")
        {
            k++;
        }

        if (k + 1 < tokens.Count && context.Closed.Match(tokens, k, Role.Coordinator) == 1)
        {
            k++;
        }

        return k > end && k < tokens.Count && Spans.At(mentions, k) is { ActorKind: ActorKind.Person } after && after.Start == k;
    }
}
