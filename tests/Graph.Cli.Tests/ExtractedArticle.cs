using System.Text.Json;

namespace Graph.Cli.Tests;

public sealed record ExtractedActor(string Id, string Name, string Kind, IReadOnlyList<string> Aliases);

public sealed record ExtractedRelation(string Source, string Target, string Type, int Polarity, string Sentence);

/// <summary>One line of <c>graph extract</c> output, with lookups by the names a reader would use.</summary>
public sealed record ExtractedArticle(IReadOnlyList<ExtractedActor> Actors, IReadOnlyList<ExtractedRelation> Relations)
{
    public static ExtractedArticle Parse(string line)
    {
        using var doc = JsonDocument.Parse(line);
        var actors = doc.RootElement.GetProperty("actors").EnumerateArray().Select(a => new ExtractedActor(
            a.GetProperty("id").GetString()!,
            a.GetProperty("name").GetString()!,
            a.GetProperty("kind").GetString()!,
            a.GetProperty("aliases").EnumerateArray().Select(x => x.GetString()!).ToList())).ToList();
        var relations = doc.RootElement.GetProperty("relations").EnumerateArray().Select(r => new ExtractedRelation(
            r.GetProperty("source").GetString()!,
            r.GetProperty("target").GetString()!,
            r.GetProperty("type").GetString()!,
            r.GetProperty("polarity").GetInt32(),
            r.GetProperty("sentence").GetString()!)).ToList();
        return new ExtractedArticle(actors, relations);
    }

    public ExtractedActor? Actor(string name) =>
        Actors.FirstOrDefault(a => a.Name.Equals(name, StringComparison.OrdinalIgnoreCase))
        ?? Actors.FirstOrDefault(a => a.Aliases.Contains(name, StringComparer.OrdinalIgnoreCase));

    public string? Id(string name) => Actor(name)?.Id;

    public bool Has(string source, string[] targets, string[] types, int polarity)
    {
        var targetIds = targets.Select(Id).OfType<string>().ToHashSet();
        return Relations.Any(r => r.Source == Id(source) && targetIds.Contains(r.Target) && types.Contains(r.Type) && r.Polarity == polarity);
    }

    public string Dump() => string.Join("\n", Relations.Select(r =>
        $"{Actors.First(a => a.Id == r.Source).Name} -{r.Type}({r.Polarity})-> {Actors.First(a => a.Id == r.Target).Name} :: {r.Sentence}"));
}
