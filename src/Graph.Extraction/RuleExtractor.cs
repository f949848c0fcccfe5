using System.Security.Cryptography;
using System.Text;
using System.Text.Json;
using Graph.Core.Domain;
using Graph.Extraction.Analysis;
using Graph.Extraction.Pipeline;
using Graph.Extraction.Words;

namespace Graph.Extraction;

/// <summary>
/// Reads actors, PLOVER relationships and stance from news text with a knowledge base (graph-seed/actors) and a
/// lexicon (graph-seed/lexicon), both plain JSON data. Pure and thread-safe: all per-article state lives in one
/// analysis object per call.
/// </summary>
public sealed class RuleExtractor : IExtractor
{
    // The code's own version: bump it when a change to the C# changes what the same article and data give.
    private const string CodeVersion = "rules-4";

    private readonly ExtractorData _data;

    /// <summary>What the stages read: for the tests that run the examples written beside the data.</summary>
    internal ExtractorData Data => _data;

    private RuleExtractor(List<(string Name, string Json)> actors, List<(string Name, string Json)> lexicon)
    {
        _data = new ExtractorData(ActorKnowledge.Load(actors), Parse(lexicon));
        Version = VersionOf(actors, lexicon);
    }

    /// <summary>
    /// The code's version and a hash of all the data it reads (actors, lexicon): what the same article gives changes
    /// with either, so stored articles with another version are re-extracted.
    /// </summary>
    public string Version { get; }

    /// <summary>The knowledge base and lexicon built into this assembly.</summary>
    public static RuleExtractor CreateDefault() => new(Embedded("actors/"), Embedded("lexicon/"));

    /// <summary>
    /// Edited copies: every <c>*.json</c> in <paramref name="actorsDir"/> (the built-in knowledge base when null), and the
    /// lexicon from <paramref name="lexiconDir"/> (the built-in one when null).
    /// </summary>
    public static RuleExtractor FromDirectory(string? actorsDir, string? lexiconDir = null) =>
        new(actorsDir is null ? Embedded("actors/") : Files(actorsDir), lexiconDir is null ? Embedded("lexicon/") : Files(lexiconDir));

    /// <summary>
    /// Reads one article. Pure: the same article and data give the same result. A failure here is a bug or data the
    /// extractor cannot handle, and the caller records it as a failed article, never as one with no relationships.
    /// </summary>
    public ArticleExtraction Extract(Article article)
    {
        ArgumentNullException.ThrowIfNull(article);
        return new ArticleAnalysis(_data, article).Run();
    }

    /// <summary>A trace of each stage on each sentence, for whoever edits the lexicon: why a reading was or was not made.</summary>
    public string Explain(Article article)
    {
        ArgumentNullException.ThrowIfNull(article);
        return Explanation.Of(_data, article);
    }

    // Every *.json under the folder, named by its path relative to it with '/' ("words/closed-class.json").
    private static List<(string, string)> Files(string dir) =>
        Directory.EnumerateFiles(dir, "*.json", SearchOption.AllDirectories)
            .Select(f => (Path.GetRelativePath(dir, f).Replace(Path.DirectorySeparatorChar, '/'), File.ReadAllText(f)))
            .OrderBy(f => f.Item1, StringComparer.Ordinal)
            .ToList();

    private static List<(string, string)> Embedded(string prefix)
    {
        var assembly = typeof(RuleExtractor).Assembly;
        var files = new List<(string, string)>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            files.Add((name[prefix.Length..], reader.ReadToEnd()));
        }

        return files;
    }

    private static Dictionary<string, JsonElement> Parse(List<(string Name, string Json)> files)
    {
        var parsed = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var (name, json) in files)
        {
            try
            {
                using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
                parsed[name] = doc.RootElement.Clone();
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"Lexicon file {name} is not valid JSON: {e.Message}", e);
            }
        }

        return parsed;
    }

    private static string VersionOf(List<(string Name, string Json)> actors, List<(string Name, string Json)> lexicon)
    {
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var (name, json) in actors.Select(a => ("actors/" + a.Name, a.Json)).Concat(lexicon.Select(l => ("lexicon/" + l.Name, l.Json))))
        {
            hash.AppendData(Encoding.UTF8.GetBytes(name));
            hash.AppendData([0]);
            hash.AppendData(Encoding.UTF8.GetBytes(json.ReplaceLineEndings("\n")));
            hash.AppendData([0]);
        }

        hash.AppendData(Encoding.UTF8.GetBytes(EnglishWords.Default.Fingerprint));
        return $"{CodeVersion}+{Convert.ToHexStringLower(hash.GetHashAndReset())[..12]}";
    }
}
