using Graph.Core.Domain;

namespace Graph.Extraction.Tests;

/// <summary>
/// Every example and counter-example written beside the lexicon's patterns, policies and constructions
/// (graph-seed/lexicon/events, modality.json, words/tagging.json) is read by the extractor as its data says.
/// </summary>
public class PatternCaseTests
{
    public static TheoryData<string, string> Cases()
    {
        var data = new TheoryData<string, string>();
        foreach (var c in Extract.Default.Data.Events.Cases.Concat(Extract.Default.Data.Modality.Cases))
        {
            data.Add(c.Pattern, c.Text);
        }

        return data;
    }

    [Theory]
    [MemberData(nameof(Cases))]
    public void Case_reads_as_written(string pattern, string text)
    {
        var c = Extract.Default.Data.Events.Cases.Concat(Extract.Default.Data.Modality.Cases).First(x => x.Pattern == pattern && x.Text == text);
        var x = Extract.Text(text);
        foreach (var expected in c.Find)
        {
            x.Relations.ShouldContain(r => Matches(x, r, expected), $"{c.File} {pattern}: \"{text}\" should read {expected}; it read {Describe(x)}");
        }

        foreach (var forbidden in c.Not)
        {
            x.Relations.ShouldNotContain(r => Matches(x, r, forbidden), $"{c.File} {pattern}: \"{text}\" must not read {forbidden}; it read {Describe(x)}");
        }

        if (c.Nothing)
        {
            x.Relations.ShouldBeEmpty($"{c.File} {pattern}: \"{text}\" must read nothing; it read {Describe(x)}");
        }
    }

    [Fact]
    public void Every_pattern_and_modality_rule_has_an_example_and_a_counter_example()
    {
        var data = Extract.Default.Data;
        var ids = data.Events.All.Select(p => p.Id).Concat(data.Modality.Cases.Select(c => c.Pattern)).Distinct();
        var cases = data.Events.Cases.Concat(data.Modality.Cases).ToList();
        foreach (var id in ids)
        {
            cases.ShouldContain(c => c.Pattern == id && !c.Counter, $"pattern {id} has no example");
            cases.ShouldContain(c => c.Pattern == id && c.Counter, $"pattern {id} has no counter-example");
        }
    }

    [Fact]
    public void Every_tagging_rule_example_gets_its_tag()
    {
        foreach (var (text, expect) in Extract.Default.Data.Language.TaggingExamples)
        {
            var words = Extract.Default.Data.Language.Tagger.Tag(Graph.Extraction.Text.Tokenizer.Tokenize(text));
            var (word, tag) = (expect[..expect.LastIndexOf('/')], expect[(expect.LastIndexOf('/') + 1)..]);
            words.ShouldContain(w => w.Text == word && Graph.Extraction.Words.PennTags.Name(w.Tag) == tag,
                $"words/tagging.json: in \"{text}\" {word} should be {tag}; tagged {string.Join(' ', words.Select(w => w.ToString()))}");
        }
    }

    // "RUS SUPPORT bashar-al-assad (asserted)": an actor is its id, name or an alias; "*" is any.
    private static bool Matches(ArticleExtraction x, Relation r, string expected)
    {
        var parts = expected.Split(' ', StringSplitOptions.RemoveEmptyEntries);
        string? modality = parts.Length > 3 ? parts[3].Trim('(', ')') : null;
        return Is(x, r.Source, parts[0]) && (parts[1] == "*" || string.Equals(parts[1], r.Type.ToString(), StringComparison.OrdinalIgnoreCase))
            && Is(x, r.Target, parts[2]) && (modality is null || string.Equals(modality, r.Modality.ToString(), StringComparison.OrdinalIgnoreCase));
    }

    private static bool Is(ArticleExtraction x, string actorId, string reference)
    {
        if (reference == "*" || string.Equals(actorId, reference, StringComparison.OrdinalIgnoreCase))
        {
            return true;
        }

        // As the scorer reads gold: a name or alias, a CAMEO code starting with the reference ("AFGCVL" is AFG), or an
        // actor the person speaks for ("Narendra Modi" counts as IND).
        var actor = x.Actors.FirstOrDefault(a => a.Id == actorId);
        return actor is not null && (string.Equals(actor.Name, reference, StringComparison.OrdinalIgnoreCase)
            || actor.Aliases.Any(a => string.Equals(a, reference, StringComparison.OrdinalIgnoreCase))
            || (actor.Codes.TryGetValue("cameo", out var cameo) && reference.Length == 3 && cameo.StartsWith(reference, StringComparison.OrdinalIgnoreCase))
            || actor.Affiliations.Any(f => string.Equals(f.ActorId, reference, StringComparison.OrdinalIgnoreCase)));
    }

    private static string Describe(ArticleExtraction x) =>
        x.Relations.Count == 0 ? "nothing" : string.Join("; ", x.Relations.Select(r => $"{r.Source} {r.Type} {r.Target} ({r.Modality.ToString().ToLowerInvariant()})"));
}
