using System.Text.Json;

namespace Graph.Extraction.Evaluation;

/// <summary>A hand-made gold actor: any of its aliases (or its key) names it.</summary>
public sealed record GoldActor(string Key, IReadOnlyList<string> Aliases, bool Required, string? Affiliation);

/// <summary>
/// A gold relationship. <paramref name="Source"/> and <paramref name="Target"/> are actor keys joined by <c>|</c>;
/// <paramref name="Polarity"/> is <c>+ - 0 any</c> or several joined by <c>|</c>.
/// </summary>
public sealed record GoldRelation(
    string Id, string Source, string Target, string Polarity, IReadOnlyList<string> Types, bool Required, string Evidence);

/// <summary>A reading that must never appear: any relation in a sentence containing the text, or only one matching the endpoints.</summary>
public sealed record GoldForbidden(
    string SentenceContains, string Note, string? Source, string? Target, string? Polarity, IReadOnlyList<string> Types);

/// <summary>The gold of one article, named by <paramref name="Article"/> (an article id or a file name).</summary>
public sealed record GoldArticle(
    string Article,
    IReadOnlyList<GoldActor> Actors,
    IReadOnlyList<GoldRelation> Relations,
    IReadOnlyList<GoldForbidden> Forbidden,
    bool Rollup,
    bool CodePrefix);

/// <summary>Gold articles by the file name of their <c>article</c>, read as <c>../shared/eval/score.py</c> reads them.</summary>
public sealed record GoldSet(IReadOnlyDictionary<string, GoldArticle> ByArticle)
{
    /// <summary>A <c>*.gold.json</c> file, a <c>gold.jsonl</c> file, or a folder of them (not recursive).</summary>
    /// <exception cref="InvalidDataException">The path holds no gold, or a gold file is not in the format.</exception>
    public static GoldSet Load(string path)
    {
        string[] files;
        if (File.Exists(path))
        {
            files = [path];
        }
        else if (Directory.Exists(path))
        {
            files = [.. Directory.EnumerateFiles(path)
                .Where(f => Path.GetFileName(f) is var n && (n.EndsWith(".gold.json", StringComparison.Ordinal) || n.EndsWith("gold.jsonl", StringComparison.Ordinal)))
                .Order(StringComparer.Ordinal)];
            if (files.Length == 0)
            {
                throw new InvalidDataException($"{path}: no *.gold.json or gold.jsonl files in this folder");
            }
        }
        else
        {
            throw new InvalidDataException($"{path}: no such file or folder");
        }

        // Like score.py: a later entry for the same article replaces an earlier one.
        var byArticle = new Dictionary<string, GoldArticle>(StringComparer.Ordinal);
        foreach (var file in files)
        {
            foreach (var gold in Read(file))
            {
                byArticle[Names.BaseName(gold.Article)] = gold;
            }
        }

        return new GoldSet(byArticle);
    }

    private static IEnumerable<GoldArticle> Read(string file)
    {
        if (file.EndsWith(".jsonl", StringComparison.Ordinal))
        {
            var number = 0;
            foreach (var line in File.ReadLines(file))
            {
                number++;
                if (!string.IsNullOrWhiteSpace(line))
                {
                    yield return Parse($"{file}:{number}", line);
                }
            }

            yield break;
        }

        var where = file;
        using var document = Json.Parse(where, File.ReadAllText(file));
        if (document.RootElement.ValueKind == JsonValueKind.Array)
        {
            foreach (var element in document.RootElement.EnumerateArray())
            {
                yield return From(where, element);
            }
        }
        else
        {
            yield return From(where, document.RootElement);
        }
    }

    private static GoldArticle Parse(string where, string text)
    {
        using var document = Json.Parse(where, text);
        return From(where, document.RootElement);
    }

    private static GoldArticle From(string where, JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            throw new InvalidDataException($"{where}: expected a gold object");
        }

        var article = Json.Text(e, "article") ?? throw new InvalidDataException($"{where}: gold without \"article\"");
        var actors = Json.Objects(e, "actors").Select(a => new GoldActor(
            Json.Text(a, "key") ?? throw new InvalidDataException($"{where}: gold actor without \"key\""),
            Json.Texts(a, "aliases"),
            Json.Truthy(a, "required"),
            Json.Text(a, "affiliation") is { Length: > 0 } affiliation ? affiliation : null)).ToList();
        var relations = Json.Objects(e, "relations").Select(r =>
        {
            var id = Json.Text(r, "id") ?? "";
            return new GoldRelation(
                id,
                Json.Text(r, "source") ?? throw new InvalidDataException($"{where}: gold relation {id} without \"source\""),
                Json.Text(r, "target") ?? throw new InvalidDataException($"{where}: gold relation {id} without \"target\""),
                Json.Text(r, "polarity") ?? throw new InvalidDataException($"{where}: gold relation {id} without \"polarity\""),
                Json.Texts(r, "types"),
                Json.Truthy(r, "required"),
                Json.Text(r, "evidence") ?? "");
        }).ToList();
        var forbidden = Json.Objects(e, "forbidden").Select(f =>
        {
            var contains = Json.Text(f, "sentenceContains") ?? throw new InvalidDataException($"{where}: forbidden entry without \"sentenceContains\"");
            var source = Json.Text(f, "source");
            // An entry that names a source is a full reading: without target and polarity it could not be matched.
            if (source is not null && (Json.Text(f, "target") is null || Json.Text(f, "polarity") is null))
            {
                throw new InvalidDataException($"{where}: forbidden entry \"{contains}\" has a source but no target or polarity");
            }

            return new GoldForbidden(contains, Json.Text(f, "note") ?? "", source, Json.Text(f, "target"), Json.Text(f, "polarity"), Json.Texts(f, "types"));
        }).ToList();
        return new GoldArticle(article, actors, relations, forbidden, Json.Truthy(e, "rollup"), Json.Truthy(e, "codePrefix"));
    }
}
