using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;
using Graph.Api;
using Graph.Core.Storage;
using Graph.Store.Sqlite;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Graph.TestSupport;

/// <summary>
/// A real Kestrel host on 127.0.0.1 (random port) serving the GraphQL API alone: over a store of its own in a temp
/// directory (<see cref="StartAsync"/>), or over a store the test made (<see cref="ServeAsync"/>).
/// </summary>
public sealed class ApiHost : IAsyncDisposable
{
    private readonly WebApplication _app;
    private readonly string? _dataDirectory;

    private ApiHost(WebApplication app, string? dataDirectory, IGraphStore store, Uri endpoint)
    {
        _app = app;
        _dataDirectory = dataDirectory;
        Store = store;
        Endpoint = endpoint;
        Client = new HttpClient { Timeout = TimeSpan.FromMinutes(2) };
    }

    /// <summary>The store as the API sees it (decorated, when the test decorates it).</summary>
    public IGraphStore Store { get; }

    public Uri Endpoint { get; }

    public HttpClient Client { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<ApiHost> StartAsync(
        Func<IGraphStore, Task>? seed = null,
        IDictionary<string, string?>? settings = null,
        Func<IGraphStore, IGraphStore>? decorate = null,
        Action<IServiceCollection>? services = null)
    {
        string dir = Path.Combine(Path.GetTempPath(), "graph-api-tests", Guid.NewGuid().ToString("N"));
        Directory.CreateDirectory(dir);
        var store = new SqliteGraphStore(new SqliteStoreOptions { DataDirectory = dir }, TimeProvider.System);
        await store.InitializeAsync();
        if (seed is not null)
        {
            await seed(store);
        }

        return await HostAsync(decorate?.Invoke(store) ?? store, dir, settings, services);
    }

    /// <summary>The API over <paramref name="store"/>, which the test keeps; <paramref name="settings"/> override the API's limits.</summary>
    public static Task<ApiHost> ServeAsync(IGraphStore store, IDictionary<string, string?>? settings = null) =>
        HostAsync(store, null, settings, null);

    private static async Task<ApiHost> HostAsync(IGraphStore served, string? dir, IDictionary<string, string?>? settings, Action<IServiceCollection>? services)
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        builder.Logging.ClearProviders();
        builder.Configuration.AddInMemoryCollection(settings ?? new Dictionary<string, string?>());
        builder.Services.AddSingleton(served);
        builder.Services.AddGraphApi(builder.Configuration);
        services?.Invoke(builder.Services);
        var app = builder.Build();
        app.MapGraphApi();
        await app.StartAsync();
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
        return new ApiHost(app, dir, served, new Uri(address + "/graphql"));
    }

    /// <summary>The <c>data</c> of a request that must answer 200 without errors.</summary>
    public async Task<JsonNode> DataAsync(string query, object? variables = null)
    {
        var response = await PostAsync(query, variables);
        response.Status.ShouldBe(200, response.ToString());
        response.Errors.ShouldBeNull(response.ToString());
        return response.Data;
    }

    /// <summary>POSTs a GraphQL request as JSON.</summary>
    public Task<Response> PostAsync(string query, object? variables = null, string? accept = null, IDictionary<string, string>? headers = null, string? operationName = null)
    {
        var body = new JsonObject { ["query"] = query };
        if (variables is not null)
        {
            body["variables"] = JsonSerializer.SerializeToNode(variables);
        }

        if (operationName is not null)
        {
            body["operationName"] = operationName;
        }

        return SendRawAsync(HttpMethod.Post, Endpoint, Encoding.UTF8.GetBytes(body.ToJsonString()), "application/json", accept, headers);
    }

    public async Task<Response> SendRawAsync(HttpMethod method, Uri uri, byte[]? body, string? contentType, string? accept = null, IDictionary<string, string>? headers = null)
    {
        using var request = new HttpRequestMessage(method, uri);
        if (body is not null)
        {
            request.Content = new ByteArrayContent(body);
            if (contentType is not null)
            {
                request.Content.Headers.ContentType = MediaTypeHeaderValue.Parse(contentType);
            }
        }

        if (accept is not null)
        {
            request.Headers.TryAddWithoutValidation("Accept", accept);
        }

        foreach (var (name, value) in headers ?? new Dictionary<string, string>())
        {
            request.Headers.TryAddWithoutValidation(name, value);
        }

        using var response = await Client.SendAsync(request, TestContext.Current.CancellationToken);
        string text = await response.Content.ReadAsStringAsync(TestContext.Current.CancellationToken);
        return new Response((int)response.StatusCode, response.Content.Headers.ContentType?.ToString(), response.Content.Headers.Allow.ToList(), text);
    }

    public async ValueTask DisposeAsync()
    {
        Client.Dispose();
        await _app.StopAsync();
        await _app.DisposeAsync();
        if (_dataDirectory is null)
        {
            return;
        }

        (Store as IDisposable)?.Dispose();
        try
        {
            Directory.Delete(_dataDirectory, recursive: true);
        }
        catch (IOException)
        {
            // SQLite may still hold the file for a moment on some platforms; a temp directory is fine to leave.
        }
    }
}

public sealed record Response(int Status, string? ContentType, IReadOnlyList<string> Allow, string Body)
{
    public JsonNode Json => JsonNode.Parse(Body) ?? throw new InvalidOperationException("Empty body.");

    public JsonNode Data => Json["data"] ?? throw new InvalidOperationException($"No data in {Body}");

    public JsonArray? Errors => Json["errors"]?.AsArray();

    public string? FirstErrorCode => Errors?[0]?["extensions"]?["code"]?.GetValue<string>();

    public string? FirstErrorMessage => Errors?[0]?["message"]?.GetValue<string>();

    public override string ToString() => $"{Status} {ContentType}: {Body}";
}
