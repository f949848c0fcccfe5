using System.Reflection;
using System.Reflection.Emit;
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
    // Namespaces of this assembly whose code never reads an article's text once it is read: changing them changes no
    // stored article's extraction.
    private static readonly string[] NotExtraction = ["Graph.Extraction.Reading", "Graph.Extraction.Evaluation", "Graph.Extraction.Json"];

    private static readonly Dictionary<short, OpCode> OpCodesByValue = typeof(OpCodes).GetFields(BindingFlags.Public | BindingFlags.Static)
        .Select(f => (OpCode)f.GetValue(null)!).DistinctBy(o => o.Value).ToDictionary(o => o.Value);

    /// <summary>The code's own version: a hash of what it does, so that no one has to remember to bump it.</summary>
    private static readonly Lazy<string> CodeVersion = new(() => "rules-" + CodeHash()[..8]);

    private readonly ExtractorData _data;

    /// <summary>What the stages read: for the tests that run the examples written beside the data.</summary>
    internal ExtractorData Data => _data;

    private RuleExtractor(List<(string Name, string Json)> actors, List<(string Name, string Json)> lexicon)
    {
        _data = new ExtractorData(ActorKnowledge.Load(actors), Parse(lexicon));
        Version = VersionOf(actors, lexicon);
    }

    /// <summary>
    /// A hash of the code (<c>rules-</c>, see <see cref="CodeHash"/>) and of all the data it reads (actors, lexicon, after
    /// <c>+</c>): what the same article gives changes with either, so stored articles with another version are re-extracted.
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
        hash.AppendData(Encoding.UTF8.GetBytes(WorldCities.Default.Fingerprint));
        return $"{CodeVersion.Value}+{Convert.ToHexStringLower(hash.GetHashAndReset())[..12]}";
    }

    /// <summary>
    /// A hash of the compiled code that extracts: the IL of every method of this assembly's extraction namespaces and of
    /// the domain types it fills, with each string, member and type an instruction names written out by name, not as a
    /// metadata token (tokens shift when unrelated code is added, names and literals do not). The same source gives the
    /// same hash on every machine and checkout; any change to what the code does gives another.
    /// </summary>
    private static string CodeHash()
    {
        const BindingFlags declared = BindingFlags.DeclaredOnly | BindingFlags.Public | BindingFlags.NonPublic | BindingFlags.Instance | BindingFlags.Static;
        var types = typeof(RuleExtractor).Assembly.GetTypes()
            .Where(t => t.Namespace is { } ns && ns.StartsWith("Graph.Extraction", StringComparison.Ordinal) && !NotExtraction.Any(n => ns.StartsWith(n, StringComparison.Ordinal)))
            .Concat(typeof(Relation).Assembly.GetTypes().Where(t => t.Namespace == typeof(Relation).Namespace));
        using var hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
        foreach (var type in types.OrderBy(t => t.FullName, StringComparer.Ordinal))
        {
            Append(hash, type.FullName!);
            foreach (var field in type.GetFields(declared).OrderBy(f => f.Name, StringComparer.Ordinal))
            {
                Append(hash, $"{field.FieldType} {field.Name} = {(field.IsLiteral ? field.GetRawConstantValue() : null)}");
            }

            foreach (var method in type.GetMethods(declared).Cast<MethodBase>().Concat(type.GetConstructors(declared)).OrderBy(m => m.ToString(), StringComparer.Ordinal))
            {
                Append(hash, method.ToString()!);
                if (method.GetMethodBody()?.GetILAsByteArray() is { } il)
                {
                    AppendIL(hash, method, il);
                }
            }
        }

        return Convert.ToHexStringLower(hash.GetHashAndReset());
    }

    private static void AppendIL(IncrementalHash hash, MethodBase method, byte[] il)
    {
        var module = method.Module;
        var typeArguments = method.DeclaringType is { IsGenericType: true } generic ? generic.GetGenericArguments() : null;
        var methodArguments = method.IsGenericMethod ? method.GetGenericArguments() : null;
        for (int at = 0; at < il.Length;)
        {
            short value = il[at] == 0xFE ? unchecked((short)(0xFE00 | il[at + 1])) : il[at];
            at += il[at] == 0xFE ? 2 : 1;
            var op = OpCodesByValue[value];
            Append(hash, op.Name!);
            int size = op.OperandType switch
            {
                OperandType.InlineNone => 0,
                OperandType.ShortInlineBrTarget or OperandType.ShortInlineI or OperandType.ShortInlineVar => 1,
                OperandType.InlineVar => 2,
                OperandType.InlineI8 or OperandType.InlineR => 8,
                OperandType.InlineSwitch => 4 + (4 * BitConverter.ToInt32(il, at)),
                _ => 4,
            };
            int token = size == 4 ? BitConverter.ToInt32(il, at) : 0;
            switch (op.OperandType)
            {
                case OperandType.InlineString:
                    Append(hash, module.ResolveString(token));
                    break;
                case OperandType.InlineMethod or OperandType.InlineField or OperandType.InlineType or OperandType.InlineTok:
                    var member = module.ResolveMember(token, typeArguments, methodArguments);
                    Append(hash, member is Type t ? t.ToString() : $"{member?.DeclaringType}::{member}");
                    break;
                default:
                    hash.AppendData(il, at, size);
                    break;
            }

            at += size;
        }
    }

    private static void Append(IncrementalHash hash, string text)
    {
        hash.AppendData(Encoding.UTF8.GetBytes(text));
        hash.AppendData([0]);
    }
}
