using System.Collections.Concurrent;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace Graph.Api.Runs;

/// <summary>
/// Runs started by a request that outlive it (the <c>reingest</c> mutation answers with the run's id at once). They stop
/// with the server, between two articles, and are then recorded as interrupted.
/// </summary>
public sealed partial class BackgroundRuns(ILogger<BackgroundRuns> logger) : IHostedService, IDisposable
{
    private readonly CancellationTokenSource _stopping = new();
    private readonly ConcurrentDictionary<long, Task> _running = new();

    /// <summary>How many started runs have not ended yet.</summary>
    public int Running => _running.Count;

    public void Start(long runId, Func<CancellationToken, Task> work)
    {
        _running[runId] = Task.Run(async () =>
        {
            try
            {
                await work(_stopping.Token);
            }
            catch (OperationCanceledException) when (_stopping.IsCancellationRequested)
            {
                // The server is stopping; the run records itself as interrupted.
            }
            catch (Exception e)
            {
                LogFailed(logger, e, runId);
            }
            finally
            {
                _running.TryRemove(runId, out _);
            }
        });
    }

    public Task StartAsync(CancellationToken cancellationToken) => Task.CompletedTask;

    public async Task StopAsync(CancellationToken cancellationToken)
    {
        await _stopping.CancelAsync();
        await Task.WhenAll(_running.Values).WaitAsync(cancellationToken);
    }

    public void Dispose() => _stopping.Dispose();

    [LoggerMessage(Level = LogLevel.Error, Message = "Background run {RunId} failed")]
    private static partial void LogFailed(ILogger logger, Exception exception, long runId);
}
