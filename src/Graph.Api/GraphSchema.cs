using Graph.Api.Model;
using Graph.Api.Resolvers;
using Graph.Core.Domain;
using Graph.Core.Queries;
using Graph.Core.Stances;
using Graph.Core.Storage;
using GraphQL;
using GraphQL.Types;
using GraphQL.Utilities;
using GraphQLParser.AST;

namespace Graph.Api;

/// <summary>Builds the executable schema from the embedded <c>schema.graphql</c> and the resolver classes.</summary>
public static class GraphSchema
{
    private static readonly Lazy<string> EmbeddedSdl = new(() =>
    {
        using var stream = typeof(GraphSchema).Assembly.GetManifestResourceStream("schema.graphql")
            ?? throw new InvalidOperationException("schema.graphql is not embedded in Graph.Api.");
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    });

    /// <summary>The SDL the API serves, exactly as in the repository's <c>schema.graphql</c>.</summary>
    public static string Sdl => EmbeddedSdl.Value;

    /// <summary>Factor applied to the complexity of introspection fields and everything below them.</summary>
    public const double IntrospectionImpact = 0.05;

    public static Schema Build(IServiceProvider services)
    {
        var schema = Schema.For<EnumMappingSchemaBuilder>(Sdl, b =>
    {
        b.ServiceProvider = services;
        b.Types.Include<QueryResolvers>();
        b.Types.Include<MutationResolvers>();
        b.Types.Include<ActorResolvers>();
        b.Types.Include<AffiliationResolvers>();
        b.Types.Include<RelationshipResolvers>();
        b.Types.Include<EvidenceResolvers>();
        b.Types.Include<StanceResolvers>();
        b.Types.Include<PathResolvers>();
        b.Types.Include<NeighborhoodResolvers>();
        b.Types.Include<ArticleResolvers>();
    });

        // SDL scalars only name a type; these say how Date and DateTime read and write.
        schema.RegisterType(new DateScalar());
        schema.RegisterType(new DateTimeScalar());

        // The analyzer's list multiplier prices graphql-js's full introspection query at ~620k; real introspection
        // is a few thousand nodes. Scaled down it fits the limit, while cyclic __Type.fields chains still do not.
        schema.WithIntrospectionComplexityImpact(IntrospectionImpact);
        return schema;
    }

    /// <summary>
    /// Binds each SDL enum to its C# enum (ARMED_GROUP is <see cref="ActorKind.ArmedGroup"/>), so resolvers take and
    /// return domain values; a value present on one side only fails the build of the schema, i.e. the start.
    /// </summary>
    public sealed class EnumMappingSchemaBuilder : SchemaBuilder
    {
        private static readonly Dictionary<string, Type> Enums = new()
        {
            ["ActorKind"] = typeof(ActorKind),
            ["RelationType"] = typeof(RelationType),
            ["Modality"] = typeof(Modality),
            ["StanceLabel"] = typeof(StanceLabel),
            ["Direction"] = typeof(Direction),
            ["Bucket"] = typeof(Bucket),
            ["SaveOutcome"] = typeof(SaveOutcome),
            ["IngestRunStatus"] = typeof(IngestRunStatus),
        };

        protected override EnumerationGraphType ToEnumerationType(GraphQLEnumTypeDefinition enumDef)
        {
            var type = base.ToEnumerationType(enumDef);
            if (!Enums.TryGetValue(type.Name, out var clr))
            {
                throw new InvalidOperationException($"Enum {type.Name} of schema.graphql has no C# enum bound to it.");
            }

            var mapped = new EnumerationGraphType { Name = type.Name, Description = type.Description };
            foreach (var value in type.Values)
            {
                if (!Enum.TryParse(clr, value.Name.Replace("_", "", StringComparison.Ordinal), ignoreCase: true, out var clrValue))
                {
                    throw new InvalidOperationException($"{type.Name}.{value.Name} of schema.graphql has no {clr.Name} value.");
                }

                mapped.Add(new EnumValueDefinition(value.Name, clrValue) { Description = value.Description });
            }

            var missing = Enum.GetValues(clr).Cast<object>().Where(v => mapped.Values.FindByValue(v) is null).ToList();
            return missing.Count == 0
                ? mapped
                : throw new InvalidOperationException($"{clr.Name} values missing from enum {type.Name} of schema.graphql: {string.Join(", ", missing)}.");
        }
    }
}
