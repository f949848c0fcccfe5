using GraphQLParser;
using GraphQLParser.AST;

namespace Graph.Api.Tests;

/// <summary>What clients discover over HTTP is what <c>schema.graphql</c> declares: every type, field, argument and enum value.</summary>
public sealed class IntrospectionTests(SeededApiFixture fixture) : IClassFixture<SeededApiFixture>
{
    [Fact]
    public async Task Introspection_serves_exactly_the_types_and_fields_of_the_schema_file()
    {
        var file = Parser.Parse(File.ReadAllText(Path.Combine(SourcePaths.RepositoryRoot, "schema.graphql")));
        var expected = file.Definitions.OfType<GraphQLTypeDefinition>().ToDictionary(d => d.Name.StringValue, Members);

        var response = await fixture.Host.PostAsync("""
            { __schema { types { name
                fields { name args { name } }
                inputFields { name }
                enumValues { name } } } }
            """);

        response.Errors.ShouldBeNull(response.ToString());
        var served = response.Data["__schema"]!["types"]!.AsArray()
            .Where(t => !t!["name"]!.GetValue<string>().StartsWith("__", StringComparison.Ordinal))
            .ToDictionary(t => t!["name"]!.GetValue<string>(), t =>
                (t!["fields"]?.AsArray().Select(f => f!["name"] + "(" + string.Join(",", f["args"]!.AsArray().Select(a => a!["name"]!.GetValue<string>())) + ")") ?? [])
                .Concat(t["inputFields"]?.AsArray().Select(f => f!["name"]!.GetValue<string>()) ?? [])
                .Concat(t["enumValues"]?.AsArray().Select(v => v!["name"]!.GetValue<string>()) ?? [])
                .Order(StringComparer.Ordinal).ToList());

        foreach (var (name, members) in expected)
        {
            served.ShouldContainKey(name);
            served[name].ShouldBe(members, $"members of {name}");
        }

        served.Keys.Except(expected.Keys).ShouldBe(["String", "Int", "Float", "Boolean", "ID"], ignoreOrder: true);
    }

    private static List<string> Members(GraphQLTypeDefinition definition) => definition switch
    {
        GraphQLObjectTypeDefinition o => [.. o.Fields!.Select(f => f.Name.StringValue + "(" + string.Join(",", f.Arguments?.Select(a => a.Name.StringValue) ?? []) + ")").Order(StringComparer.Ordinal)],
        GraphQLInputObjectTypeDefinition i => [.. i.Fields!.Select(f => f.Name.StringValue).Order(StringComparer.Ordinal)],
        GraphQLEnumTypeDefinition e => [.. e.Values!.Select(v => v.Name.StringValue).Order(StringComparer.Ordinal)],
        _ => [],
    };
}
