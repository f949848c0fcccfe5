using Graph.Extraction.Evaluation;
using Graph.Extraction.Reading;

namespace Graph.Extraction.Tests.Evaluation;

/// <summary>
/// Quality gates: the extractor scored with the project's scorer (as ../shared/eval/score.py scores) on the four dev sets
/// in ../shared/eval. A drop in relation F1 below a floor fails the build like a crash. The floors sit just under what
/// the extractor reaches; raise them with the extractor, never lower them to let a change through.
/// </summary>
public class DevSetQualityTests
{
    [Theory]
    [InlineData("us-open-to-talks-with-russia-on-syria.gold.json", "../seed", 0.95)]
    [InlineData("plover-dev", "plover-dev/articles.jsonl", 0.75)]
    [InlineData("conflibert-news-dev", "conflibert-news-dev/articles.jsonl", 0.78)]
    [InlineData("re3d-syria-dev", "re3d-syria-dev/articles.jsonl", 0.64)]
    public async Task Relation_F1_stays_above_its_floor(string gold, string articles, double floor)
    {
        var report = await Score(gold, articles);
        report.Counts.RelationF1.ShouldBeGreaterThanOrEqualTo(floor, string.Join('\n', report.Lines(verbose: false)));
    }

    [Fact]
    public async Task The_seed_article_has_no_forbidden_reading()
    {
        var report = await Score("us-open-to-talks-with-russia-on-syria.gold.json", "../seed");
        report.Counts.Forbidden.ShouldBe(0, string.Join('\n', report.Findings.Where(f => f.Kind == FindingKind.ForbiddenReading)));
    }

    private static async Task<EvalReport> Score(string gold, string articles)
    {
        string eval = Path.GetFullPath(Path.Combine(Extract.RepoRoot(), "..", "shared", "eval"));
        Assert.SkipUnless(Directory.Exists(eval), $"The shared dev sets are not at {eval}: quality gates need ../shared/eval beside the checkout.");
        var extracted = new List<ExtractedArticle>();
        await foreach (var item in new ArticleReader().ReadAsync(Path.Combine(eval, articles), TestContext.Current.CancellationToken))
        {
            var x = Extract.Default.Extract(item.Article!);
            extracted.Add(ExtractedArticle.Parse(item.Origin, Json.ExtractionJson.Serialize(x)));
        }

        return GoldScorer.Score(GoldSet.Load(Path.Combine(eval, gold)), extracted);
    }
}
