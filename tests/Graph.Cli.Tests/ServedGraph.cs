using Graph.Cli.Hosting;
using Microsoft.AspNetCore.Builder;

namespace Graph.Cli.Tests;

/// <summary>The real <c>graph serve</c> host on a loopback port, over a store in a data folder seeded from a folder of articles.</summary>
internal sealed class ServedGraph : IAsyncDisposable
{
    private readonly WebApplication _app;

    private ServedGraph(WebApplication app)
    {
        _app = app;
        Http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };
    }

    public HttpClient Http { get; }

    public IServiceProvider Services => _app.Services;

    public static async Task<ServedGraph> StartAsync(string dataDirectory, string seed)
    {
        var app = GraphServer.Build("http://127.0.0.1:0", [new("Graph:DataDirectory", dataDirectory), new("Graph:SeedPath", seed)]);
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

    public async ValueTask DisposeAsync()
    {
        Http.Dispose();
        await _app.DisposeAsync();
    }
}
