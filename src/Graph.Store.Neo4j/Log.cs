using Graph.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Graph.Store.Neo4j;

internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "Neo4j graph store at {QueryUri}: schema checked ({Statements} constraints and indexes)")]
    public static partial void Initialized(ILogger logger, Uri queryUri, int statements);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Article {ArticleId} {Outcome}: {Actors} actors, {Relations} relations, {Removed} removed")]
    public static partial void Saved(ILogger logger, string articleId, SaveOutcome outcome, int actors, int relations, int removed);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Neo4j transaction {TransactionId} rolled back: {Reason}")]
    public static partial void RolledBack(ILogger logger, string transactionId, string reason);

    [LoggerMessage(Level = LogLevel.Warning, Message = "Neo4j transaction {TransactionId} could not be rolled back ({Reason}); the server drops it when it expires")]
    public static partial void RollbackFailed(ILogger logger, string transactionId, string reason);
}
