using System.Net;
using System.Xml.Linq;
using Graph.Core.Storage;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Cli.Tests;

/// <summary><c>GET /export</c> on <c>graph serve</c>'s real host, seeded from graph-seed/articles: the download the explorer offers.</summary>
public sealed class ExportEndpointTests : IAsyncLifetime
{
    private readonly TempDir _dir = new();
    private ServedGraph? _server;

    private HttpClient Http => _server!.Http;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync() =>
        _server = await ServedGraph.StartAsync(Path.Combine(_dir.Path, "data"), Repo.SeedFolder);

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }

        _dir.Dispose();
    }

    [Fact]
    public async Task GraphML_download_of_the_store_has_every_actor_and_relationship()
    {
        var stats = await _server!.Services.GetRequiredService<IGraphStore>().GetStatsAsync(Ct);

        using var response = await Http.GetAsync(new Uri("/export?format=graphml", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentType!.MediaType.ShouldBe("application/graphml+xml");
        response.Content.Headers.ContentDisposition!.ToString().ShouldBe("attachment; filename=\"graph.graphml\"");
        var xml = XDocument.Parse(await response.Content.ReadAsStringAsync(Ct));
        GraphFiles.CheckGraphML(xml).ShouldBe(((int)stats.Actors, (int)stats.Relationships));
    }

    [Fact]
    public async Task The_view_of_one_actor_downloads_its_events_only()
    {
        using var response = await Http.GetAsync(new Uri("/export?format=csv&actor=Russia&types=SUPPORT", UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.OK);
        response.Content.Headers.ContentDisposition!.ToString().ShouldBe("attachment; filename=\"graph-RUS.csv\"");
        var lines = (await response.Content.ReadAsStringAsync(Ct)).Split("\r\n", StringSplitOptions.RemoveEmptyEntries);
        lines.Length.ShouldBeGreaterThan(1);
        lines.Skip(1).ShouldAllBe(l => l.Contains(",SUPPORT,05,", StringComparison.Ordinal) && l.Contains(",RUS,", StringComparison.Ordinal));
    }

    [Theory]
    [InlineData("format=xlsx", "format: 'xlsx' is not an export format")]
    [InlineData("", "format: say which")]
    [InlineData("format=csv&types=HUG", "types: 'HUG' is not a PLOVER type")]
    [InlineData("format=csv&since=2019-13-01", "since 2019-13-01: expected a day as YYYY-MM-DD")]
    [InlineData("format=gexf&actor=Atlantis", "actor Atlantis: no actor has that name, alias or id")]
    public async Task A_bad_parameter_is_a_400_with_the_reason(string query, string reason)
    {
        using var response = await Http.GetAsync(new Uri("/export?" + query, UriKind.Relative), Ct);

        response.StatusCode.ShouldBe(HttpStatusCode.BadRequest);
        (await response.Content.ReadAsStringAsync(Ct)).ShouldContain(reason);
        response.Content.Headers.ContentDisposition.ShouldBeNull();
    }
}
