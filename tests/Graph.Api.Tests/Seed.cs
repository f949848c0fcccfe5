using Graph.Core.Domain;
using Graph.Core.Storage;

namespace Graph.Api.Tests;

/// <summary>Two hand-built articles about Russia, Syria and the US: every expected value in the tests follows from these.</summary>
internal static class Seed
{
    public const string Version = "test-1";

    public static readonly Actor Russia = Country("RUS", "Russia", "Russian Federation", "Moscow");
    public static readonly Actor Syria = Country("SYR", "Syria", "Syrian Arab Republic", "Damascus");
    public static readonly Actor Usa = Country("USA", "United States", "US", "Washington");

    public static readonly Actor Assad = Actor.Create("bashar-al-assad", "Bashar al-Assad", ActorKind.Person) with
    {
        Aliases = ["Assad", "President Assad"],
        Affiliations = [new Affiliation("SYR", "president", new DateOnly(2000, 7, 17))],
    };

    public static readonly Actor Putin = Actor.Create("vladimir-putin", "Vladimir Putin", ActorKind.Person) with
    {
        Aliases = ["Putin"],
        Affiliations = [new Affiliation("RUS", "president", new DateOnly(2012, 5, 7))],
    };

    public static readonly Actor Kerry = Actor.Create("john-kerry", "John Kerry", ActorKind.Person) with
    {
        Aliases = ["Kerry"],
        Affiliations = [new Affiliation("USA", "secretary of state", new DateOnly(2013, 2, 1), new DateOnly(2017, 1, 20))],
    };

    public static readonly Actor Isis = Actor.Create("isis", "Islamic State", ActorKind.ArmedGroup) with { Aliases = ["Isis", "Isil", "Daesh"] };

    public static readonly Article Airstrikes = new(
        "russia-airstrikes",
        "Russia has backed Assad throughout the war. Russian jets struck Isis positions. Kerry said Russia was escalating the war. The US did not consult Russia. Putin said he supports Assad.",
        "Russia launches airstrikes in Syria",
        "https://example.org/russia-airstrikes",
        new DateTimeOffset(2015, 9, 30, 10, 0, 0, TimeSpan.Zero),
        "test");

    public static readonly Article Talks = new(
        "us-talks",
        "The US will hold talks with Russia. The US accused Assad of atrocities. Russia supports Assad. Kerry asked Russia to help.",
        "US open to talks with Russia on Syria",
        "https://example.org/us-talks",
        new DateTimeOffset(2015, 11, 15, 8, 0, 0, TimeSpan.Zero),
        "test");

    public static ArticleExtraction AirstrikesExtraction => new(
        ArticleInfo.From(Airstrikes),
        [Russia, Syria, Usa, Assad, Putin, Kerry, Isis],
        [
            Rel(Airstrikes, "RUS", "bashar-al-assad", RelationType.Support, 5.0, 0.9, "Russia has backed Assad throughout the war.", Modality.Asserted),
            Rel(Airstrikes, "RUS", "isis", RelationType.Assault, -9.0, 0.8, "Russian jets struck Isis positions.", Modality.Asserted),
            Rel(Airstrikes, "USA", "RUS", RelationType.Accuse, -3.0, 0.7, "Kerry said Russia was escalating the war.", Modality.Reported, saidBy: "john-kerry"),
            Rel(Airstrikes, "USA", "RUS", RelationType.Consult, 2.5, 0.6, "The US did not consult Russia.", Modality.Negated),
            Rel(Airstrikes, "vladimir-putin", "bashar-al-assad", RelationType.Support, 5.0, 0.8, "Putin said he supports Assad.", Modality.Reported, saidBy: "vladimir-putin"),
        ]);

    public static ArticleExtraction TalksExtraction => new(
        ArticleInfo.From(Talks),
        [Russia, Usa, Assad, Kerry, Syria],
        [
            Rel(Talks, "USA", "RUS", RelationType.Consult, 2.5, 0.9, "The US will hold talks with Russia.", Modality.Future, eventDate: new DateOnly(2015, 11, 20)),
            Rel(Talks, "USA", "bashar-al-assad", RelationType.Accuse, -3.0, 0.9, "The US accused Assad of atrocities.", Modality.Asserted),
            Rel(Talks, "RUS", "bashar-al-assad", RelationType.Support, 5.0, 0.7, "Russia supports Assad.", Modality.Asserted),
            Rel(Talks, "john-kerry", "RUS", RelationType.Request, 1.0, 0.8, "Kerry asked Russia to help.", Modality.Asserted),
        ]);

    public static async Task IntoAsync(IGraphStore store)
    {
        await store.SaveArticleAsync(Airstrikes, AirstrikesExtraction, Version);
        await store.SaveArticleAsync(Talks, TalksExtraction, Version);
    }

    private static Actor Country(string iso, string name, params string[] aliases) =>
        Actor.Create(iso, name, ActorKind.Country) with { Aliases = aliases, Codes = new Dictionary<string, string> { ["cameo"] = iso, ["iso3"] = iso } };

    private static Relation Rel(Article article, string source, string target, RelationType type, double score, double confidence, string sentence, Modality modality, string? saidBy = null, DateOnly? eventDate = null)
    {
        int start = article.Text.IndexOf(sentence, StringComparison.Ordinal);
        return new Relation(source, target, type, Math.Sign(score), score, confidence, sentence, start, start + sentence.Length, modality, saidBy, eventDate);
    }
}
