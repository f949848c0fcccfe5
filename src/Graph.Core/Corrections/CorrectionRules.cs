using Graph.Core.Domain;
using Graph.Core.Storage;

namespace Graph.Core.Corrections;

/// <summary>
/// Corrections applied to one article's extraction output, in the order they were made, each on what the ones before
/// it left: the same input and the same corrections always give the same output, so saving it again (a forced
/// ingest, a re-extraction, a new extractor) gives the corrected graph again.
/// </summary>
public static class CorrectionRules
{
    public static ArticleExtraction Apply(ArticleExtraction extraction, IEnumerable<Correction> corrections)
    {
        foreach (var c in corrections.Where(c => c.Active))
        {
            extraction = c.Kind switch
            {
                CorrectionKind.Retract when c.ArticleId == extraction.Article.Id => Retract(extraction, c.Subject),
                CorrectionKind.Rename => Rename(extraction, c.Subject, c.Name!),
                CorrectionKind.Merge => Merge(extraction, c.Subject, c.Into!, c.Name!),
                CorrectionKind.Split => Split(extraction, c.Subject, c.Name!, c.Into!),
                _ => extraction,
            };
        }

        return extraction;
    }

    private static ArticleExtraction Retract(ArticleExtraction x, string evidenceId) =>
        x with { Relations = [.. x.Relations.Where(r => EvidenceIdentity.Of(x.Article.Id, r) != evidenceId)] };

    private static ArticleExtraction Rename(ArticleExtraction x, string actorId, string name) =>
        x with { Actors = [.. x.Actors.Select(a => a.Id == actorId ? a with { Name = name, Aliases = WithAliases(a.Aliases, a.Name) } : a)] };

    /// <summary>
    /// <paramref name="from"/> becomes <paramref name="into"/> wherever it appears (ends of relations, who said it,
    /// affiliations), with its names as aliases; a relation it had with <paramref name="into"/> would be one with itself, and goes.
    /// </summary>
    private static ArticleExtraction Merge(ArticleExtraction x, string from, string into, string intoName)
    {
        string Map(string id) => id == from ? into : id;
        var actors = new List<Actor>();
        foreach (var a in x.Actors)
        {
            var moved = a with
            {
                Affiliations = [.. a.Affiliations.Select(f => f with { ActorId = Map(f.ActorId) })],
            };
            if (a.Id == from)
            {
                moved = moved with { Id = into, Name = intoName, Aliases = WithAliases(a.Aliases, a.Name) };
            }

            int same = actors.FindIndex(b => b.Id == moved.Id);
            if (same < 0)
            {
                actors.Add(moved);
            }
            else
            {
                var kept = actors[same];
                string name = kept.Id == into ? intoName : kept.Name;
                actors[same] = kept with
                {
                    Name = name,
                    Aliases = WithAliases(kept.Aliases, moved.Aliases.Prepend(moved.Name).Where(n => !n.Equals(name, StringComparison.OrdinalIgnoreCase))),
                    Affiliations = [.. kept.Affiliations.Union(moved.Affiliations)],
                };
            }
        }

        actors = [.. actors.Select(a => a with { Affiliations = [.. a.Affiliations.Where(f => f.ActorId != a.Id)] })];
        var relations = x.Relations
            .Select(r => r with { Source = Map(r.Source), Target = Map(r.Target), SaidBy = r.SaidBy is { } s ? Map(s) : null })
            .Where(r => r.Source != r.Target);
        return x with { Actors = actors, Relations = [.. relations] };
    }

    /// <summary>
    /// The alias becomes actor <paramref name="newId"/>: a relation of <paramref name="actorId"/> moves to it when its
    /// sentence names the alias on its own (not as part of another of the actor's names) and no other name of the actor.
    /// </summary>
    private static ArticleExtraction Split(ArticleExtraction x, string actorId, string alias, string newId)
    {
        if (x.Actors.FirstOrDefault(a => a.Id == actorId) is not { } actor)
        {
            return x;
        }

        var otherNames = actor.Aliases.Prepend(actor.Name)
            .Where(n => !n.Equals(alias, StringComparison.OrdinalIgnoreCase))
            .OrderByDescending(n => n.Length)
            .ToList();
        var apart = otherNames.Where(n => !Mentions.Find(n, alias).Any()).ToList();

        // "Assad" on its own, not inside "Bashar al-Assad", and no name of the actor apart from it ("Bashar").
        bool ReadFromAlias(string sentence) =>
            Mentions.Find(otherNames.Aggregate(sentence, Mentions.Blank), alias).Any() && !apart.Any(n => Mentions.Find(sentence, n).Any());

        string Map(Relation r, string id) => id == actorId && ReadFromAlias(r.Sentence) ? newId : id;
        var relations = x.Relations
            .Select(r => r with { Source = Map(r, r.Source), Target = Map(r, r.Target) })
            .Where(r => r.Source != r.Target)
            .ToList();
        bool named = actor.Aliases.Any(a => a.Equals(alias, StringComparison.OrdinalIgnoreCase));
        bool moved = relations.Any(r => r.Source == newId || r.Target == newId);
        var actors = x.Actors
            .Select(a => a.Id == actorId ? a with { Aliases = [.. a.Aliases.Where(n => !n.Equals(alias, StringComparison.OrdinalIgnoreCase))] } : a)
            .ToList();
        if ((named || moved) && actors.All(a => a.Id != newId))
        {
            actors.Add(Actor.Create(newId, alias, actor.Kind));
        }

        return x with { Actors = actors, Relations = relations };
    }

    private static IReadOnlyList<string> WithAliases(IReadOnlyList<string> aliases, params IEnumerable<string> more)
    {
        var all = aliases.ToList();
        foreach (string name in more.Where(n => !string.IsNullOrWhiteSpace(n)))
        {
            if (!all.Contains(name, StringComparer.OrdinalIgnoreCase))
            {
                all.Add(name);
            }
        }

        return all;
    }
}

/// <summary>Where a name occurs in a sentence as whole words, ignoring case.</summary>
internal static class Mentions
{
    public static IEnumerable<int> Find(string sentence, string name)
    {
        for (int at = sentence.IndexOf(name, StringComparison.OrdinalIgnoreCase); at >= 0; at = sentence.IndexOf(name, at + 1, StringComparison.OrdinalIgnoreCase))
        {
            int end = at + name.Length;
            if ((at == 0 || !char.IsLetterOrDigit(sentence[at - 1])) && (end == sentence.Length || !char.IsLetterOrDigit(sentence[end])))
            {
                yield return at;
            }
        }
    }

    /// <summary>The sentence with each whole-word occurrence of <paramref name="name"/> blanked out.</summary>
    public static string Blank(string sentence, string name)
    {
        var chars = sentence.ToCharArray();
        foreach (int at in Find(sentence, name).ToList())
        {
            Array.Fill(chars, ' ', at, name.Length);
        }

        return new string(chars);
    }
}
