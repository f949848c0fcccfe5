using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.AspNetCore.StaticFiles;
using Microsoft.Extensions.FileProviders;
using Microsoft.Net.Http.Headers;

namespace Graph.Web;

/// <summary>
/// Serves the web explorer at <c>/</c> and GraphiQL at <c>/graphiql</c> (and at <c>/graphql</c> to a browser), both
/// from files embedded at build time.
/// </summary>
public static class GraphExplorerExtensions
{
    // The explorer may only talk to its own origin: nothing is fetched from the internet at run time.
    private const string ExplorerPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; connect-src 'self'; " +
        "frame-ancestors 'self'; base-uri 'self'; form-action 'self'";

    // GraphiQL's UMD build evaluates code and injects styles at run time, so its page gets a looser policy, still same-origin.
    private const string GraphiQLPolicy =
        "default-src 'self'; script-src 'self' 'unsafe-inline' 'unsafe-eval'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; " +
        "font-src 'self' data:; connect-src 'self'; worker-src 'self' blob:; frame-ancestors 'self'";

    /// <summary>
    /// Maps the explorer's files, its client-side routes (any other GET that is not a file gets index.html, so shared
    /// URLs reload) and GraphiQL. Call after the GraphQL endpoint is mapped.
    /// </summary>
    public static IEndpointRouteBuilder MapGraphExplorer(this WebApplication app)
    {
        ArgumentNullException.ThrowIfNull(app);
        var files = ExplorerFiles.Provider;
        app.UseStaticFiles(new StaticFileOptions
        {
            FileProvider = files,
            ContentTypeProvider = new FileExtensionContentTypeProvider(),
            OnPrepareResponse = context =>
            {
                var headers = context.Context.Response.Headers;
                headers.XContentTypeOptions = "nosniff";
                // Vite puts a content hash in every asset name, so those never change; the rest is revalidated.
                headers.CacheControl = context.Context.Request.Path.StartsWithSegments("/assets", StringComparison.Ordinal)
                    ? "public, max-age=31536000, immutable"
                    : "no-cache";
            },
        });

        string[] read = [HttpMethods.Get, HttpMethods.Head];
        app.MapMethods("/graphiql", read, context => SendAsync(context, files, "graphiql/index.html", GraphiQLPolicy));

        // A browser opening the endpoint itself gets GraphiQL there; any request with a query, or from a client that
        // prefers JSON, goes on to the GraphQL-over-HTTP handler untouched. Runs after routing, before the endpoint.
        app.Use((context, next) => IsBrowserVisitToEndpoint(context.Request)
            ? SendAsync(context, files, "graphiql/index.html", GraphiQLPolicy)
            : next(context));

        // The client-side routes: their ids and names may hold dots ("seed.txt", "U.S."), which the file-shy fallback below would skip.
        foreach (var route in (string[])["/actor/{**rest}", "/stance/{**rest}", "/path/{**rest}", "/article/{**rest}"])
        {
            app.MapMethods(route, read, context => SendAsync(context, files, "index.html", ExplorerPolicy)).WithDisplayName("Graph explorer " + route);
        }

        // Any other page-like GET (no file extension) is the explorer too, so unknown views say so in the page.
        app.MapFallback(context => IsPage(context.Request)
                ? SendAsync(context, files, "index.html", ExplorerPolicy)
                : NotFound(context))
            .WithDisplayName("Graph explorer");
        return app;
    }

    /// <summary>GET or HEAD of <c>/graphql</c> without a query, from a client that ranks text/html at least as high as JSON.</summary>
    internal static bool IsBrowserVisitToEndpoint(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && request.Path.Equals("/graphql", StringComparison.OrdinalIgnoreCase)
        && !request.Query.ContainsKey("query")
        && PrefersHtml(request.Headers.Accept);

    private static bool PrefersHtml(Microsoft.Extensions.Primitives.StringValues accept)
    {
        if (!MediaTypeHeaderValue.TryParseList(accept, out var types))
        {
            return false;
        }

        // Only named types count: */* says nothing about HTML, and a JSON client never names text/html.
        double html = 0, json = 0;
        foreach (var t in types)
        {
            double q = t.Quality ?? 1;
            if (t.MediaType.Equals("text/html", StringComparison.OrdinalIgnoreCase))
            {
                html = Math.Max(html, q);
            }
            else if (t.MediaType.Equals("application/json", StringComparison.OrdinalIgnoreCase)
                || t.MediaType.Equals("application/graphql-response+json", StringComparison.OrdinalIgnoreCase))
            {
                json = Math.Max(json, q);
            }
        }

        return html > 0 && html >= json;
    }

    private static bool IsPage(HttpRequest request) =>
        (HttpMethods.IsGet(request.Method) || HttpMethods.IsHead(request.Method))
        && !request.Path.StartsWithSegments("/graphql", StringComparison.OrdinalIgnoreCase)
        && !request.Path.StartsWithSegments("/assets", StringComparison.Ordinal);

    private static Task NotFound(HttpContext context)
    {
        context.Response.StatusCode = StatusCodes.Status404NotFound;
        return Task.CompletedTask;
    }

    private static async Task SendAsync(HttpContext context, IFileProvider files, string path, string policy)
    {
        var file = files.GetFileInfo(path);
        if (!file.Exists)
        {
            await NotFound(context);
            return;
        }

        var response = context.Response;
        response.ContentType = "text/html; charset=utf-8";
        response.ContentLength = file.Length;
        response.Headers.CacheControl = "no-cache";
        response.Headers.XContentTypeOptions = "nosniff";
        response.Headers.ContentSecurityPolicy = policy;
        response.Headers["Referrer-Policy"] = "same-origin";
        if (HttpMethods.IsHead(context.Request.Method))
        {
            return;
        }

        await using var stream = file.CreateReadStream();
        await stream.CopyToAsync(response.Body, context.RequestAborted);
    }
}

/// <summary>The built explorer as embedded in this assembly.</summary>
public static class ExplorerFiles
{
    public static IFileProvider Provider { get; } = new ManifestEmbeddedFileProvider(typeof(ExplorerFiles).Assembly, "explorer");
}
