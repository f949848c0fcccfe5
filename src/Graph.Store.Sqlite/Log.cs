using Graph.Core.Storage;
using Microsoft.Extensions.Logging;

namespace Graph.Store.Sqlite;

internal static partial class Log
{
    [LoggerMessage(Level = LogLevel.Information, Message = "SQLite graph store at {Path}, schema version {Version}")]
    public static partial void Opened(ILogger logger, string path, long version);

    [LoggerMessage(Level = LogLevel.Information, Message = "SQLite graph store schema migrated from version {From} to {To}")]
    public static partial void Migrated(ILogger logger, long from, long to);

    [LoggerMessage(Level = LogLevel.Debug, Message = "Article {ArticleId} {Outcome}: {Actors} actors, {Relations} relations, {Removed} removed")]
    public static partial void Saved(ILogger logger, string articleId, SaveOutcome outcome, int actors, int relations, int removed);
}
