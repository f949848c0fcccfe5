using System.Net.Http.Json;
using System.Text.Json;
using Graph.Cli.Hosting;
using Microsoft.AspNetCore.Builder;

// One browser and one server at a time: the machine has two cores and the drawing time is printed.
[assembly: CollectionBehavior(CollectionBehavior.CollectionPerAssembly)]

namespace Graph.Web.Tests;

/// <summary>The real <c>graph serve</c> host on a loopback port, over a temp store filled from <paramref name="seed"/>.</summary>
public abstract class Server(string? seed) : IAsyncLifetime
{
    private readonly string _dir = Directory.CreateTempSubdirectory("graph-web-test-").FullName;
    private WebApplication? _app;

    public string Url { get; private set; } = "";

    public bool Available => _app is not null;

    public async ValueTask InitializeAsync()
    {
        if (seed is null || !Path.Exists(seed))
        {
            return;
        }

        _app = GraphServer.Build("http://127.0.0.1:0", [new("Graph:DataDirectory", Path.Combine(_dir, "data")), new("Graph:SeedPath", seed)]);
        await GraphServer.StartAsync(_app, CancellationToken.None);
        Url = _app.Urls.First();
    }

    public async ValueTask DisposeAsync()
    {
        if (_app is not null)
        {
            await _app.DisposeAsync();
        }

        Directory.Delete(_dir, recursive: true);
        GC.SuppressFinalize(this);
    }

    public async Task<JsonElement> QueryAsync(string query)
    {
        using var http = new HttpClient { BaseAddress = new Uri(Url) };
        using var response = await http.PostAsJsonAsync("/graphql", new { query }, TestContext.Current.CancellationToken);
        var body = await response.Content.ReadFromJsonAsync<JsonElement>(TestContext.Current.CancellationToken);
        body.TryGetProperty("errors", out var errors).ShouldBeFalse(errors.ToString());
        return body.GetProperty("data");
    }
}

/// <summary>Seeded like a first <c>graph serve</c>: the repository's graph-seed/articles.</summary>
public sealed class SeedServer() : Server(Path.Combine(Repo.Root, "graph-seed", "articles"));

/// <summary>The full Guardian corpus of the shared folder, when this machine has it.</summary>
public sealed class CorpusServer() : Server(Corpus)
{
    public static string Corpus => Path.GetFullPath(Path.Combine(Repo.Root, "..", "shared", "corpus", "guardian-syria-2019.jsonl"));
}

/// <summary>Files of the checkout, found from the test binaries.</summary>
public static class Repo
{
    public static string Root { get; } = FindRoot();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Graph.sln")))
            {
                return dir.FullName;
            }
        }

        // Built outside the checkout (GRAPH_ARTIFACTS): the sources still know where they are.
        return Path.GetFullPath(Path.Combine(ThisFile(), "..", "..", ".."));
    }

    private static string ThisFile([System.Runtime.CompilerServices.CallerFilePath] string path = "") => path;
}
