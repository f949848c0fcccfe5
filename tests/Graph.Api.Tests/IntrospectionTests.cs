using GraphQLParser;
using GraphQLParser.AST;

namespace Graph.Api.Tests;

/// <summary>What clients discover over HTTP is what <c>schema.graphql</c> declares: every type, field, argument and enum value.</summary>
public sealed class IntrospectionTests(SeededApiFixture fixture) : IClassFixture<SeededApiFixture>
{
    [Fact]
    public async Task Introspection_serves_exactly_the_types_and_fields_of_the_schema_file()
    {
        var file = Parser.Parse(File.ReadAllText(Path.Combine(Repo.Root, "schema.graphql")));
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

/// <summary>Tools (GraphiQL, codegen) send graphql-js's full introspection query: the limits must let it through.</summary>
public sealed class FullIntrospectionTests(SeededApiFixture fixture) : IClassFixture<SeededApiFixture>
{
    // graphql-js getIntrospectionQuery() with its defaults: seven levels of ofType.
    private const string Query = """
        query IntrospectionQuery {
          __schema {
            queryType { name } mutationType { name } subscriptionType { name }
            types { ...FullType }
            directives { name description locations args { ...InputValue } }
          }
        }
        fragment FullType on __Type {
          kind name description
          fields(includeDeprecated: true) { name description args { ...InputValue } type { ...TypeRef } isDeprecated deprecationReason }
          inputFields { ...InputValue }
          interfaces { ...TypeRef }
          enumValues(includeDeprecated: true) { name description isDeprecated deprecationReason }
          possibleTypes { ...TypeRef }
        }
        fragment InputValue on __InputValue { name description type { ...TypeRef } defaultValue }
        fragment TypeRef on __Type {
          kind name
          ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name ofType { kind name } } } } } } }
        }
        """;

    [Fact]
    public async Task The_graphiql_introspection_query_passes_the_limits()
    {
        var response = await fixture.Host.PostAsync(Query);

        response.Errors.ShouldBeNull(response.ToString());
        response.Data["__schema"]!["queryType"]!["name"]!.GetValue<string>().ShouldBe("Query");
    }

    [Fact]
    public async Task Cyclic_introspection_is_refused_as_too_complex()
    {
        // __Type.fields.type.fields... cycles through the schema: each level multiplies the work.
        string query = "{ __schema { types { " + string.Concat(Enumerable.Repeat("fields { type { ", 7)) + "name" + string.Concat(Enumerable.Repeat(" } }", 7)) + " } } }";

        var response = await fixture.Host.PostAsync(query);

        response.FirstErrorCode.ShouldBe("COMPLEXITY");
        response.FirstErrorMessage!.ShouldStartWith("Query is too complex to execute.");
    }

    [Fact]
    public async Task Introspection_deeper_than_fifteen_levels_is_refused()
    {
        string query = """{ __type(name: "Query") { """ + string.Concat(Enumerable.Repeat("ofType { ", 15)) + "name" + string.Concat(Enumerable.Repeat(" }", 15)) + " } }";

        var response = await fixture.Host.PostAsync(query);

        response.FirstErrorCode.ShouldBe("COMPLEXITY");
        response.FirstErrorMessage.ShouldBe("Query is too nested to execute. Maximum depth is 17 levels; maximum allowed on this endpoint is 15.");
    }
}
