using System.Diagnostics;
using Graph.Core.Domain;
using Graph.Core.Storage;

namespace Graph.Api.Tests;

/// <summary>
/// Prints how long typical explorer queries take over HTTP on a corpus-sized store (250 articles, 3,000 evidence rows).
/// Figures only: nothing here asserts a time. Run: dotnet test --project tests/Graph.Api.Tests --filter-class "*QueryBenchmarks" --output Detailed
/// </summary>
[Trait("Category", "Benchmark")]
public sealed class QueryBenchmarks
{
    private const int Articles = 250;
    private const int RelationsPerArticle = 12;

    private static readonly string[] Queries =
    [
        """{ stance(from: "country-00", to: "country-01", includeAffiliates: true) { score label evidence { sentence article { title } } } }""",
        """{ supporters(of: "country-00", first: 10) { from { name } score evidenceCount } }""",
        """{ neighborhood(actor: "country-00", depth: 2, limit: 50) { nodes { id name kind } edges { source { id } target { id } type count } } }""",
        """{ path(from: "person-000", to: "group-49", maxHops: 4) { length nodes { id } } }""",
        """{ actors(first: 50) { edges { node { id relationships(first: 5) { totalCount edges { node { type source { name } target { name } evidence(first: 2) { saidBy { name } article { title } } } } } } } } }""",
        """{ relationships(where: { types: [ASSAULT, COERCE] }, first: 50) { totalCount edges { node { source { name } target { name } count score } } } }""",
    ];

    [Fact]
    public async Task Typical_queries_on_a_corpus_sized_store()
    {
        await using var api = await ApiHost.StartAsync(SeedCorpusAsync);
        var output = TestContext.Current.TestOutputHelper!;
        foreach (var query in Queries)
        {
            for (int i = 0; i < 3; i++)
            {
                (await api.PostAsync(query)).Errors.ShouldBeNull();
            }

            var times = new List<double>();
            for (int i = 0; i < 20; i++)
            {
                var watch = Stopwatch.StartNew();
                await api.PostAsync(query);
                times.Add(watch.Elapsed.TotalMilliseconds);
            }

            times.Sort();
            output.WriteLine($"median {times[times.Count / 2],7:F1} ms  p95 {times[(int)(times.Count * 0.95) - 1],7:F1} ms  {query[..Math.Min(90, query.Length)]}");
        }
    }

    private static async Task SeedCorpusAsync(IGraphStore store)
    {
        var random = new Random(42);
        var countries = Enumerable.Range(0, 30).Select(i => Actor.Create($"country-{i:00}", $"Country {i:00}", ActorKind.Country)).ToList();
        var persons = Enumerable.Range(0, 120).Select(i => Actor.Create($"person-{i:000}", $"Person {i:000}", ActorKind.Person) with
        {
            Affiliations = [new Affiliation(countries[i % 30].Id, "minister", new DateOnly(2010, 1, 1))],
        }).ToList();
        var groups = Enumerable.Range(0, 50).Select(i => Actor.Create($"group-{i:00}", $"Group {i:00}", ActorKind.ArmedGroup)).ToList();
        Actor[] all = [.. countries, .. persons, .. groups];
        var types = Enum.GetValues<RelationType>();
        for (int a = 0; a < Articles; a++)
        {
            var published = new DateTimeOffset(2019, 1, 1, 0, 0, 0, TimeSpan.Zero).AddDays(a);
            var text = string.Concat(Enumerable.Range(0, RelationsPerArticle).Select(i => $"Sentence {i} of article {a}. "));
            var article = new Article($"article-{a:000}", text, $"Article {a:000}", PublishedAt: published);
            var relations = new List<Relation>();
            var used = new HashSet<Actor>();
            for (int i = 0; i < RelationsPerArticle; i++)
            {
                // Skewed towards the first countries, as news is.
                var source = all[(int)(all.Length * Math.Pow(random.NextDouble(), 2))];
                var target = all[(int)(all.Length * Math.Pow(random.NextDouble(), 2))];
                if (source == target)
                {
                    continue;
                }

                var type = types[random.Next(types.Length)];
                string sentence = $"Sentence {i} of article {a}.";
                int start = text.IndexOf(sentence, StringComparison.Ordinal);
                relations.Add(new Relation(source.Id, target.Id, type, Plover.Of(type).Polarity, Plover.Of(type).Score, 0.5 + (random.NextDouble() / 2), sentence, start, start + sentence.Length, Modality.Asserted));
                used.Add(source);
                used.Add(target);
            }

            await store.SaveArticleAsync(article, new ArticleExtraction(ArticleInfo.From(article), [.. used], relations), Seed.Version);
        }
    }
}
