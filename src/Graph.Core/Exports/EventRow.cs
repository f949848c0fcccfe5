using Graph.Core.Domain;
using Graph.Core.Storage;

namespace Graph.Core.Exports;

/// <summary>
/// One piece of evidence as the events export writes it (JSON Lines and CSV alike, under these names): flat, with both
/// actors' names and CAMEO codes beside their ids, so a spreadsheet or pandas needs nothing else.
/// </summary>
public sealed record EventRow(
    string Id,
    DateOnly? Date,
    DateOnly? EventDate,
    DateTimeOffset? PublishedAt,
    string Source,
    string SourceName,
    string? SourceCameo,
    string Target,
    string TargetName,
    string? TargetCameo,
    string Type,
    string CameoRoot,
    int Polarity,
    double Score,
    double Confidence,
    string Modality,
    string? Speaker,
    string? SpeakerName,
    string Sentence,
    int Start,
    int End,
    string ArticleId,
    string? ArticleTitle,
    string? ArticleUrl,
    string ExtractorVersion)
{
    /// <summary>The column names, in order: the CSV header and the JSON property names.</summary>
    public static IReadOnlyList<string> Columns { get; } =
    [
        "id", "date", "eventDate", "publishedAt", "source", "sourceName", "sourceCameo", "target", "targetName", "targetCameo",
        "type", "cameoRoot", "polarity", "score", "confidence", "modality", "speaker", "speakerName", "sentence", "start", "end",
        "articleId", "articleTitle", "articleUrl", "extractorVersion",
    ];

    /// <summary>The row from its evidence and the actors it names (an actor missing from the store keeps its id as its name).</summary>
    public static EventRow From(Evidence e, IReadOnlyDictionary<string, Actor> actors)
    {
        var source = actors.GetValueOrDefault(e.Source);
        var target = actors.GetValueOrDefault(e.Target);
        var speaker = e.SaidBy is null ? null : actors.GetValueOrDefault(e.SaidBy);
        return new EventRow(
            e.Id, e.Day, e.EventDate, e.PublishedAt,
            e.Source, source?.Name ?? e.Source, Cameo(source),
            e.Target, target?.Name ?? e.Target, Cameo(target),
            Plover.Of(e.Type).Name, Plover.Of(e.Type).CameoRoot, e.Polarity, e.Score, e.Confidence,
            Invariant.Of(e.Modality), e.SaidBy, e.SaidBy is null ? null : speaker?.Name ?? e.SaidBy,
            e.Sentence, e.Start, e.End, e.ArticleId, e.ArticleTitle, e.ArticleUrl, e.ExtractorVersion);
    }

    /// <summary>Each column as text, in <see cref="Columns"/> order (null when empty): what CSV writes, in the forms JSON uses.</summary>
    public IReadOnlyList<string?> Values() =>
    [
        Id, Invariant.Of(Date), Invariant.Of(EventDate), Invariant.Of(PublishedAt),
        Source, SourceName, SourceCameo, Target, TargetName, TargetCameo,
        Type, CameoRoot, Invariant.Of(Polarity), Invariant.Of(Score), Invariant.Of(Confidence), Modality, Speaker, SpeakerName,
        Sentence, Invariant.Of(Start), Invariant.Of(End), ArticleId, ArticleTitle, ArticleUrl, ExtractorVersion,
    ];

    private static string? Cameo(Actor? actor) => actor?.Codes.GetValueOrDefault("cameo");
}
