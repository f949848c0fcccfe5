using System.Text.Json;
using Graph.Cli.Hosting;
using Microsoft.AspNetCore.Builder;

namespace Graph.TestSupport;

/// <summary>The real <c>graph serve</c> host on a loopback port, over a store in a data folder seeded from a folder of articles.</summary>
public sealed class ServedGraph : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ServedGraph(WebApplication app)
    {
        _app = app;
        Http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
    }

    public HttpClient Http { get; }

    public string Url => _app.Urls.First();

    public IServiceProvider Services => _app.Services;

    public static async Task<ServedGraph> StartAsync(string dataDirectory, string seed, params (string Key, string? Value)[] settings)
    {
        var app = GraphServer.Build("http://127.0.0.1:0",
            [new("Graph:DataDirectory", dataDirectory), new("Graph:SeedPath", seed), .. settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))]);
        try
        {
            await GraphServer.StartAsync(app, TestContext.Current.CancellationToken);
            return new ServedGraph(app);
        }
        catch
        {
            await app.DisposeAsync();
            throw;
        }
    }

    /// <summary>A GraphQL query that must succeed (200, no errors): its data.</summary>
    public Task<JsonElement> QueryAsync(string query, object? variables = null) => Http.QueryAsync(query, variables);

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.DisposeAsync();
    }
}
