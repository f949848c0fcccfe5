using System.Text;
using Graph.Core.Domain;

namespace Graph.TestSupport;

/// <summary>An article and what an extractor read in it: the unit every store saves.</summary>
public sealed record Sample(Article Article, ArticleExtraction Extraction)
{
    public static readonly DateTimeOffset March1 = new(2024, 3, 1, 9, 30, 0, TimeSpan.Zero);
    public static readonly DateTimeOffset May10 = new(2024, 5, 10, 18, 0, 0, TimeSpan.FromHours(2));

    public static Actor Russia => new(
        "RUS", "Russia", ActorKind.Country, ["Moscow", "the Kremlin"], [], new Dictionary<string, string> { ["iso3"] = "RUS", ["cameo"] = "RUS" });

    public static Actor Syria => new(
        "SYR", "Syria", ActorKind.Country, ["Damascus"], [], new Dictionary<string, string> { ["iso3"] = "SYR" });

    public static Actor Assad => new(
        "bashar-al-assad", "Bashar al-Assad", ActorKind.Person, ["Assad", "President Assad"],
        [new Affiliation("SYR", "president", new DateOnly(2000, 7, 17))], new Dictionary<string, string>());

    public static Actor UnitedStates => new(
        "USA", "United States", ActorKind.Country, ["Washington", "US"], [], new Dictionary<string, string> { ["iso3"] = "USA" });

    public static Actor Turkey => new(
        "TUR", "Turkey", ActorKind.Country, ["Ankara", "Türkiye"], [], new Dictionary<string, string> { ["iso3"] = "TUR" });

    public static SampleBuilder Build(string id) => new(id);

    /// <summary>Four readings from 1 March 2024: support, aid (dated 28 Feb), a reported accusation and a negated meeting.</summary>
    public static Sample RussiaBacksAssad(string id = "russia-backs-assad") =>
        Build(id)
            .Titled("Russia backs Assad")
            .At("https://example.org/russia-backs-assad")
            .From("guardian")
            .PublishedAt(March1)
            .With(Russia, Syria, Assad, UnitedStates)
            .Says("RUS", RelationType.Support, "bashar-al-assad", "Russia pledged its full support for Bashar al-Assad.")
            .Says("RUS", RelationType.Aid, "SYR", "Moscow sent weapons to Damascus on 28 February.", eventDate: new DateOnly(2024, 2, 28))
            .Says("USA", RelationType.Accuse, "RUS", "Washington accused Moscow of prolonging the war, an official said.",
                Modality.Reported, confidence: 0.7, saidBy: "State Department")
            .Says("USA", RelationType.Consult, "SYR", "The United States did not meet Syrian officials.", Modality.Negated, confidence: 0.6)
            .Build();

    /// <summary>Three readings from 10 May 2024, two of them the same relationship in two sentences.</summary>
    public static Sample RussiaRebuffsWashington(string id = "russia-rebuffs-washington") =>
        Build(id)
            .Titled("Russia rebuffs Washington")
            .At("https://example.org/russia-rebuffs-washington")
            .PublishedAt(May10)
            .With(Russia, UnitedStates, Turkey, Syria)
            .Says("RUS", RelationType.Reject, "USA", "Russia rejected the American proposal.", confidence: 0.8)
            .Says("RUS", RelationType.Reject, "USA", "The Kremlin again turned Washington down.", confidence: 0.75)
            .Says("TUR", RelationType.Threaten, "SYR", "Turkey will strike Syria if attacks continue.", Modality.Future, confidence: 0.5)
            .Build();
}

/// <summary>Builds an article sentence by sentence, so every relation's offsets point at its sentence in the text.</summary>
public sealed class SampleBuilder(string id)
{
    private readonly StringBuilder _text = new();
    private readonly List<Actor> _actors = [];
    private readonly List<Relation> _relations = [];
    private string? _title;
    private string? _url;
    private string? _source;
    private DateTimeOffset? _publishedAt;

    public SampleBuilder Titled(string title)
    {
        _title = title;
        return this;
    }

    public SampleBuilder At(string url)
    {
        _url = url;
        return this;
    }

    public SampleBuilder From(string source)
    {
        _source = source;
        return this;
    }

    public SampleBuilder PublishedAt(DateTimeOffset? publishedAt)
    {
        _publishedAt = publishedAt;
        return this;
    }

    public SampleBuilder With(params Actor[] actors)
    {
        _actors.AddRange(actors);
        return this;
    }

    /// <summary>A sentence with no relationship in it.</summary>
    public SampleBuilder Text(string sentence)
    {
        Append(sentence);
        return this;
    }

    public SampleBuilder Says(
        string source,
        RelationType type,
        string target,
        string sentence,
        Modality modality = Modality.Asserted,
        double confidence = 0.9,
        string? saidBy = null,
        DateOnly? eventDate = null)
    {
        int start = Append(sentence);
        var plover = Plover.Of(type);
        _relations.Add(new Relation(source, target, type, plover.Polarity, plover.Score, confidence, sentence, start, start + sentence.Length, modality, saidBy, eventDate));
        return this;
    }

    public Sample Build()
    {
        var article = new Article(id, _text.ToString(), _title, _url, _publishedAt, _source);
        return new Sample(article, new ArticleExtraction(ArticleInfo.From(article), [.. _actors], [.. _relations]));
    }

    private int Append(string sentence)
    {
        if (_text.Length > 0)
        {
            _text.Append(' ');
        }

        int start = _text.Length;
        _text.Append(sentence);
        return start;
    }
}
