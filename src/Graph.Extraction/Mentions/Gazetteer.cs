using Graph.Core.Domain;
using Graph.Extraction.Text;
using Graph.Extraction.Words;

namespace Graph.Extraction.Mentions;

/// <summary>The first pass: the knowledge base's names, demonyms, capitals and metonyms, longest first.</summary>
internal sealed class Gazetteer(ActorKnowledge kb, Misspellings misspellings, MentionLexicon lexicon, NameShape names)
{
    public List<Mention> Find(Sentence sentence)
    {
        var tokens = sentence.Tokens;
        var found = new List<Mention>();
        for (int i = 0; i < tokens.Count; i++)
        {
            if (!tokens[i].IsWord)
            {
                continue;
            }

            var (best, length) = Longest(kb.Gazetteer, tokens, i);
            if (best is null && tokens[i].IsCapitalised)
            {
                (best, length) = Longest(kb.WorldGazetteer, tokens, i);
            }

            // "Ethopia": a word English does not know, standing alone, may be a state's name mistyped.
            if (best is null && tokens[i].IsCapitalised && EnglishWords.Default.TagsOf(tokens[i].Lower) is null && !InLongerName(tokens, i, i + 1))
            {
                (best, length) = (misspellings.Find(tokens[i].Lower), 1);
            }

            if (best is null)
            {
                continue;
            }

            var actor = best.Actor;
            if (actor.Kind == ActorKind.Person)
            {
                length = FamilyNameEnd(tokens, i + length) - i;
            }

            var mention = new Mention(i, i + length, actor.Id, MentionKind.Named, Spans.Surface(sentence, i, i + length)) { ActorKind = actor.Kind, Form = best.Kind };
            if (actor.Kind == ActorKind.Location)
            {
                mention.Kind = MentionKind.Location;
            }
            else if (actor.IsCollective)
            {
                mention.Kind = MentionKind.Collective;
                mention.Class = lexicon.CollectiveClasses.ContainsKey(actor.Id) ? actor.Id : null;
                mention.ActorId = mention.Class is null ? actor.Id : null;
            }

            found.Add(mention);
            i += length - 1;
        }

        return found;
    }

    // A loop rather than a lambda: a lambda over the parameters would allocate its closure on every call, and this runs
    // at every word of every sentence, twice at a capitalised one.
    private (KnownForm? Form, int Length) Longest(PhraseTrie<KnownForm> trie, List<Token> tokens, int at)
    {
        foreach (var (length, forms) in trie.MatchAll(tokens, at))
        {
            foreach (var form in forms)
            {
                if (form.Accepts(tokens, at) && Plausible(form, tokens, at))
                {
                    return (form, length);
                }
            }
        }

        return (null, 0);
    }

    // Single lower-case words that are also actor names ("chad") and sentence-initial "May" are not actors.
    private bool Plausible(KnownForm form, List<Token> tokens, int at)
    {
        // "Swedish-registered vessel", "European-based missiles", "the Europe Bridge": provenance or part of another
        // name, not a party to anything.
        int after = at + form.Parts.Length;
        if (after + 1 < tokens.Count && Spans.IsGluedHyphen(tokens[after]) && !tokens[after + 1].SpaceBefore
            && lexicon.Provenance.Contains(tokens[after + 1].Lower))
        {
            return false;
        }

        // "anti-Assad rebels", "pro-Moscow separatists": a stance towards the name, whose bearer is no party here.
        if (at >= 2 && Spans.IsGluedHyphen(tokens[at - 1]) && !tokens[at].SpaceBefore && lexicon.StancePrefixes.Contains(tokens[at - 2].Lower))
        {
            return false;
        }

        if (after < tokens.Count && tokens[after].IsCapitalised && lexicon.PlaceNameHeads.Contains(tokens[after].Text))
        {
            return false;
        }

        // "Labour Minister": a portfolio, not the party.
        if (form.Actor.Kind is not (ActorKind.Country or ActorKind.Person) && after < tokens.Count && lexicon.PortfolioWords.Contains(tokens[after].Text))
        {
            return false;
        }

        // "Montenegro Municipality Association (AKK)": an acronym in brackets after a name abbreviates that name.
        if (form.Actor.Kind == ActorKind.Person && at >= 2 && tokens[at - 1].Text == "(" && tokens[at - 2].IsCapitalised && tokens[at].Text.All(char.IsUpper))
        {
            return false;
        }

        // "Victoria Beckham", "Manchester United", "Andrew Jackson": a city of the world table beside another capitalised
        // word is part of a longer name.
        if (form.Actor.FromWorldTable && InLongerName(tokens, at, after))
        {
            return false;
        }

        if (form.Actor.IsCollective || form.Parts.Length > 1)
        {
            return true;
        }

        var t = tokens[at];
        if (form.Actor.Kind == ActorKind.Person && names.IsNotName(t))
        {
            return false;
        }

        return !char.IsLower(form.Parts[0][0]) || t.IsCapitalised || form.Kind != FormKind.Name;
    }

    // "Hamad bin Khalifa al-Thani", "Tamim bin Hamad Al Thani": a family name after a known person's name is still theirs.
    private int FamilyNameEnd(List<Token> tokens, int end)
    {
        while (end + 1 < tokens.Count && lexicon.NameParticles.Contains(tokens[end].Lower) && tokens[end].IsWord)
        {
            int next = Spans.IsGluedHyphen(tokens[end + 1]) && end + 2 < tokens.Count && !tokens[end + 2].SpaceBefore ? end + 2 : end + 1;
            if (!tokens[next].IsWord || !tokens[next].IsCapitalised)
            {
                break;
            }

            end = next + 1;
        }

        return end;
    }

    private static bool InLongerName(List<Token> tokens, int at, int after) =>
        (after < tokens.Count && tokens[after].IsWord && tokens[after].IsCapitalised)
        || (at > 0 && tokens[at - 1].IsWord && tokens[at - 1].IsCapitalised && !SentenceStart(tokens, at - 1));

    // "In Kharkiv", "From Aleppo": a function word that opens a sentence is capitalised only for that; "New York" is a name.
    private static bool SentenceStart(List<Token> tokens, int at) =>
        (at == 0 || (at == 1 && !tokens[0].IsWord))
        && EnglishWords.Default.TagsOf(tokens[at].Lower) is [var tag, ..] && !tag.IsNoun() && !tag.IsAdjective();
}
