using Graph.Core;
using Graph.Store.Neo4j.Http;
using Microsoft.Extensions.Options;
using Polly;

namespace Graph.Cli.Hosting;

/// <summary>What the user is told, in one line, for the failures that are theirs to fix; null for a bug.</summary>
internal static class UserErrors
{
    public sealed record Problem(string Message, int ExitCode);

    public static Problem? Describe(Exception e) => e switch
    {
        OptionsValidationException v => new($"invalid configuration: {string.Join(" ", v.Failures)}", 2),
        UserErrorException or Neo4jException or ExecutionRejectedException => new(e.Message, 1),
        // The file system said no (a folder that vanished, no permission, a port already taken): the message names it.
        IOException or UnauthorizedAccessException or HttpRequestException => new(Innermost(e).Message, 1),
        AggregateException { InnerExceptions: [var only] } => Describe(only),
        _ => null,
    };

    /// <summary>Kestrel wraps "address already in use" in an IOException whose own message says so already; the innermost is the plainest.</summary>
    private static Exception Innermost(Exception e) => e is IOException { InnerException: IOException inner } ? inner : e;
}
