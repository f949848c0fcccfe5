using System.Text.Json;

namespace Graph.Core.Stances;

/// <summary>
/// How a stance weighs its evidence (<c>graph-seed/stances.json</c>, built in): the prior every stance is shrunk by,
/// what a further sentence of the same article counts for, and the label thresholds on the shrunk score.
/// </summary>
public sealed record StancePolicy(double Prior, double SameArticleWeight, double Ally, double Supportive, double Critical, double Hostile)
{
    private static readonly Lazy<StancePolicy> BuiltIn = new(() =>
    {
        using var stream = typeof(StancePolicy).Assembly.GetManifestResourceStream("stances.json")
            ?? throw new InvalidOperationException("stances.json is not embedded in Graph.Core.");
        return Read(stream);
    });

    /// <summary>The policy of <c>graph-seed/stances.json</c>.</summary>
    public static StancePolicy Default => BuiltIn.Value;

    /// <summary>Reads and checks a policy; a value out of range fails with the reason instead of skewing every stance.</summary>
    public static StancePolicy Read(Stream json)
    {
        using var doc = JsonDocument.Parse(json);
        var root = doc.RootElement;

        // A misspelt key would otherwise leave its default in force without a word.
        string[] known = ["about", "prior", "sameArticleWeight", "labels"];
        var unknown = root.EnumerateObject().Select(p => p.Name).Where(name => !known.Contains(name)).ToList();
        if (unknown.Count > 0)
        {
            throw new InvalidDataException($"stances.json: unknown key '{unknown[0]}' (known: {string.Join(", ", known)})");
        }

        var labels = root.GetProperty("labels");
        var policy = new StancePolicy(
            root.GetProperty("prior").GetDouble(),
            root.GetProperty("sameArticleWeight").GetDouble(),
            labels.GetProperty("ally").GetDouble(),
            labels.GetProperty("supportive").GetDouble(),
            labels.GetProperty("critical").GetDouble(),
            labels.GetProperty("hostile").GetDouble());
        return policy.Problem() is { } problem ? throw new InvalidDataException($"stances.json: {problem}") : policy;
    }

    private string? Problem() =>
        Prior <= 0 ? $"'prior' must be above 0 (is {Prior})"
        : SameArticleWeight is < 0 or > 1 ? $"'sameArticleWeight' must be within 0..1 (is {SameArticleWeight})"
        : !(Hostile < Critical && Critical <= 0 && 0 <= Supportive && Supportive < Ally && Ally <= 1 && Hostile >= -1)
            ? "'labels' must run -1 <= hostile < critical <= 0 <= supportive < ally <= 1"
        : null;
}
