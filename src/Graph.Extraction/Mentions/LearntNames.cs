using Graph.Core.Domain;
using Graph.Extraction.Analysis;
using Graph.Extraction.Text;

namespace Graph.Extraction.Mentions;

/// <summary>Names of people the article has already introduced, in full or by surname: "Staffan de Mistura", later "de Mistura".</summary>
internal sealed class LearntNames(MentionLexicon lexicon)
{
    private readonly PhraseTrie<string> _learnt = new();

    public void Find(Sentence sentence, List<Mention> mentions)
    {
        if (_learnt.Count == 0)
        {
            return;
        }

        var tokens = sentence.Tokens;
        var covered = Spans.Covered(tokens.Count, mentions);
        for (int i = 0; i < tokens.Count; i++)
        {
            if (covered[i] || !tokens[i].IsCapitalised)
            {
                continue;
            }

            var (len, ids) = _learnt.Match(tokens, i);
            if (len == 0 || ids is null || Enumerable.Range(i, len).Any(k => covered[k]))
            {
                continue;
            }

            mentions.Add(new Mention(i, i + len, ids[^1], MentionKind.Named, Spans.Surface(sentence, i, i + len)) { ActorKind = ActorKind.Person });
            i += len - 1;
        }
    }

    public void Learn(ActorDraft person)
    {
        var tokens = Tokenizer.Tokenize(person.Name);
        if (tokens.Count < 2)
        {
            return;
        }

        _learnt.Add(tokens.Select(t => t.Lower).ToArray(), person.Id);

        // The surname: the last word with its particles and hyphens ("de Mistura", "Abdel-Azim").
        int s = tokens.Count - 1;
        while (s > 0 && (tokens[s - 1].Text == "-" || tokens[s].Text == "-" || lexicon.NameParticles.Contains(tokens[s - 1].Lower)))
        {
            s--;
        }

        if (s > 0 && tokens[^1].Text.Length > 2)
        {
            _learnt.Add(tokens.Skip(s).Select(t => t.Lower).ToArray(), person.Id);
        }
    }
}
