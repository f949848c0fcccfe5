using System.Text.Encodings.Web;
using Graph.Api.Http;
using Graph.Api.Loading;
using Graph.Api.Resolvers;
using Graph.Api.Validation;
using GraphQL;
using GraphQL.Execution;
using GraphQL.Types;
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
    /// validated at start). The host registers <c>IGraphStore</c> and, for mutations, <c>Ingestor</c>.
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
        services.AddSingleton<ArticleResolvers>();
        services.AddScoped<RequestLoader>();
        services.AddSingleton<GraphQLHttpHandler>();

        services.AddGraphQL(b => b
            .AddSchema(GraphSchema.Build)
            .AddSystemTextJson(json => json.Encoder = JavaScriptEncoder.UnsafeRelaxedJsonEscaping) // served as JSON, never embedded in HTML
            .AddComplexityAnalyzer((c, sp) =>
            {
                var o = sp.GetRequiredService<IOptions<GraphApiOptions>>().Value;
                c.MaxDepth = o.MaxDepth;
                c.MaxComplexity = o.MaxComplexity;
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
