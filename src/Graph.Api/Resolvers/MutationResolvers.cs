using Graph.Api.Model;
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
    private const int MaxReingest = 10_000;

    public async Task<IngestResult> IngestArticle(IResolveFieldContext context, ArticleInput input, bool? force)
    {
        if (ArticleCheck.Problem(input.Id, input.Text) is { } problem)
        {
            throw new ExecutionError($"Refused: {problem}.") { Code = ErrorCodes.BadUserInput };
        }

        var article = new Article(input.Id, input.Text, input.Title, input.Url, input.PublishedAt, input.Source);
        var result = await Ingestor(context).IngestAsync(article, force ?? false, context.CancellationToken);
        LogIngested(logger, result.ArticleId, result.Outcome, result.Relations);
        return result;
    }

    public async Task<ReingestResult> Reingest(IResolveFieldContext context, List<string>? articleIds, bool? all)
    {
        bool everything = all ?? false;
        if (everything == articleIds is { Count: > 0 })
        {
            throw new ExecutionError("Give either `articleIds` or `all: true`.") { Code = ErrorCodes.BadUserInput };
        }

        var ingestor = Ingestor(context);
        var store = context.RequestServices!.GetRequiredService<IGraphStore>();
        var ct = context.CancellationToken;
        var ids = everything ? await AllArticleIdsAsync(store, ct) : [.. articleIds!.Distinct()];
        var results = new List<IngestResult>();
        var failures = new List<ReingestFailure>();
        foreach (var id in ids)
        {
            var stored = await store.GetArticleAsync(id, ct);
            if (stored?.Text is not { } text)
            {
                failures.Add(new ReingestFailure(id, stored is null ? "No such article." : "The stored article has no text."));
                continue;
            }

            try
            {
                results.Add(await ingestor.IngestAsync(new Article(stored.Id, text, stored.Title, stored.Url, stored.PublishedAt, stored.Source), force: true, ct));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One unreadable article must not stop the rest; the details go to the log, not to the client.
                LogReingestFailed(logger, e, id);
                failures.Add(new ReingestFailure(id, "Extraction or storage failed; see the server log."));
            }
        }

        return new ReingestResult(ids.Count, results.Count, results, failures);
    }

    private static Ingestor Ingestor(IResolveFieldContext context) =>
        context.RequestServices!.GetService<Ingestor>()
        ?? throw new ExecutionError("Ingestion is not configured on this server.") { Code = ErrorCodes.Unavailable };

    private static async Task<List<string>> AllArticleIdsAsync(IGraphStore store, CancellationToken ct)
    {
        var ids = new List<string>();
        while (ids.Count < MaxReingest)
        {
            var page = await store.SearchArticlesAsync(new ArticleSearch(First: 500, Offset: ids.Count), ct);
            ids.AddRange(page.Items.Select(a => a.Id));
            if (!page.HasNextPage || page.Items.Count == 0)
            {
                break;
            }
        }

        return ids;
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Ingested article {ArticleId} via the API: {Outcome}, {Relations} relations")]
    private static partial void LogIngested(ILogger logger, string articleId, SaveOutcome outcome, int relations);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Re-ingesting article {ArticleId} failed")]
    private static partial void LogReingestFailed(ILogger logger, Exception exception, string articleId);
}
