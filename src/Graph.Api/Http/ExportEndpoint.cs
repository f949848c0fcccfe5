using System.Text;
using Graph.Core;
using Graph.Core.Exports;
using Graph.Core.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Http;
using Microsoft.AspNetCore.Routing;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Api.Http;

/// <summary>
/// <c>GET /export?format=graphml&amp;actor=RUS&amp;types=SUPPORT,AID&amp;since=2019-01-01&amp;until=2019-06-30</c>:
/// what <c>graph export</c> writes, as a download, for the explorer's view and for scripts. A bad parameter is a 400
/// with the same one-line reason the command gives.
/// </summary>
public static class ExportEndpoint
{
    public static IEndpointRouteBuilder MapGraphExport(this IEndpointRouteBuilder app, string path = "/export")
    {
        app.MapMethods(path, [HttpMethods.Get], ExportAsync).WithDisplayName("Graph export");
        return app;
    }

    private static async Task ExportAsync(HttpContext context)
    {
        var query = context.Request.Query;
        var ct = context.RequestAborted;
        var store = context.RequestServices.GetRequiredService<IGraphStore>();
        IExportFormat format;
        ExportScope scope;
        try
        {
            format = ExportFormats.Find(query["format"].ToString() is { Length: > 0 } f ? f : throw new UserErrorException("format: say which, one of " + string.Join(", ", ExportFormats.All.Select(x => x.Name)) + "."));
            scope = await ExportScope.ParseAsync(store, query["since"], query["until"], query["types"], query["actor"], prefix: "", ct);
        }
        catch (UserErrorException e)
        {
            context.Response.StatusCode = StatusCodes.Status400BadRequest;
            context.Response.ContentType = "text/plain; charset=utf-8";
            await context.Response.WriteAsync(e.Message + "\n", ct);
            return;
        }

        string name = $"graph{(scope.Actor is { } a ? "-" + FileName(a.Id) : "")}.{format.Extension}";
        context.Response.ContentType = $"{format.MediaType}; charset=utf-8";
        context.Response.Headers.ContentDisposition = $"attachment; filename=\"{name}\"";
        context.Response.Headers.XContentTypeOptions = "nosniff";
        await using var writer = new StreamWriter(context.Response.Body, new UTF8Encoding(false), 1 << 16, leaveOpen: true);
        await format.WriteAsync(new GraphExport(store), scope, writer, ct);
        await writer.FlushAsync(ct);
    }

    /// <summary>An id as a plain ASCII file name: what any browser saves as it is.</summary>
    private static string FileName(string text) =>
        string.Concat(text.Select(c => char.IsAsciiLetterOrDigit(c) || c is '.' or '-' or '_' ? c : '_'));
}
