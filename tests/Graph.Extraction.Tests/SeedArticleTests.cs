using Graph.Core.Domain;

namespace Graph.Extraction.Tests;

/// <summary>The client's seed article (graph-seed/articles): what an analyst must see, and what must never appear.</summary>
public class SeedArticleTests
{
    private static readonly Lazy<(Article Article, ArticleExtraction Result)> Seed = new(() =>
    {
        string text = File.ReadAllText(Path.Combine(Extract.RepoRoot(), "graph-seed", "articles", "us-open-to-talks-with-russia-on-syria.txt"));
        var article = new Article("seed", text, PublishedAt: new DateTimeOffset(2015, 9, 18, 12, 0, 0, TimeSpan.Zero));
        return (article, Extract.Default.Extract(article));
    });

    private static ArticleExtraction Result => Seed.Value.Result;

    [Fact]
    public void Russia_supports_Assad()
    {
        Result.Relations.ShouldContain(r => r.Source == "RUS" && (r.Target == "bashar-al-assad" || r.Target == "SYR") && r.Type == RelationType.Support && r.Polarity == 1);
    }

    [Fact]
    public void The_United_States_is_open_to_talks_with_Russia()
    {
        Result.Between("USA", "RUS").ShouldContain(r => r.Type == RelationType.Consult && r.Polarity == 1 && r.Modality != Modality.Negated);
    }

    [Fact]
    public void The_rebuffed_meeting_is_a_rejection_and_never_a_positive_relation()
    {
        var rebuffed = Result.Relations.Where(r => r.Sentence.Contains("rebuffed suggestions", StringComparison.Ordinal)).ToList();
        rebuffed.ShouldContain(r => r.Type == RelationType.Reject && r.Polarity == -1 && r.Target == "vladimir-putin");
        rebuffed.ShouldNotContain(r => r.Polarity > 0);
    }

    [Fact]
    public void Page_furniture_yields_nothing()
    {
        string[] furniture = ["Skip to main content", "Stay informed", "Turkey Unpacked", "republishing this content", "AFP/HO/SANA", "Middle East Eye delivers"];
        foreach (var f in furniture)
        {
            Result.Relations.ShouldNotContain(r => r.Sentence.Contains(f, StringComparison.Ordinal), f);
        }

        Result.Actors.ShouldNotContain(a => a.Aliases.Contains("MEE") || a.Name == "Middle East Eye");
    }

    [Fact]
    public void Every_sentence_is_the_article_text_at_its_offsets()
    {
        Result.Relations.ShouldNotBeEmpty();
        foreach (var r in Result.Relations)
        {
            Seed.Value.Article.Text[r.Start..r.End].ShouldBe(r.Sentence);
        }
    }

    [Fact]
    public void People_speak_for_their_state_or_organisation()
    {
        Affiliation("josh-earnest").ShouldContain("USA");
        Affiliation("walid-muallem").ShouldContain("SYR");
        Affiliation("christos-stylianides").ShouldContain("EUR");
        Affiliation("karim-bitar").ShouldContain("institute-for-international-and-strategic-relations");
        Result.Actors.ShouldContain(a => a.Id == "hassan-abdel-azim" && a.Kind == ActorKind.Person && a.Aliases.Contains("Abdel-Azim"));
    }

    [Fact]
    public void Reported_help_carries_its_speaker()
    {
        Result.Between("RUS", "SYR").ShouldContain(r => r.Type == RelationType.Aid && r.SaidBy == "walid-muallem");
    }

    [Fact]
    public void The_envoy_meets_the_foreign_minister_on_Thursday()
    {
        var met = Result.Between("staffan-de-mistura", "walid-muallem").ShouldHaveSingleItem();
        met.Type.ShouldBe(RelationType.Consult);
        met.EventDate.ShouldBe(new DateOnly(2015, 9, 17));
    }

    [Fact]
    public void Government_helicopters_are_the_Syrian_state()
    {
        Result.Relations.ShouldContain(r => r.Source == "SYR" && r.Type == RelationType.Assault && r.Sentence.Contains("helicopters attacked", StringComparison.Ordinal));
    }

    private static string[] Affiliation(string id) =>
        Result.Actors.Single(a => a.Id == id).Affiliations.Select(a => a.ActorId).ToArray();
}
