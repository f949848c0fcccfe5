using Graph.Core.Storage;
using Microsoft.AspNetCore.Diagnostics.HealthChecks;
using Microsoft.Extensions.Diagnostics.HealthChecks;

namespace Graph.Cli.Hosting;

/// <summary>
/// <c>/healthz</c> (the process answers) and <c>/readyz</c> (the store answers a read), for <c>serve</c> and <c>worker</c>
/// alike: what an orchestrator's liveness and readiness probes ask.
/// </summary>
public static class Health
{
    private const string Ready = "ready";

    public static IServiceCollection AddGraphHealth(this IServiceCollection services)
    {
        services.AddHealthChecks().AddCheck<StoreCheck>("store", tags: [Ready]);
        return services;
    }

    public static IEndpointRouteBuilder MapGraphHealth(this IEndpointRouteBuilder app)
    {
        app.MapHealthChecks("/healthz", new HealthCheckOptions { Predicate = _ => false });
        app.MapHealthChecks("/readyz", new HealthCheckOptions { Predicate = c => c.Tags.Contains(Ready) });
        return app;
    }

    /// <summary>One indexed read: the store is reachable and its schema in place. Its error is kept out of the answer.</summary>
    private sealed class StoreCheck(IGraphStore store) : IHealthCheck
    {
        public async Task<HealthCheckResult> CheckHealthAsync(HealthCheckContext context, CancellationToken cancellationToken = default)
        {
            using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
            timeout.CancelAfter(TimeSpan.FromSeconds(5));
            try
            {
                await store.InitializeAsync(timeout.Token);
                await store.GetActorAsync("readyz", timeout.Token);
                return HealthCheckResult.Healthy("the store answers");
            }
            catch (Exception e) when (e is not OperationCanceledException || !cancellationToken.IsCancellationRequested)
            {
                return HealthCheckResult.Unhealthy("the store does not answer", e);
            }
        }
    }
}
