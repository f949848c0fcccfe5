using Graph.Store.Neo4j.Http;
using Microsoft.Extensions.Logging;
using Polly;
using Polly.CircuitBreaker;
using Polly.Retry;
using Polly.Timeout;

namespace Graph.Store.Neo4j;

/// <summary>
/// The Polly pipeline every unit of work (one read, or one article's whole transaction) runs through:
/// retry with jittered exponential backoff, then a circuit breaker, then a per-attempt timeout.
/// Retrying the whole unit, not single HTTP calls, is what keeps a transaction all-or-nothing: a
/// transaction that met an error is gone on the server, so only starting again from the begin is correct.
/// </summary>
public static partial class Neo4jResilience
{
    /// <summary>Transient server errors, connection failures, 502/503/504 (all <see cref="Neo4jTransientException"/>) and attempt timeouts.</summary>
    public static bool IsTransient(Exception e) => e is Neo4jTransientException or TimeoutRejectedException;

    public static ResiliencePipeline Create(Neo4jStoreOptions options, TimeProvider time, ILogger logger)
    {
        var shouldHandle = new PredicateBuilder().Handle<Exception>(IsTransient);
        var builder = new ResiliencePipelineBuilder { TimeProvider = time };
        if (options.MaxRetryAttempts > 0)
        {
            builder.AddRetry(new RetryStrategyOptions
            {
                ShouldHandle = shouldHandle,
                MaxRetryAttempts = options.MaxRetryAttempts,
                BackoffType = DelayBackoffType.Exponential,
                UseJitter = true,
                Delay = options.RetryDelay,
                MaxDelay = TimeSpan.FromSeconds(15),
                OnRetry = args =>
                {
                    LogRetry(logger, args.AttemptNumber + 1, options.MaxRetryAttempts, args.RetryDelay.TotalMilliseconds, args.Outcome.Exception?.Message);
                    return default;
                },
            });
        }

        return builder
            .AddCircuitBreaker(new CircuitBreakerStrategyOptions
            {
                ShouldHandle = shouldHandle,
                FailureRatio = 0.5,
                MinimumThroughput = options.CircuitBreakerMinimumThroughput,
                SamplingDuration = TimeSpan.FromSeconds(30),
                BreakDuration = options.BreakDuration,
                OnOpened = args =>
                {
                    LogOpened(logger, args.BreakDuration.TotalSeconds, args.Outcome.Exception?.Message);
                    return default;
                },
                OnClosed = _ =>
                {
                    LogClosed(logger);
                    return default;
                },
            })
            .AddTimeout(options.Timeout)
            .Build();
    }

    // Debug: a retry that succeeds is no news, and one that fails for good ends in an error of its own, in one line.
    [LoggerMessage(Level = LogLevel.Debug, Message = "Neo4j: transient failure, retry {Attempt} of {MaxAttempts} in {DelayMs:F0} ms: {Reason}")]
    private static partial void LogRetry(ILogger logger, int attempt, int maxAttempts, double delayMs, string? reason);

    [LoggerMessage(Level = LogLevel.Error, Message = "Neo4j: circuit opened for {Seconds:F0} s after repeated failures; calls fail at once until then. Last error: {Reason}")]
    private static partial void LogOpened(ILogger logger, double seconds, string? reason);

    [LoggerMessage(Level = LogLevel.Information, Message = "Neo4j: circuit closed, the server answers again")]
    private static partial void LogClosed(ILogger logger);
}
