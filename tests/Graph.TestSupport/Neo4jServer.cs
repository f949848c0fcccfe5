using DotNet.Testcontainers.Builders;
using DotNet.Testcontainers.Containers;
using Graph.Store.Neo4j;
using Graph.Store.Neo4j.Http;

namespace Graph.TestSupport;

/// <summary>
/// A Neo4j server for the behaviour suite: the one at <c>NEO4J_URI</c> (with <c>NEO4J_USER</c>, <c>NEO4J_PASSWORD</c>,
/// <c>NEO4J_DATABASE</c>; its database is WIPED by every test), else a throwaway <c>neo4j:5.26-community</c> container
/// when a Docker engine answers, else none, and every test says it was skipped and why.
/// </summary>
public sealed class Neo4jServer : IAsyncLifetime
{
    private const string Image = "neo4j:5.26-community";
    private const string ContainerPassword = "graph-test-password";
    private IContainer? _container;

    public Neo4jStoreOptions? Options { get; private set; }

    public string? SkipReason { get; private set; }

    public async ValueTask InitializeAsync()
    {
        string? uri = Environment.GetEnvironmentVariable("NEO4J_URI");
        if (!string.IsNullOrWhiteSpace(uri))
        {
            Options = Settings(HttpAddress(uri), Environment.GetEnvironmentVariable("NEO4J_USER") ?? "neo4j", Environment.GetEnvironmentVariable("NEO4J_PASSWORD") ?? "");
            Options.Database = Environment.GetEnvironmentVariable("NEO4J_DATABASE") ?? "neo4j";
        }
        else
        {
            try
            {
                _container = new ContainerBuilder(Image)
                    .WithPortBinding(7474, assignRandomHostPort: true)
                    .WithEnvironment("NEO4J_AUTH", $"neo4j/{ContainerPassword}")
                    .WithWaitStrategy(Wait.ForUnixContainer().UntilHttpRequestIsSucceeded(r => r.ForPort(7474).ForPath("/")))
                    .Build();
            }
            catch (DockerUnavailableException e)
            {
                SkipReason = $"Needs a Neo4j server, skipped: NEO4J_URI is not set and no Docker engine answers for Testcontainers ({e.Message.Split('\n')[0]})";
                return;
            }

            await _container.StartAsync(TestContext.Current.CancellationToken);
            Options = Settings(new UriBuilder("http", _container.Hostname, _container.GetMappedPublicPort(7474)).Uri.ToString(), "neo4j", ContainerPassword);
        }

        await WaitUntilAnsweringAsync(Options);
    }

    public async ValueTask DisposeAsync()
    {
        if (_container is not null)
        {
            await _container.DisposeAsync();
        }
    }

    /// <summary>Users often have the Bolt address at hand; the adapter speaks HTTP on the same host.</summary>
    private static string HttpAddress(string uri)
    {
        var parsed = new Uri(uri);
        return parsed.Scheme is "http" or "https" ? uri : new UriBuilder("http", parsed.Host, 7474).Uri.ToString();
    }

    private static Neo4jStoreOptions Settings(string uri, string user, string password) => new()
    {
        Uri = uri,
        User = user,
        Password = password,
        BatchSize = 2, // small, so the suite's articles are written in several UNWIND batches
        RetryDelay = TimeSpan.FromMilliseconds(50),
    };

    /// <summary>The HTTP root answers before the database is online: wait for a query to work.</summary>
    private static async Task WaitUntilAnsweringAsync(Neo4jStoreOptions options)
    {
        using var http = new HttpClient();
        var client = new Neo4jQueryClient(http, Microsoft.Extensions.Options.Options.Create(options));
        var deadline = DateTime.UtcNow + TimeSpan.FromSeconds(90);
        while (true)
        {
            try
            {
                await client.RunAsync("RETURN 1 AS ready", readOnly: true, ct: TestContext.Current.CancellationToken);
                return;
            }
            catch (Neo4jTransientException) when (DateTime.UtcNow < deadline)
            {
                await Task.Delay(500, TestContext.Current.CancellationToken);
            }
        }
    }
}
