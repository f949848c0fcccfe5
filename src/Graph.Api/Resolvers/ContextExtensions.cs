using Graph.Api.Loading;
using GraphQL;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Resolvers;

internal static class ContextExtensions
{
    public static RequestLoader Loader(this IResolveFieldContext context) =>
        context.RequestServices!.GetRequiredService<RequestLoader>();
}
