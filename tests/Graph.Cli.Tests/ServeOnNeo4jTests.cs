using System.Text.Json.Nodes;
using Graph.Cli.Hosting;
using Graph.Core.Ingestion;
using Graph.Extraction.Reading;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Graph.Cli.Tests;

/// <summary>
/// docker compose's first start: <c>graph serve</c> on <c>Graph:Store=Neo4j</c> finds the graph empty and seeds it through
/// the store port, one committed transaction per seed article. No Neo4j runs here, so a stand-in speaks the HTTP
/// Query API on loopback: it answers like an empty server (no rows, every evidence row written) and counts what was
/// committed. What the Cypher does on a real server is the Neo4j behaviour suite's business (Graph.Store.Tests).
/// </summary>
public sealed class ServeOnNeo4jTests : IAsyncLifetime
{
    private readonly TempDir _dir = new();
    private readonly FakeQueryApi _neo4j = new();

    public ValueTask InitializeAsync() => new(_neo4j.StartAsync());

    public async ValueTask DisposeAsync()
    {
        await _neo4j.DisposeAsync();
        _dir.Dispose();
    }

    [Fact]
    public async Task The_first_start_seeds_an_empty_graph_one_transaction_per_article_and_a_second_start_writes_nothing()
    {
        var ct = TestContext.Current.CancellationToken;
        var seed = new List<string>();
        await foreach (var read in new ArticleReader().ReadAsync(Repo.SeedFolder, ct))
        {
            seed.Add(read.Article!.Id);
        }

        await using (var app = Build())
        {
            await GraphServer.PrepareStoreAsync(app, ct);

            _neo4j.Statements.ShouldContain(s => s.StartsWith("CREATE CONSTRAINT", StringComparison.Ordinal), "the schema is created first");
            _neo4j.CommittedArticles.ShouldBe(seed, ignoreOrder: true);
            var run = (await app.Services.GetRequiredService<IIngestLog>().GetRunsAsync(5, ct: ct)).ShouldHaveSingleItem();
            (run.Source, run.Added, run.Failed).ShouldBe(("seed", seed.Count, 0));
        }

        int requests = _neo4j.Statements.Count;
        await using (var again = Build())
        {
            await GraphServer.PrepareStoreAsync(again, ct);
        }

        _neo4j.CommittedArticles.Count.ShouldBe(seed.Count, "a graph that holds articles is not seeded again");
        _neo4j.Statements.Skip(requests).ShouldAllBe(s => !s.Contains("MERGE", StringComparison.Ordinal));
    }

    [Fact]
    public async Task Readyz_says_whether_the_store_answers_while_healthz_only_says_the_process_does()
    {
        var ct = TestContext.Current.CancellationToken;
        await using var app = Build(retries: 0);
        await app.StartAsync(ct);
        using var http = new HttpClient { BaseAddress = new Uri(app.Urls.First()) };

        var readyWhileUp = await http.GetAsync("/readyz", ct);
        await _neo4j.DisposeAsync();
        var readyWhileDown = await http.GetAsync("/readyz", ct);
        var aliveWhileDown = await http.GetAsync("/healthz", ct);

        readyWhileUp.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
        readyWhileDown.StatusCode.ShouldBe(System.Net.HttpStatusCode.ServiceUnavailable);
        aliveWhileDown.StatusCode.ShouldBe(System.Net.HttpStatusCode.OK);
    }

    private WebApplication Build(int retries = 5) => GraphServer.Build("http://127.0.0.1:0",
    [
        new("Graph:Store", "Neo4j"),
        new("Graph:Neo4j:Uri", _neo4j.Address),
        new("Graph:Neo4j:Password", "secret"),
        new("Graph:Neo4j:MaxRetryAttempts", retries.ToString(System.Globalization.CultureInfo.InvariantCulture)),
        new("Graph:DataDirectory", Path.Combine(_dir.Path, "data")),
        new("Graph:SeedPath", Repo.SeedFolder),
    ]);

    /// <summary>Neo4j's HTTP Query API as an empty, healthy server answers it, keeping the articles of committed transactions.</summary>
    private sealed class FakeQueryApi : IAsyncDisposable
    {
        private readonly Lock _lock = new();
        private readonly List<string> _statements = [];
        private readonly Dictionary<string, List<string>> _open = [];
        private readonly List<string> _committed = [];
        private readonly List<JsonObject> _runs = [];
        private WebApplication? _app;
        private int _transactions;

        public string Address { get; private set; } = "";

        public IReadOnlyList<string> Statements
        {
            get
            {
                lock (_lock)
                {
                    return [.. _statements];
                }
            }
        }

        public IReadOnlyList<string> CommittedArticles
        {
            get
            {
                lock (_lock)
                {
                    return [.. _committed];
                }
            }
        }

        public async Task StartAsync()
        {
            var builder = WebApplication.CreateSlimBuilder();
            builder.WebHost.UseUrls("http://127.0.0.1:0");
            builder.Logging.ClearProviders();
            _app = builder.Build();
            _app.MapPost("/db/{db}/query/v2", async (HttpRequest r) => Results.Json(Answer(await StatementAsync(r), null), statusCode: 202));
            _app.MapPost("/db/{db}/query/v2/tx", () =>
            {
                string id = $"tx-{Interlocked.Increment(ref _transactions)}";
                lock (_lock)
                {
                    _open[id] = [];
                }

                return Results.Json(new { data = new { fields = Array.Empty<string>(), values = Array.Empty<object>() }, transaction = new { id, expires = "2099-01-01T00:00:00Z" } }, statusCode: 202);
            });
            _app.MapPost("/db/{db}/query/v2/tx/{id}", async (string id, HttpRequest r) => Results.Json(Answer(await StatementAsync(r), id), statusCode: 202));
            _app.MapPost("/db/{db}/query/v2/tx/{id}/commit", (string id) =>
            {
                lock (_lock)
                {
                    _committed.AddRange(_open[id]);
                    _open.Remove(id);
                }

                return Results.Json(new { bookmarks = new[] { "FB:test" } }, statusCode: 202);
            });
            _app.MapDelete("/db/{db}/query/v2/tx/{id}", (string id) =>
            {
                lock (_lock)
                {
                    _open.Remove(id);
                }

                return Results.Json(new { });
            });
            await _app.StartAsync();
            Address = _app.Urls.First();
        }

        private static async Task<JsonObject> StatementAsync(HttpRequest request) =>
            (await JsonNode.ParseAsync(request.Body))!.AsObject();

        /// <summary>
        /// No rows, except what the store checks (how many evidence rows were written, and the counts) and what the
        /// ingestion log keeps in the graph (its runs, a claim granted to whoever asks).
        /// </summary>
        private object Answer(JsonObject body, string? transaction)
        {
            string statement = body["statement"]!.GetValue<string>();
            var parameters = body["parameters"] as JsonObject;
            lock (_lock)
            {
                _statements.Add(statement);
                if (statement.Contains("MERGE (c:IngestCounter", StringComparison.Ordinal))
                {
                    var run = new JsonObject { ["id"] = _runs.Count + 1, ["source"] = parameters!["source"]!.GetValue<string>(), ["kind"] = parameters["kind"]!.GetValue<string>(), ["startedAt"] = parameters["at"]!.GetValue<string>() };
                    _runs.Add(run);
                    return Rows(["id"], [_runs.Count]);
                }

                if (statement.Contains("SET r += $counts", StringComparison.Ordinal))
                {
                    var run = _runs[parameters!["id"]!.GetValue<int>() - 1];
                    foreach (var (name, value) in parameters["counts"]!.AsObject())
                    {
                        run[name] = value!.DeepClone();
                    }

                    if (parameters["ended"]!.GetValue<bool>())
                    {
                        run["endedAt"] = parameters["now"]!.GetValue<string>();
                    }

                    return Rows([]);
                }

                if (statement.Contains("AS run", StringComparison.Ordinal))
                {
                    return Rows(["run"], [.. _runs.AsEnumerable().Reverse().Select(r => new object[] { r.DeepClone() })]);
                }

                if (statement.Contains("MERGE (c:Claim", StringComparison.Ordinal))
                {
                    return Rows(["claimed", "owner"], [true, parameters!["owner"]!.GetValue<string>()]);
                }

                if (statement.Contains("AS total, found", StringComparison.Ordinal) && statement.Contains("DeadLetter", StringComparison.Ordinal))
                {
                    return Rows(["total", "items"], [0, Array.Empty<object>()]);
                }

                // The article write is the one that sets its content hash.
                if (transaction is not null && parameters?["props"]?["contentHash"] is not null)
                {
                    _open[transaction].Add(parameters["id"]!.GetValue<string>());
                }

                if (statement.Contains(" AS written", StringComparison.Ordinal))
                {
                    return Rows(["written"], [parameters!["rows"]!.AsArray().Count]);
                }

                if (statement.Contains(" AS articles", StringComparison.Ordinal))
                {
                    return Rows(["articles", "actors", "relationships", "evidence"], [_committed.Count, 0, 0, 0]);
                }
            }

            return Rows([]);
        }

        private static object Rows(string[] fields, params object[][] values) => new { data = new { fields, values } };

        /// <summary>Stops answering (a server gone); safe to call again.</summary>
        public async ValueTask DisposeAsync()
        {
            if (_app is not null)
            {
                await _app.DisposeAsync();
                _app = null;
            }
        }
    }
}
