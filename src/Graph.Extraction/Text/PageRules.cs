using System.Buffers;
using System.Runtime.InteropServices;
using System.Text.Json;

namespace Graph.Extraction.Text;

/// <summary>
/// What the segmenter knows about pages (graph-seed/lexicon/page.json): furniture lines and blurbs, photo captions and
/// credits, abbreviations and sentence openers. Unknown keys are refused. Read-only; shared by all threads.
/// </summary>
internal sealed class PageRules
{
    private readonly List<string> _furnitureStarts = [];
    private readonly List<string> _furnitureContains = [];
    private readonly List<string> _furnitureSentences = [];
    private readonly List<string> _credits = [];
    private readonly HashSet<string> _agencies = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _abbreviations = new(StringComparer.OrdinalIgnoreCase);
    private readonly HashSet<string> _sentenceStarters = new(StringComparer.Ordinal);
    private readonly HashSet<string> _hyphenPrefixes = new(StringComparer.Ordinal);
    private int _maxContainsLength = 450;

    // The furniture sentence phrases searched for all at once: every sentence of every article is checked against them.
    private SearchValues<string> _furnitureSentenceValues = SearchValues.Create([], StringComparison.OrdinalIgnoreCase);

    public IReadOnlyList<string> Credits => _credits;

    public bool IsAgency(string word) => _agencies.Contains(word);

    /// <summary>A word a full stop after ends no sentence ("Mr", "Gen", "e.g").</summary>
    public bool IsAbbreviation(string word) => _abbreviations.Contains(word);

    /// <summary>A word that, after a dotted abbreviation ("U.S."), opens a new sentence.</summary>
    public bool IsSentenceStarter(string word) => _sentenceStarters.Contains(word);

    /// <summary>A prefix a hyphen joins to the word after it ("re" in "re-open"), given in lower case.</summary>
    public bool IsHyphenPrefix(string lower) => _hyphenPrefixes.Contains(lower);

    public bool IsFurnitureLine(ReadOnlySpan<char> line)
    {
        // Only the head of a line decides; a 50 MB line must not be copied whole.
        var lower = line[..Math.Min(line.Length, Math.Max(_maxContainsLength, 80))].ToString().ToLowerInvariant();
        foreach (var s in _furnitureStarts)
        {
            if (lower.StartsWith(s, StringComparison.Ordinal))
            {
                return true;
            }
        }

        if (line.Length <= _maxContainsLength)
        {
            foreach (var s in _furnitureContains)
            {
                if (lower.Contains(s, StringComparison.Ordinal))
                {
                    return true;
                }
            }
        }

        return false;
    }

    /// <summary>Blurbs that run inline with the article ("Join the debate – email …", "Sign up to …").</summary>
    public bool IsFurnitureSentence(string sentence) => sentence.AsSpan().ContainsAny(_furnitureSentenceValues);

    public static PageRules Read(JsonElement root)
    {
        var rules = new PageRules();
        foreach (var property in root.EnumerateObject())
        {
            switch (property.Name)
            {
                case "about":
                    break;
                case "furniture":
                    rules.ReadFurniture(property.Value);
                    break;
                case "abbreviations":
                    rules._abbreviations.UnionWith(Strings(property.Value, "words"));
                    break;
                case "sentenceStarters":
                    rules._sentenceStarters.UnionWith(Strings(property.Value, "words"));
                    break;
                case "hyphenPrefixes":
                    rules._hyphenPrefixes.UnionWith(Strings(property.Value, "words").Select(w => w.ToLowerInvariant()));
                    break;
                default:
                    throw new InvalidDataException($"page.json: unknown key '{property.Name}'");
            }
        }

        return rules;
    }

    private void ReadFurniture(JsonElement furniture)
    {
        foreach (var property in furniture.EnumerateObject())
        {
            switch (property.Name)
            {
                case "about":
                    break;
                case "starts":
                    _furnitureStarts.AddRange(Strings(furniture, property.Name).Select(s => s.ToLowerInvariant()));
                    break;
                case "contains":
                    _furnitureContains.AddRange(Strings(furniture, property.Name).Select(s => s.ToLowerInvariant()));
                    break;
                case "sentenceContains":
                    _furnitureSentences.AddRange(Strings(furniture, property.Name).Select(s => s.ToLowerInvariant()));
                    _furnitureSentenceValues = SearchValues.Create(CollectionsMarshal.AsSpan(_furnitureSentences), StringComparison.OrdinalIgnoreCase);
                    break;
                case "agencies":
                    _agencies.UnionWith(Strings(furniture, property.Name));
                    break;
                case "credits":
                    _credits.AddRange(Strings(furniture, property.Name));
                    break;
                case "maxContainsLength":
                    _maxContainsLength = property.Value.TryGetInt32(out int max) && max > 0
                        ? max : throw new InvalidDataException("page.json: furniture.maxContainsLength must be a positive whole number");
                    break;
                default:
                    throw new InvalidDataException($"page.json: unknown key 'furniture.{property.Name}'");
            }
        }
    }

    private static IEnumerable<string> Strings(JsonElement obj, string property) =>
        obj.TryGetProperty(property, out var value) && value.ValueKind == JsonValueKind.Array
            ? value.EnumerateArray().Select(e => e.GetString() is { Length: > 0 } s ? s : throw new InvalidDataException($"page.json: an empty word in '{property}'"))
            : throw new InvalidDataException($"page.json: '{property}' must be a list of words");
}
