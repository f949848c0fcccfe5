using System.Text.Encodings.Web;
using Graph.Api.Http;
using Graph.Api.Loading;
using Graph.Api.Resolvers;
using Graph.Api.Runs;
using Graph.Api.Validation;
using Graph.Core.Queries;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Types;
using GraphQL.Validation;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace Graph.Api;

public static partial class GraphApiExtensions
{
    /// <summary>
    /// Registers the GraphQL schema, executer, serializer and <see cref="GraphApiOptions"/> (section <c>Graph:Api</c>,
    /// validated at start). The host registers <c>IGraphStore</c> and, for mutations, <c>ArticleIngestion</c> and <c>Reingestion</c>.
    /// </summary>
    public static IServiceCollection AddGraphApi(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddOptions<GraphApiOptions>()
            .Bind(configuration.GetSection(GraphApiOptions.SectionName))
            .ValidateOnStart();
        services.AddSingleton<IValidateOptions<GraphApiOptions>, GraphApiOptionsValidator>();

        services.AddSingleton<QueryResolvers>();
        services.AddSingleton<MutationResolvers>();
        services.AddSingleton<ActorResolvers>();
        services.AddSingleton<AffiliationResolvers>();
        services.AddSingleton<RelationshipResolvers>();
        services.AddSingleton<EvidenceResolvers>();
        services.AddSingleton<StanceResolvers>();
        services.AddSingleton<PathResolvers>();
        services.AddSingleton<NeighborhoodResolvers>();
        services.AddSingleton<ArticleResolvers>();
        services.AddScoped<RequestLoader>();
        services.AddSingleton<GraphQueryService>();
        services.AddSingleton<BackgroundRuns>();
        services.AddHostedService(sp => sp.GetRequiredService<BackgroundRuns>());
        services.AddSingleton<GraphQLHttpHandler>();

        services.AddGraphQL(b => b
            .AddSchema(GraphSchema.Build)
            .AddSystemTextJson(json => json.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping) // served as JSON, never embedded in HTML
            .AddComplexityAnalyzer((c, sp) =>
            {
                var o = sp.GetRequiredService<IOptions<GraphApiOptions>>().Value;
                c.MaxComplexity = o.MaxComplexity;

                // Depth is checked here rather than by c.MaxDepth: tools' standard introspection query nests ofType seven
                // times (depth 13), so introspection alone may go a little deeper, still bounded since __Type.fields cycles.
                c.ValidateComplexityDelegate = ctx =>
                {
                    int limit = IsIntrospectionOnly(ctx.ValidationContext.Operation) ? Math.Max(o.MaxDepth, IntrospectionMaxDepth) : o.MaxDepth;
                    if (ctx.Error is null && ctx.MaxDepth > limit)
                    {
                        ctx.Error = new ValidationError($"Query is too nested to execute. Maximum depth is {ctx.MaxDepth} levels; maximum allowed on this endpoint is {limit}.") { Code = "COMPLEXITY" };
                    }

                    return Task.CompletedTask;
                };
            })
            .AddValidationRule<FieldCountRule>()
            .AddValidationRule<MutationAuthorizationRule>()
            .AddErrorInfoProvider((e, sp) => e.ExposeExceptionDetails = sp.GetRequiredService<IOptions<GraphApiOptions>>().Value.ExposeExceptions)
            .ConfigureExecutionOptions(o =>
            {
                var api = o.RequestServices!.GetRequiredService<IOptions<GraphApiOptions>>().Value;
                o.Timeout = api.Timeout;
                o.TimeoutAction = TimeoutAction.ReturnTimeoutError;
            })
            .AddUnhandledExceptionHandler(ctx =>
            {
                if (ctx.OriginalException is GraphQLMaxDepthExceededException)
                {
                    // A hostile document, not a server fault: say what is wrong and do not log it as an error.
                    ctx.ErrorMessage = "The document is nested too deeply to parse.";
                    return;
                }

                var logger = ctx.Context?.RequestServices?.GetService<ILoggerFactory>()?.CreateLogger("Graph.Api");
                if (logger is not null)
                {
                    LogResolverFailed(logger, ctx.OriginalException, ctx.FieldContext?.FieldDefinition.Name ?? "(document)");
                }
            }));
        return services;
    }

    /// <summary>
    /// Serves GraphQL over HTTP at <paramref name="path"/> (POST, and GET for queries). Initialises the schema here, so a
    /// mismatch between <c>schema.graphql</c> and the resolvers stops the host at start rather than on the first request.
    /// </summary>
    public static IEndpointRouteBuilder MapGraphApi(this IEndpointRouteBuilder app, string path = "/graphql")
    {
        app.ServiceProvider.GetRequiredService<ISchema>().Initialize();
        var handler = app.ServiceProvider.GetRequiredService<GraphQLHttpHandler>();
        app.Map(path, handler.HandleAsync);
        return app;
    }

    /// <summary>Depth allowed to operations that only introspect (graphql-js's full introspection query is 13 deep).</summary>
    public const int IntrospectionMaxDepth = 15;

    private static bool IsIntrospectionOnly(GraphQLOperationDefinition operation) =>
        operation.SelectionSet.Selections.All(s => s is GraphQLField f && f.Name.StringValue.StartsWith("__", StringComparison.Ordinal));

    [LoggerMessage(Level = LogLevel.Error, Message = "Resolver of field {Field} failed")]
    private static partial void LogResolverFailed(ILogger logger, Exception exception, string field);

    private sealed class GraphApiOptionsValidator : IValidateOptions<GraphApiOptions>
    {
        public ValidateOptionsResult Validate(string? name, GraphApiOptions options)
        {
            var problems = options.Problems().ToList();
            return problems.Count == 0 ? ValidateOptionsResult.Success : ValidateOptionsResult.Fail(problems);
        }
    }
}
