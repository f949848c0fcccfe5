using Graph.Core.Domain;
using Graph.Extraction.Analysis;

namespace Graph.Extraction;

/// <summary>
/// Reads actors, PLOVER relationships and stance from news text with a knowledge base (graph-seed/actors) and a
/// lexicon (graph-seed/lexicon), both plain JSON data. Pure and thread-safe: all per-article state lives in one
/// analysis object per call.
/// </summary>
public sealed class RuleExtractor : IExtractor
{
    private readonly ActorKnowledge _kb;
    private readonly Lexicon _lexicon;

    private RuleExtractor(ActorKnowledge kb, Lexicon lexicon)
    {
        _kb = kb;
        _lexicon = lexicon;
    }

    /// <summary>Bumped whenever the output for the same article changes, so stored relationships can be re-extracted.</summary>
    public string Version => "rules-3";

    /// <summary>The knowledge base and lexicon built into this assembly.</summary>
    public static RuleExtractor CreateDefault() =>
        new(ActorKnowledge.Load(Embedded("actors/")), Lexicon.Load(Embedded("lexicon/")));

    /// <summary>Edited copies: every <c>*.json</c> in <paramref name="actorsDir"/>, and the lexicon from <paramref name="lexiconDir"/> or the built-in one.</summary>
    public static RuleExtractor FromDirectory(string actorsDir, string? lexiconDir = null)
    {
        var kb = ActorKnowledge.Load(Files(actorsDir));
        var lexicon = Lexicon.Load(lexiconDir is null ? Embedded("lexicon/") : Files(lexiconDir));
        return new RuleExtractor(kb, lexicon);
    }

    /// <summary>
    /// A failure is not hidden: it propagates, so ingestion records the article as failed (with the reason) instead of
    /// storing it as having no relationships.
    /// </summary>
    public ArticleExtraction Extract(Article article)
    {
        ArgumentNullException.ThrowIfNull(article);
        return new ArticleAnalysis(_kb, _lexicon, article).Run();
    }

    private static List<(string, string)> Files(string dir) =>
        Directory.EnumerateFiles(dir, "*.json").Order(StringComparer.Ordinal).Select(f => (f, File.ReadAllText(f))).ToList();

    private static List<(string, string)> Embedded(string prefix)
    {
        var assembly = typeof(RuleExtractor).Assembly;
        var files = new List<(string, string)>();
        foreach (var name in assembly.GetManifestResourceNames().Where(n => n.StartsWith(prefix, StringComparison.Ordinal)).Order(StringComparer.Ordinal))
        {
            using var stream = assembly.GetManifestResourceStream(name)!;
            using var reader = new StreamReader(stream);
            files.Add((name, reader.ReadToEnd()));
        }

        return files;
    }
}
