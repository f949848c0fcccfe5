using Graph.Core.Domain;

namespace Graph.TestSupport;

/// <summary>
/// Reads sentences of the form "Russia supports Syria." between the <see cref="Sample"/> actors: just enough to ingest
/// real articles whose graph is obvious. Its version and its verbs are the test's to choose (an edited lexicon under an
/// unchanged version is two of these with the same version), and a text holding <see cref="Breaks"/> makes it throw,
/// as an extractor with a bug would.
/// </summary>
public sealed class SentenceExtractor(string version = "sentences-1", IReadOnlyDictionary<string, RelationType>? verbs = null) : IExtractor
{
    public const string Breaks = "BREAKS-THE-EXTRACTOR";

    private static readonly Actor[] Known = [Sample.Russia, Sample.Syria, Sample.UnitedStates, Sample.Turkey];

    private readonly IReadOnlyDictionary<string, RelationType> _verbs = verbs ?? new Dictionary<string, RelationType>
    {
        ["supports"] = RelationType.Support,
        ["condemns"] = RelationType.Accuse,
        ["attacks"] = RelationType.Assault,
        ["meets"] = RelationType.Consult,
    };

    public string Version => version;

    public ArticleExtraction Extract(Article article)
    {
        if (article.Text.Contains(Breaks, StringComparison.Ordinal))
        {
            throw new InvalidOperationException("index out of range in the sentence splitter");
        }

        var relations = new List<Relation>();
        int at = 0;
        foreach (var raw in article.Text.Split('.'))
        {
            var sentence = raw.Trim();
            int start = sentence.Length == 0 ? at : article.Text.IndexOf(sentence, at, StringComparison.Ordinal);
            at = start + sentence.Length + 1;
            if (sentence.Split(' ') is [var source, var verb, var target]
                && _verbs.TryGetValue(verb, out var type)
                && Known.FirstOrDefault(a => a.Name == source) is { } s && Known.FirstOrDefault(a => a.Name == target) is { } t)
            {
                var plover = Plover.Of(type);
                relations.Add(new Relation(s.Id, t.Id, type, plover.Polarity, plover.Score, 0.9, sentence + ".", start, start + sentence.Length + 1, Modality.Asserted));
            }
        }

        var ids = relations.SelectMany(r => new[] { r.Source, r.Target }).ToHashSet();
        return new ArticleExtraction(ArticleInfo.From(article), [.. Known.Where(a => ids.Contains(a.Id))], relations);
    }
}
