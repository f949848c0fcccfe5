using System.Text.Json;
using System.Text.Unicode;
using Graph.Api.Validation;
using GraphQL;
using GraphQL.Types;
using GraphQLParser;
using GraphQLParser.AST;
using GraphQLParser.Exceptions;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Options;
using Microsoft.Net.Http.Headers;

namespace Graph.Api.Http;

/// <summary>
/// GraphQL over HTTP (https://graphql.github.io/graphql-over-http/draft/): POST application/json, GET for queries,
/// <c>application/graphql-response+json</c> when the client asks for it, otherwise <c>application/json</c>.
/// </summary>
internal sealed class GraphQLHttpHandler(IDocumentExecuter executer, IGraphQLTextSerializer serializer, ISchema schema, IOptions<GraphApiOptions> options)
{
    public const string GraphQLResponseJson = "application/graphql-response+json";
    public const string Json = "application/json";

    private readonly DocumentCache _documents = new();

    private sealed record Request(string Query, string? OperationName, Inputs? Variables, Inputs? Extensions);

    private sealed class BadRequestException(int status, string message) : Exception(message)
    {
        public int Status => status;
    }

    public async Task HandleAsync(HttpContext http)
    {
        string? media = Negotiate(http.Request.Headers.Accept);
        if (media is null)
        {
            await WriteErrorAsync(http, Json, StatusCodes.Status406NotAcceptable, $"Acceptable response types are {GraphQLResponseJson} and {Json}.");
            return;
        }

        bool isGet = HttpMethods.IsGet(http.Request.Method);
        if (!isGet && !HttpMethods.IsPost(http.Request.Method))
        {
            http.Response.Headers.Allow = "GET, POST";
            await WriteErrorAsync(http, media, StatusCodes.Status405MethodNotAllowed, "Use POST, or GET for queries.");
            return;
        }

        Request request;
        try
        {
            request = isGet ? ReadQueryString(http.Request.Query) : await ReadBodyAsync(http);
        }
        catch (BadRequestException e)
        {
            await WriteErrorAsync(http, media, e.Status, e.Message);
            return;
        }

        // Parsed here once (linear, depth-limited by the parser) to refuse GET mutations and oversized documents
        // before validation; a document that does not parse is left to the executer to report. A document that passed
        // the limits and the specification's rules before is taken from the cache instead.
        var cached = _documents.Get(request.Query);
        var document = cached ?? TryParse(request.Query);
        if (isGet && document is not null && IsMutation(document, request.OperationName))
        {
            http.Response.Headers.Allow = "POST";
            await WriteErrorAsync(http, media, StatusCodes.Status405MethodNotAllowed, "Mutations must be sent with POST.");
            return;
        }

        var result = cached is null && document is not null && DocumentLimits.Check(document, options.Value) is { } tooLarge
            ? new ExecutionResult { Errors = [tooLarge] }
            : await executer.ExecuteAsync(o =>
            {
                o.Schema = schema;
                o.Query = request.Query;
                o.Document = document;
                if (cached is not null)
                {
                    // The specification's rules depend on the document and schema alone, and passed; our own rules
                    // (complexity, field count, the API key for mutations) are added after this and run every time.
                    o.ValidationRules = [];
                }

                o.OperationName = request.OperationName;
                o.Variables = request.Variables;
                o.Extensions = request.Extensions;
                o.RequestServices = http.RequestServices;
                o.CancellationToken = http.RequestAborted;
                o.UserContext = new Dictionary<string, object?> { [MutationAuthorizationRule.PresentedKey] = PresentedApiKey(http.Request) };
            });

        if (cached is null && document is not null && result.Executed)
        {
            _documents.Add(request.Query, document);
        }

        // With the new media type, a request that never executed (parse, validation or variable errors) is the client's fault.
        http.Response.StatusCode = media == GraphQLResponseJson && !result.Executed ? StatusCodes.Status400BadRequest : StatusCodes.Status200OK;
        http.Response.ContentType = media + "; charset=utf-8";
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }

    /// <summary>The response type: graphql-response+json when the client ranks it at least as high as json; null if it accepts neither.</summary>
    internal static string? Negotiate(Microsoft.Extensions.Primitives.StringValues accept)
    {
        if (accept.Count == 0 || string.IsNullOrWhiteSpace(accept.ToString()))
        {
            return Json;
        }

        if (!MediaTypeHeaderValue.TryParseList(accept, out var types))
        {
            return Json;
        }

        double graphql = -1, json = -1;
        foreach (var t in types)
        {
            double q = t.Quality ?? 1;
            if (q <= 0)
            {
                continue;
            }

            if (t.MediaType.Equals(GraphQLResponseJson, StringComparison.OrdinalIgnoreCase))
            {
                graphql = Math.Max(graphql, q);
            }
            else if (t.MediaType.Equals(Json, StringComparison.OrdinalIgnoreCase) || t.MediaType.Equals("application/*", StringComparison.OrdinalIgnoreCase) || t.MediaType.Equals("*/*", StringComparison.OrdinalIgnoreCase))
            {
                json = Math.Max(json, q);
            }
        }

        return graphql >= 0 && graphql >= json ? GraphQLResponseJson : json >= 0 ? Json : null;
    }

    private static string? PresentedApiKey(HttpRequest request)
    {
        if (request.Headers.TryGetValue("X-Api-Key", out var key) && key.Count == 1)
        {
            return key.ToString();
        }

        string authorization = request.Headers.Authorization.ToString();
        return authorization.StartsWith("Bearer ", StringComparison.OrdinalIgnoreCase) ? authorization["Bearer ".Length..].Trim() : null;
    }

    private static GraphQLDocument? TryParse(string query)
    {
        try
        {
            return Parser.Parse(query);
        }
        catch (GraphQLParserException)
        {
            return null;
        }
    }

    private static bool IsMutation(GraphQLDocument document, string? operationName)
    {
        var operations = document.Definitions.OfType<GraphQLOperationDefinition>().ToList();
        var selected = operationName is null
            ? (operations.Count == 1 ? operations[0] : null)
            : operations.FirstOrDefault(o => o.Name?.StringValue == operationName);
        return selected?.Operation == OperationType.Mutation;
    }

    private Request ReadQueryString(IQueryCollection query)
    {
        if (!query.TryGetValue("query", out var text) || text.Count != 1 || string.IsNullOrEmpty(text))
        {
            throw new BadRequestException(StatusCodes.Status400BadRequest, "The `query` parameter is required (once).");
        }

        return new Request(
            text.ToString(),
            query.TryGetValue("operationName", out var name) && !string.IsNullOrEmpty(name) ? name.ToString() : null,
            ParseMapParameter(query, "variables"),
            ParseMapParameter(query, "extensions"));
    }

    private Inputs? ParseMapParameter(IQueryCollection query, string name)
    {
        if (!query.TryGetValue(name, out var value) || string.IsNullOrEmpty(value))
        {
            return null;
        }

        try
        {
            using var json = JsonDocument.Parse(value.ToString());
            return ReadMap(json.RootElement, name);
        }
        catch (JsonException)
        {
            throw new BadRequestException(StatusCodes.Status400BadRequest, $"The `{name}` parameter is not valid JSON.");
        }
    }

    private async Task<Request> ReadBodyAsync(HttpContext http)
    {
        var contentType = http.Request.ContentType;
        if (contentType is null || !MediaTypeHeaderValue.TryParse(contentType, out var type)
            || !type.MediaType.Equals(Json, StringComparison.OrdinalIgnoreCase)
            || (type.Charset.HasValue && !type.Charset.Equals("utf-8", StringComparison.OrdinalIgnoreCase)))
        {
            throw new BadRequestException(StatusCodes.Status415UnsupportedMediaType, "Send the request as application/json (UTF-8).");
        }

        long limit = options.Value.MaxRequestBytes;
        if (http.Request.ContentLength > limit)
        {
            throw new BadRequestException(StatusCodes.Status413PayloadTooLarge, $"The request body is larger than {limit} bytes.");
        }

        byte[] body = await ReadLimitedAsync(http.Request.Body, limit, http.RequestAborted)
            ?? throw new BadRequestException(StatusCodes.Status413PayloadTooLarge, $"The request body is larger than {limit} bytes.");

        // System.Text.Json only notices bad UTF-8 inside strings when they are read, so check it all first.
        if (!Utf8.IsValid(body))
        {
            throw new BadRequestException(StatusCodes.Status400BadRequest, "The request body is not valid UTF-8.");
        }

        JsonDocument json;
        try
        {
            CheckKeysAndStrings(body);
            json = JsonDocument.Parse(body);
        }
        catch (JsonException)
        {
            throw new BadRequestException(StatusCodes.Status400BadRequest, "The request body is not valid JSON.");
        }

        using (json)
        {
            var root = json.RootElement;
            if (root.ValueKind != JsonValueKind.Object)
            {
                throw new BadRequestException(StatusCodes.Status400BadRequest, "The request body must be a JSON object.");
            }

            if (!root.TryGetProperty("query", out var query) || query.ValueKind != JsonValueKind.String || string.IsNullOrEmpty(query.GetString()))
            {
                throw new BadRequestException(StatusCodes.Status400BadRequest, "The request needs a `query` string.");
            }

            string? operationName = null;
            if (root.TryGetProperty("operationName", out var op) && op.ValueKind != JsonValueKind.Null)
            {
                operationName = op.ValueKind == JsonValueKind.String
                    ? op.GetString()
                    : throw new BadRequestException(StatusCodes.Status400BadRequest, "`operationName` must be a string or null.");
            }

            return new Request(
                query.GetString()!,
                operationName,
                root.TryGetProperty("variables", out var variables) ? ReadMap(variables, "variables") : null,
                root.TryGetProperty("extensions", out var extensions) ? ReadMap(extensions, "extensions") : null);
        }
    }

    /// <summary>
    /// What JSON parsers let through and a request must not have: a key twice in one object (which one wins differs
    /// between parsers, so a proxy that checks the first <c>query</c> may pass a second one here), and a lone
    /// surrogate escape such as <c>\ud800</c>, which is valid JSON but no character, so no string can hold it.
    /// </summary>
    private static void CheckKeysAndStrings(byte[] body)
    {
        var reader = new Utf8JsonReader(body);
        var keys = new Stack<HashSet<string>>();
        while (reader.Read())
        {
            switch (reader.TokenType)
            {
                case JsonTokenType.StartObject:
                    keys.Push(new HashSet<string>(StringComparer.Ordinal));
                    break;
                case JsonTokenType.EndObject:
                    keys.Pop();
                    break;
                case JsonTokenType.PropertyName:
                    string key = Text(ref reader);
                    if (!keys.Peek().Add(key))
                    {
                        throw new BadRequestException(StatusCodes.Status400BadRequest, $"The request body has the duplicate key '{key}': each key may appear once in an object.");
                    }

                    break;
                case JsonTokenType.String:
                    Text(ref reader);
                    break;
            }
        }

        static string Text(ref Utf8JsonReader reader)
        {
            try
            {
                return reader.GetString()!;
            }
            catch (InvalidOperationException)
            {
                throw new BadRequestException(StatusCodes.Status400BadRequest, "The request body holds a lone surrogate escape (such as \\ud800), which is no character: not valid Unicode text.");
            }
        }
    }

    private Inputs? ReadMap(JsonElement element, string name) => element.ValueKind switch
    {
        JsonValueKind.Null => null,
        JsonValueKind.Object => serializer.ReadNode<Inputs>(element),
        _ => throw new BadRequestException(StatusCodes.Status400BadRequest, $"`{name}` must be a JSON object or null."),
    };

    /// <summary>The whole body, or null as soon as it passes <paramref name="limit"/> bytes.</summary>
    private static async Task<byte[]?> ReadLimitedAsync(Stream body, long limit, CancellationToken ct)
    {
        using var buffer = new MemoryStream();
        var chunk = new byte[16 * 1024];
        int read;
        while ((read = await body.ReadAsync(chunk, ct)) > 0)
        {
            if (buffer.Length + read > limit)
            {
                return null;
            }

            buffer.Write(chunk, 0, read);
        }

        return buffer.ToArray();
    }

    private async Task WriteErrorAsync(HttpContext http, string media, int status, string message)
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = media + "; charset=utf-8";
        var result = new ExecutionResult { Errors = [new ExecutionError(message) { Code = "BAD_REQUEST" }] };
        await serializer.WriteAsync(http.Response.Body, result, http.RequestAborted);
    }
}
