using Graph.Api.Model;
using Graph.Api.Validation;
using Graph.Core;
using Graph.Core.Corrections;
using Graph.Core.Domain;
using GraphQL;
using GraphQL.DataLoader;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace Graph.Api.Resolvers;

/// <summary>The corrections mutations: each one recorded with the name of the API key that made it.</summary>
public sealed partial class MutationResolvers
{
    public Task<Correction> RetractEvidence(IResolveFieldContext context, string articleId, string evidenceId, string reason) =>
        CorrectAsync(context, (c, by, ct) => c.RetractAsync(articleId, evidenceId, reason, by, ct));

    public Task<Correction> RestoreEvidence(IResolveFieldContext context, string evidenceId) =>
        CorrectAsync(context, (c, by, ct) => c.RestoreAsync(evidenceId, by, ct));

    public Task<Correction> MergeActors(IResolveFieldContext context, string actor, string into, string reason) =>
        CorrectAsync(context, (c, by, ct) => c.MergeAsync(actor, into, reason, by, ct));

    public Task<Correction> SplitAlias(IResolveFieldContext context, string actor, string alias, string reason) =>
        CorrectAsync(context, (c, by, ct) => c.SplitAsync(actor, alias, reason, by, ct));

    public Task<Correction> RenameActor(IResolveFieldContext context, string actor, string name, string reason) =>
        CorrectAsync(context, (c, by, ct) => c.RenameAsync(actor, name, reason, by, ct));

    public Task<Correction> UndoCorrection(IResolveFieldContext context, string id) =>
        CorrectAsync(context, (c, by, ct) => c.UndoAsync(id, by, ct));

    /// <summary>
    /// Runs to the end whatever happens to the request: a correction half applied (recorded, its articles not yet saved
    /// again) would hold only from the next save of each article on.
    /// </summary>
    private async Task<Correction> CorrectAsync(IResolveFieldContext context, Func<Corrector, string, CancellationToken, Task<Correction>> correct)
    {
        var corrector = Required<Corrector>(context);
        string by = context.UserContext.TryGetValue(MutationAuthorizationRule.KeyName, out var name) && name is string s ? s : "unknown";
        try
        {
            var correction = await correct(corrector, by, CancellationToken.None);
            LogCorrected(logger, correction.Kind, correction.Detail, by);
            return correction;
        }
        catch (UserErrorException e)
        {
            throw new ExecutionError(e.Message) { Code = ErrorCodes.BadUserInput };
        }
    }

    [LoggerMessage(Level = LogLevel.Information, Message = "Correction via the API ({Kind}, key {KeyName}): {Detail}")]
    private static partial void LogCorrected(ILogger logger, CorrectionKind kind, string detail, string keyName);
}

public sealed partial class QueryResolvers
{
    public async Task<IEnumerable<Correction>> Corrections(IResolveFieldContext context, bool? active, int? first)
    {
        var corrector = context.RequestServices?.GetService<Corrector>()
            ?? throw new ExecutionError("This server keeps no corrections.") { Code = ErrorCodes.Unavailable };
        var all = await corrector.ListAsync(active ?? false, context.CancellationToken);
        return all.Reverse().Take(PageRequest.Limit(first ?? 100, MaxPage, "first"));
    }
}

[GraphQLMetadata("Correction")]
public sealed class CorrectionResolvers
{
    public string? EvidenceId([FromSource] Correction c) => c.Kind == CorrectionKind.Retract ? c.Subject : null;

    public string? ActorId([FromSource] Correction c) => c.Kind == CorrectionKind.Retract ? null : c.Subject;

    public string? IntoId([FromSource] Correction c) => c.Into;

    public string? PreviousName([FromSource] Correction c) => c.Previous;

    public IDataLoaderResult<Actor?> Actor(IResolveFieldContext context, [FromSource] Correction c) =>
        c.Kind == CorrectionKind.Retract ? new Ready<Actor?>(null) : context.Loader().Actor(c.Subject);

    public IDataLoaderResult<Actor?> Into(IResolveFieldContext context, [FromSource] Correction c) =>
        c.Into is null ? new Ready<Actor?>(null) : context.Loader().Actor(c.Into);
}
