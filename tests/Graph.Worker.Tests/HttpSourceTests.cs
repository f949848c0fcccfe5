using System.Collections.Concurrent;
using Graph.Core.Ingestion;
using Graph.Core.Storage;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace Graph.Worker.Tests;

/// <summary>RSS and URL-list sources against a real Kestrel server on 127.0.0.1 (no outside network).</summary>
public sealed class HttpSourceTests : IAsyncDisposable
{
    private const string Page = """
        <html><head><title>Russia and Turkey</title></head><body><nav>Home | World | Sport</nav>
        <article><h1>Russia condemns Turkey</h1><p>Russia condemned Turkey over the attack on Tuesday.</p>
        <p>Turkey accused Russia of lying about the strikes in Idlib.</p></article></body></html>
        """;

    private readonly ConcurrentQueue<(string Path, string UserAgent, string IfNoneMatch)> _requests = new();
    private WebApplication? _server;

    public async ValueTask DisposeAsync()
    {
        if (_server is not null)
        {
            await _server.DisposeAsync();
        }
    }

    private async Task<string> StartServerAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        _server = builder.Build();
        _server.Use(async (context, next) =>
        {
            _requests.Enqueue((context.Request.Path, context.Request.Headers.UserAgent.ToString(), context.Request.Headers.IfNoneMatch.ToString()));
            await next(context);
        });
        _server.MapGet("/feed.xml", (HttpContext c) => Conditional(c, "\"feed-1\"", "application/rss+xml", """
            <?xml version="1.0"?>
            <rss version="2.0"><channel><title>Test</title>
              <item><title>Russia condemns Turkey</title><link>/news/russia-turkey</link><pubDate>Tue, 05 Mar 2019 10:00:00 GMT</pubDate></item>
              <item><title>Gone</title><link>/news/missing</link></item>
            </channel></rss>
            """));
        _server.MapGet("/news/russia-turkey", (HttpContext c) => Conditional(c, "\"page-1\"", "text/html; charset=utf-8", Page));
        _server.MapGet("/broken-link.xml", () => Results.Text("""
            <?xml version="1.0"?>
            <rss version="2.0"><channel><title>Test</title>
              <item><title>Broken</title><link>http://[::1</link></item>
              <item><title>Russia condemns Turkey</title><link>/news/russia-turkey</link></item>
            </channel></rss>
            """, "application/rss+xml"));
        _server.MapGet("/huge", () => Results.Text(new string('x', 64 * 1024), "text/html"));
        await _server.StartAsync(TestContext.Current.CancellationToken);
        return _server.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.Single();
    }

    private static IResult Conditional(HttpContext context, string etag, string contentType, string body)
    {
        if (context.Request.Headers.IfNoneMatch.ToString() == etag)
        {
            return Results.StatusCode(StatusCodes.Status304NotModified);
        }

        context.Response.Headers.ETag = etag;
        return Results.Text(body, contentType);
    }

    [Fact]
    public async Task AFeedIsFetchedPolitelyItsPagesIngestedByUrlAndABrokenLinkGoesToTheDeadLetters()
    {
        var address = await StartServerAsync();
        await using var host = await GraphHost.StartAsync(
            ("Graph:Worker:Sources:0:Name", "test-feed"),
            ("Graph:Worker:Sources:0:Kind", "Feed"),
            ("Graph:Worker:Sources:0:Url", address + "/feed.xml"),
            ("Graph:Worker:UserAgent", "GraphWorkerTest/1.0"));
        var runner = host.Get<SourceRunner>();

        var seen = new Collect();
        var first = await runner.RunAsync("test-feed", force: false, seen, TestContext.Current.CancellationToken);

        seen.Results.Select(r => (r.ArticleId, r.Outcome)).ShouldBe([(address + "/news/russia-turkey", SaveOutcome.Added)]);
        first.Failures.Single().Origin.ShouldBe(address + "/news/missing");
        first.Failures.Single().Error.ShouldContain("404");
        var stored = await host.Get<IGraphStore>().GetArticleAsync(address + "/news/russia-turkey", TestContext.Current.CancellationToken);
        stored.ShouldNotBeNull();
        stored.Url.ShouldBe(address + "/news/russia-turkey");
        var text = stored.Text.ShouldNotBeNull();
        text.ShouldContain("Russia condemned Turkey over the attack");
        text.ShouldNotContain("Home | World | Sport");
        var dead = (await host.Log.GetDeadLettersAsync(new DeadLetterQuery(), TestContext.Current.CancellationToken)).Items;
        dead.Single().Origin.ShouldBe(address + "/news/missing");
        dead.Single().Attempts.ShouldBe(1);
        _requests.ShouldAllBe(r => r.UserAgent == "GraphWorkerTest/1.0");

        // Second run: one item is a dead letter, so the feed is fetched in full to retry it; the stored page is
        // asked for with its ETag, answers 304 and is neither downloaded nor extracted again.
        _requests.Clear();
        var second = await runner.RunAsync("test-feed", force: false, observer: null, TestContext.Current.CancellationToken);
        var feedRequest = _requests.First(r => r.Path == "/feed.xml");
        feedRequest.IfNoneMatch.ShouldBe("");
        second.Stored.ShouldBe(0);
        second.Failures.Single().Origin.ShouldBe(address + "/news/missing");
        _requests.Single(r => r.Path == "/news/russia-turkey").IfNoneMatch.ShouldBe("\"page-1\"");
        (await host.Log.GetDeadLettersAsync(new DeadLetterQuery(), TestContext.Current.CancellationToken)).Items.Single().Attempts.ShouldBe(2);
        var runs = await host.Log.GetRunsAsync(10, ct: TestContext.Current.CancellationToken);
        runs.Select(r => (r.Source, r.Added, r.Failed)).ShouldBe([("test-feed", 0, 1), ("test-feed", 1, 1)]);
        runs.ShouldAllBe(r => r.EndedAt >= r.StartedAt);
    }

    [Fact]
    public async Task AFeedItemWhoseLinkIsNoUrlIsOneBadItemAndTheValidItemsAreStored()
    {
        var address = await StartServerAsync();
        await using var host = await GraphHost.StartAsync(
            ("Graph:Worker:Sources:0:Name", "feed"),
            ("Graph:Worker:Sources:0:Kind", "Feed"),
            ("Graph:Worker:Sources:0:Url", address + "/broken-link.xml"));

        var run = await host.Get<SourceRunner>().RunAsync("feed", false, null, TestContext.Current.CancellationToken);

        run.Added.ShouldBe(1);
        var failure = run.Failures.ShouldHaveSingleItem();
        failure.Origin.ShouldBe("http://[::1");
        failure.Error.ShouldContain("not a valid URL");
        (await host.Store.GetArticleAsync(address + "/news/russia-turkey", TestContext.Current.CancellationToken)).ShouldNotBeNull();
    }

    [Fact]
    public async Task AnUnchangedFeedIsNotDownloadedAgain()
    {
        var address = await StartServerAsync();
        await using var host = await GraphHost.StartAsync(
            ("Graph:Worker:Sources:0:Name", "urls"),
            ("Graph:Worker:Sources:0:Kind", "Urls"),
            ("Graph:Worker:Sources:0:Urls:0", address + "/news/russia-turkey"));
        var runner = host.Get<SourceRunner>();
        await runner.RunAsync("urls", false, null, TestContext.Current.CancellationToken);
        _requests.Clear();

        var second = await runner.RunAsync("urls", false, null, TestContext.Current.CancellationToken);

        second.Read.ShouldBe(0);
        _requests.Single().IfNoneMatch.ShouldBe("\"page-1\"");
    }

    [Fact]
    public async Task AResponseOverTheSizeCapIsRefusedNotRead()
    {
        var address = await StartServerAsync();
        await using var host = await GraphHost.StartAsync(
            ("Graph:Worker:Sources:0:Name", "urls"),
            ("Graph:Worker:Sources:0:Kind", "Urls"),
            ("Graph:Worker:Sources:0:Urls:0", address + "/huge"),
            ("Graph:Worker:MaxResponseBytes", "4096"));

        var run = await host.Get<SourceRunner>().RunAsync("urls", false, null, TestContext.Current.CancellationToken);

        run.Stored.ShouldBe(0);
        run.Failures.Single().Error.ShouldContain("at most 4096");
        (await host.Get<IGraphStore>().GetStatsAsync(TestContext.Current.CancellationToken)).Articles.ShouldBe(0);
    }
}
