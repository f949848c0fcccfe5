using Graph.Api.Loading;
using Graph.Api.Model;
using Graph.Core.Domain;
using Graph.Core.Queries;
using GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Resolvers;

internal static class ContextExtensions
{
    public static RequestLoader Loader(this IResolveFieldContext context) =>
        context.RequestServices!.GetRequiredService<RequestLoader>();

    /// <summary>The graph questions, answered in Core: resolvers only bind arguments and results.</summary>
    public static GraphQueryService Queries(this IResolveFieldContext context) =>
        context.RequestServices!.GetRequiredService<GraphQueryService>();

    /// <summary>An actor by id, name or alias, or a NOT_FOUND error that names the argument.</summary>
    public static async Task<Actor> RequireActorAsync(this IResolveFieldContext context, string reference, string argument) =>
        await context.Queries().FindActorAsync(reference, context.CancellationToken)
        ?? throw new ExecutionError($"No actor with id, name or alias '{reference}' (argument `{argument}`).") { Code = ErrorCodes.NotFound };
}
