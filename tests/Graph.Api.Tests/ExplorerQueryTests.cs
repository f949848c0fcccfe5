using System.Text.Json;
using System.Text.RegularExpressions;

namespace Graph.Api.Tests;

/// <summary>
/// The queries the web explorer sends, read from its own source (src/Graph.Web/src/api.ts) with the variables it sends:
/// they must keep validating and answering as the schema evolves. A query added to the explorer fails here until its
/// variables are listed.
/// </summary>
public sealed partial class ExplorerQueryTests(SeededApiFixture fixture) : IClassFixture<SeededApiFixture>
{
    /// <summary>What the explorer sends with each query, by operation name (the unnamed overview as "overview").</summary>
    private static readonly Dictionary<string, string> Variables = new()
    {
        ["Search"] = """{"search":"rus","first":8}""",
        ["Actor"] = """{"id":"Russia","name":"Russia"}""",
        ["Neighborhood"] = """{"actor":"RUS","depth":3,"limit":300,"types":null,"since":null,"until":null,"totals":true}""",
        ["Range"] = """{"actor":"RUS","depth":1,"limit":50}""",
        ["Stance"] = """{"from":"RUS","to":"bashar-al-assad","since":null,"until":null,"bucket":"WEEK","affiliates":true,"first":50}""",
        ["MoreEvidence"] = """{"from":"RUS","to":"bashar-al-assad","since":null,"until":null,"affiliates":false,"first":50,"after":null}""",
        ["Sides"] = """{"of":"bashar-al-assad","minEvidence":2,"since":null,"until":null,"first":15}""",
        ["Path"] = """{"from":"vladimir-putin","to":"USA","maxHops":6,"first":10}""",
        ["Article"] = """{"id":"us-talks"}""",
        ["Articles"] = """{"search":"russia","first":30,"after":null}""",
        ["overview"] = "{}",
    };

    public static TheoryData<string> Queries => [.. ExplorerSource.Queries().Keys];

    [Fact]
    public void Every_query_of_the_explorer_is_found_and_has_its_variables()
    {
        var queries = ExplorerSource.Queries();

        queries.Keys.ShouldBe(Variables.Keys, ignoreOrder: true);
        queries.Values.ShouldAllBe(q => !q.Contains("${", StringComparison.Ordinal), "every interpolated fragment is resolved");
    }

    [Theory]
    [MemberData(nameof(Queries))]
    public async Task Explorer_query_answers_without_errors(string name)
    {
        var query = ExplorerSource.Queries()[name];
        var response = await fixture.Host.PostAsync(query, JsonDocument.Parse(Variables[name]).RootElement, "application/graphql-response+json, application/json");

        response.Status.ShouldBe(200, name);
        response.ContentType.ShouldBe("application/graphql-response+json; charset=utf-8");
        response.Errors.ShouldBeNull($"{name}: {response}");
        response.Data.AsObject().Count.ShouldBeGreaterThan(0);
    }

    /// <summary>The explorer's GraphQL documents: each template literal handed to <c>gql</c>, its <c>${CONSTANT}</c>s filled in.</summary>
    private static partial class ExplorerSource
    {
        public static Dictionary<string, string> Queries()
        {
            var source = File.ReadAllText(Repo.File("src", "Graph.Web", "src", "api.ts"));
            var constants = new Dictionary<string, string>();
            foreach (Match m in Constant().Matches(source))
            {
                constants[m.Groups["name"].Value] = Fill(m.Groups["value"].Value, constants);
            }

            return Document().Matches(source)
                .Select(m => Fill(m.Groups["query"].Value, constants))
                .ToDictionary(q => Name().Match(q) is { Success: true } n ? n.Groups[1].Value : "overview");
        }

        private static string Fill(string text, Dictionary<string, string> constants) =>
            Interpolation().Replace(text, m => constants.TryGetValue(m.Groups[1].Value, out var value) ? value : m.Value);

        [GeneratedRegex(@"^const (?<name>[A-Z_]+) = (['`])(?<value>[\s\S]*?)\1;", RegexOptions.Multiline)]
        private static partial Regex Constant();

        [GeneratedRegex(@"gql<[^\n]*?>\(\s*`(?<query>[\s\S]*?)`")]
        private static partial Regex Document();

        [GeneratedRegex(@"\$\{([A-Z_]+)\}")]
        private static partial Regex Interpolation();

        [GeneratedRegex(@"^\s*query\s+(\w+)")]
        private static partial Regex Name();
    }
}
