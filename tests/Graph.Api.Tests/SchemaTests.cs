using System.Text.RegularExpressions;
using GraphQL;
using GraphQL.Types;
using GraphQL.Utilities;
using GraphQLParser;
using GraphQLParser.Visitors;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Configuration;

namespace Graph.Api.Tests;

public sealed partial class SchemaTests
{
    private static ISchema BuildSchema()
    {
        var services = new ServiceCollection();
        services.AddLogging();
        services.AddGraphApi(new ConfigurationBuilder().Build());
        return services.BuildServiceProvider().GetRequiredService<ISchema>();
    }

    [Fact]
    public void Schema_initialises_with_every_resolver_bound()
    {
        var schema = BuildSchema();

        Should.NotThrow(schema.Initialize);
        schema.Query.Fields.Select(f => f.Name).ShouldBe(
            ["actor", "actors", "relationships", "stance", "stanceTimeline", "supporters", "opponents", "path", "paths", "neighborhood", "articles", "article", "stats", "ingestRuns", "deadLetters"],
            ignoreOrder: true);
        schema.Mutation!.Fields.Select(f => f.Name).ShouldBe(["ingestArticle", "reingest"], ignoreOrder: true);
    }

    [Fact]
    public void Printed_schema_equals_the_repository_file_modulo_formatting()
    {
        var schema = BuildSchema();
        schema.Initialize();

        string printed = schema.Print(new PrintOptions { IncludeDescriptions = false });

        Normalise(printed).ShouldBe(Normalise(GraphSchema.Sdl));
    }

    [Fact]
    public void The_embedded_schema_is_the_repository_file()
    {
        string file = File.ReadAllText(Path.Combine(Repo.Root, "schema.graphql"));

        GraphSchema.Sdl.ReplaceLineEndings().ShouldBe(file.ReplaceLineEndings());
    }

    /// <summary>Descriptions dropped, definitions sorted, whitespace collapsed: what remains is the contract.</summary>
    private static string Normalise(string sdl)
    {
        var document = Parser.Parse(sdl, new ParserOptions { Ignore = IgnoreOptions.All });
        var definitions = document.Definitions
            .Select(d => Whitespace().Replace(Print(d), " ").Trim())
            .Where(d => !d.StartsWith("schema ", StringComparison.Ordinal) && !d.StartsWith("scalar ", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal);
        return string.Join("\n", definitions);
    }

    private static string Print(GraphQLParser.AST.ASTNode node)
    {
        var writer = new StringWriter();
        new SDLPrinter(new SDLPrinterOptions { PrintComments = false, PrintDescriptions = false }).PrintAsync(node, writer).AsTask().GetAwaiter().GetResult();
        return writer.ToString();
    }

    [GeneratedRegex(@"\s+")]
    private static partial Regex Whitespace();
}
