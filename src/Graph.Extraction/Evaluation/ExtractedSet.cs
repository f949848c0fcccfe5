using System.Text.Json;

namespace Graph.Extraction.Evaluation;

/// <summary>
/// An actor of an extracted article: what the scorer needs of the <c>extract</c> contract. <c>Codes</c> holds the
/// non-empty values of <c>codes</c> (<c>RUSGOV</c>, <c>RUS</c>…), <c>AffiliationIds</c> the <c>actorId</c> of each affiliation.
/// </summary>
public sealed record ExtractedActor(
    string Id, string? Name, string? Kind, IReadOnlyList<string> Aliases, IReadOnlyList<string> Codes, IReadOnlyList<string?> AffiliationIds);

/// <summary>A relation of an extracted article; <paramref name="Polarity"/> counts only by its sign.</summary>
public sealed record ExtractedRelation(string Source, string Target, string? Type, double Polarity, string Sentence);

/// <summary>One article as <c>graph extract</c> prints it, paired with its gold by <paramref name="Id"/> or <paramref name="Source"/>.</summary>
public sealed record ExtractedArticle(string Id, string Source, IReadOnlyList<ExtractedActor> Actors, IReadOnlyList<ExtractedRelation> Relations)
{
    /// <summary>One JSON Lines record of <c>graph extract</c>.</summary>
    /// <exception cref="InvalidDataException">The line is not a JSON object.</exception>
    public static ExtractedArticle Parse(string where, string line)
    {
        using var document = Json.Parse(where, line);
        var e = document.RootElement;
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{where}: expected one extracted article object per line");
        }

        var article = Json.Field(e, "article") ?? default;
        var actors = Json.Objects(e, "actors").Select(a => new ExtractedActor(
            Json.Text(a, "id") ?? "",
            Json.Text(a, "name"),
            Json.Text(a, "kind"),
            Json.Texts(a, "aliases"),
            Json.Field(a, "codes") is { ValueKind: JsonValueKind.Object } codes
                // score.py keeps the truthy codes; only scalars can be one.
                ? [.. codes.EnumerateObject().Select(c => c.Value).Where(v => Json.Truthy(v) && Json.Scalar(v) is not null).Select(v => Json.Scalar(v)!)]
                : [],
            [.. Json.Objects(a, "affiliations").Select(f => Json.Text(f, "actorId"))])).ToList();
        var relations = Json.Objects(e, "relations").Select(r => new ExtractedRelation(
            Json.Text(r, "source") ?? "",
            Json.Text(r, "target") ?? "",
            Json.Text(r, "type"),
            Json.Number(r, "polarity"),
            Json.Text(r, "sentence") ?? "")).ToList();
        return new ExtractedArticle(Json.Text(article, "id") ?? "", Json.Text(article, "source") ?? "", actors, relations);
    }

    /// <summary>A JSON Lines file (or <c>-</c> for standard input), blank lines skipped.</summary>
    public static IEnumerable<ExtractedArticle> Read(string path)
    {
        if (path != "-" && !File.Exists(path))
        {
            throw new InvalidDataException($"{path}: no such file");
        }

        var lines = path == "-" ? ReadAll(Console.In) : File.ReadLines(path);
        var number = 0;
        foreach (var line in lines)
        {
            number++;
            if (!string.IsNullOrWhiteSpace(line))
            {
                yield return Parse($"{path}:{number}", line);
            }
        }
    }

    private static IEnumerable<string> ReadAll(TextReader reader)
    {
        while (reader.ReadLine() is { } line)
        {
            yield return line;
        }
    }
}
