namespace Graph.Api.Tests;

/// <summary>One host per test class, over the two seeded articles; mutations need <see cref="ApiKey"/>.</summary>
public sealed class SeededApiFixture : IAsyncLifetime
{
    public const string ApiKey = "test-key-0123456789abcdef";

    private ApiHost? _host;

    public ApiHost Host => _host ?? throw new InvalidOperationException("Not started.");

    public async ValueTask InitializeAsync() =>
        _host = await ApiHost.StartAsync(Seed.IntoAsync, new Dictionary<string, string?> { ["Graph:Api:ApiKey"] = ApiKey });

    public async ValueTask DisposeAsync()
    {
        if (_host is not null)
        {
            await _host.DisposeAsync();
        }
    }
}
