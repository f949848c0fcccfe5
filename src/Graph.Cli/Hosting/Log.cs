namespace Graph.Cli.Hosting;

internal static partial class Log
{
    [LoggerMessage(EventId = 1, Level = LogLevel.Information, Message = "Store is empty: ingesting the seed articles from {SeedPath}")]
    public static partial void SeedingStore(ILogger logger, string seedPath);

    [LoggerMessage(EventId = 2, Level = LogLevel.Warning, Message = "Store is empty and no seed articles were found (set Graph:SeedPath)")]
    public static partial void NoSeed(ILogger logger);

    [LoggerMessage(EventId = 3, Level = LogLevel.Warning, Message = "Could not ingest {Origin}: {Error}")]
    public static partial void IngestFailed(ILogger logger, string origin, string error);

    [LoggerMessage(EventId = 4, Level = LogLevel.Debug, Message = "Warm-up request failed (the first real request will be slower)")]
    public static partial void WarmUpFailed(ILogger logger, Exception error);
}
