using Graph.Api.Model;
using Graph.Api.Runs;
using Graph.Core.Domain;
using Graph.Core.Ingestion;
using Graph.Core.Storage;
using GraphQL;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Graph.Api.Resolvers;

/// <summary>The <c>ArticleInput</c> input.</summary>
public sealed class ArticleInput
{
    public string Id { get; set; } = "";
    public string Text { get; set; } = "";
    public string? Title { get; set; }
    public string? Url { get; set; }
    public DateTimeOffset? PublishedAt { get; set; }
    public string? Source { get; set; }
}

/// <summary>
/// Fields of <c>Mutation</c>. Only reached with a valid API key: <see cref="Validation.MutationAuthorizationRule"/>
/// refuses the whole document before anything runs.
/// </summary>
[GraphQLMetadata("Mutation")]
public sealed partial class MutationResolvers(ILogger<MutationResolvers> logger)
{
    /// <summary>One article through the ingestion use case: claimed, checked, extracted, saved and recorded as a run of its own.</summary>
    public async Task<IngestResult> IngestArticle(IResolveFieldContext context, ArticleInput input, bool? force)
    {
        if (ArticleCheck.Problem(input.Id, input.Text) is { } problem)
        {
            throw new ExecutionError($"Refused: {problem}.") { Code = ErrorCodes.BadUserInput };
        }

        var ingestion = Required<ArticleIngestion>(context);
        var article = new Article(input.Id, input.Text, input.Title, input.Url, input.PublishedAt, input.Source);
        var result = new LastResult();
        var summary = await ingestion.RunAsync(
            new IngestRequest("api", "api") { Force = force ?? false }, One(IngestItem.Ok($"api:{article.Id}", article)), result, context.CancellationToken);
        if (result.Value is { } stored)
        {
            LogIngested(logger, stored.ArticleId, stored.Outcome, stored.Relations);
            return stored;
        }

        throw summary.Failures is [var failure, ..]
            ? new ExecutionError($"The article could not be ingested: {failure.Error}") { Code = ErrorCodes.IngestFailed }
            : new ExecutionError("Another worker is ingesting this article right now; ask again in a moment.") { Code = ErrorCodes.Unavailable };
    }

    /// <summary>Starts a run that extracts stored articles again and answers with it at once; <c>ingestRuns</c> follows it.</summary>
    public async Task<IngestRunView> Reingest(IResolveFieldContext context, List<string>? articleIds, bool? all)
    {
        bool everything = all ?? false;
        if (everything == articleIds is { Count: > 0 })
        {
            throw new ExecutionError("Give either `articleIds` or `all: true`.") { Code = ErrorCodes.BadUserInput };
        }

        var reingestion = Required<Reingestion>(context);
        var runs = Required<BackgroundRuns>(context);
        var request = new ReingestRequest(All: everything, ArticleIds: everything ? null : articleIds);
        var started = await reingestion.StartAsync(request, context.CancellationToken);
        runs.Start(started.Id, ct => reingestion.RunAsync(started, request, observer: null, ct));
        LogReingestStarted(logger, started.Id);
        return new IngestRunView(new IngestRun(started.Id, started.Request.Source, started.Request.Kind, started.StartedAt, null, 0, 0, 0, 0, 0, 0, null), []);
    }

    private static T Required<T>(IResolveFieldContext context)
        where T : notnull =>
        context.RequestServices!.GetService<T>()
        ?? throw new ExecutionError("Ingestion is not configured on this server.") { Code = ErrorCodes.Unavailable };

    private static async IAsyncEnumerable<IngestItem> One(IngestItem item)
    {
        await Task.CompletedTask;
        yield return item;
    }

    /// <summary>Keeps the one result of a single-article run.</summary>
    private sealed class LastResult : IIngestObserver
    {
        public IngestResult? Value { get; private set; }

        public ValueTask OnResultAsync(IngestResult result, CancellationToken ct)
        {
            Value = result;
            return ValueTask.CompletedTask;
        }

        public ValueTask OnFailureAsync(IngestFailure failure, CancellationToken ct) => ValueTask.CompletedTask;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingested article {ArticleId} via the API: {Outcome}, {Relations} relations")]
    private static partial void LogIngested(ILogger logger, string articleId, SaveOutcome outcome, int relations);

    [LoggerMessage(Level = LogLevel.Information, Message = "Re-extraction run {RunId} started via the API")]
    private static partial void LogReingestStarted(ILogger logger, long runId);
}
