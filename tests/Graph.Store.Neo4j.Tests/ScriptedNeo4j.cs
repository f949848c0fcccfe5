using System.Text.Json;

namespace Graph.Store.Neo4j.Tests;

/// <summary>
/// Answers the store's statements the way a server holding nothing would (every actor asked for is new, every
/// evidence row finds its actors), unless a test overrides a statement's answer.
/// </summary>
public static class ScriptedNeo4j
{
    public static Reply Answer(Received r)
    {
        if (r.Statement is null)
        {
            return FakeNeo4j.Default(r);
        }

        if (r.Statement == Cypher.LockActors)
        {
            return Reply.Rows(["actor"], [.. r.Parameters.GetProperty("ids").EnumerateArray().Select(id => new object?[] { new { id = id.GetString() } })]);
        }

        if (r.Statement == Cypher.LockExistingActors)
        {
            return Reply.Rows(["actor"], [.. r.Parameters.GetProperty("ids").EnumerateArray().Select(id => new object?[] { new { id = id.GetString(), name = id.GetString(), kind = "country" } })]);
        }

        if (r.Statement == Cypher.UndoCorrection)
        {
            return Reply.Rows(["undone"], [1]);
        }

        if (r.Statement == Cypher.CreateEvidence || r.Statement == Cypher.MergeActors)
        {
            return Reply.Rows(["written"], [r.Parameters.GetProperty("rows").GetArrayLength()]);
        }

        if (r.Statement == Cypher.Stats)
        {
            return Reply.Rows(["articles", "actors", "relationships", "evidence"], [1, 4, 3, 4]);
        }

        if (r.Statement == Cypher.SearchActors || r.Statement == Cypher.SearchArticles || r.Statement == Cypher.SearchArticlesByWords)
        {
            return Reply.Rows(["total", "items"], [0, Array.Empty<object>()]);
        }

        if (r.Statement is Cypher.GetStrongestEvidence or Cypher.GetEvidence or Cypher.GetEvidenceOfArticle or Cypher.GetEvidenceFromSources or Cypher.GetEvidenceToTargets or Cypher.GetEvidenceOfActors)
        {
            return Reply.Recorded("evidence-rows.json");
        }

        if (r.Statement == Cypher.GetActor || r.Statement == Cypher.GetActors || r.Statement == Cypher.FindActorsByName)
        {
            return Reply.Recorded("actor-row.json");
        }

        if (LogReplies.TryGetValue(r.Statement, out var recorded))
        {
            return Reply.Recorded(recorded);
        }

        return FakeNeo4j.Default(r);
    }

    /// <summary>The ingestion log's and the claims' statements, answered as a server holding one run, two dead letters and no claim would.</summary>
    private static readonly Dictionary<string, string> LogReplies = new()
    {
        [Cypher.StartRun] = "run-started.json",
        [Cypher.GetRuns] = "runs.json",
        [Cypher.GetDeadLetters] = "dead-letters-page.json",
        [Cypher.DropDeadLetters] = "dead-letters-dropped.json",
        [Cypher.TryClaim] = "claim-taken.json",
    };

    /// <summary>The <c>$names</c> a statement uses.</summary>
    public static IReadOnlyList<string> ParameterNames(string statement) =>
        [.. System.Text.RegularExpressions.Regex.Matches(statement, @"\$([A-Za-z_][A-Za-z0-9_]*)").Select(m => m.Groups[1].Value).Distinct()];

    public static bool Has(JsonElement parameters, string name) =>
        parameters.ValueKind == JsonValueKind.Object && parameters.TryGetProperty(name, out _);
}
