using System.Security.Cryptography;
using System.Text;
using Graph.Api.Model;
using GraphQL.Validation;
using GraphQLParser.AST;
using Microsoft.Extensions.Options;

namespace Graph.Api.Validation;

/// <summary>
/// Caps aliased fields per document and fields per selection set: aliases let one request run an expensive field
/// hundreds of times, past any per-request rate limit.
/// </summary>
public sealed class FieldCountRule(IOptions<GraphApiOptions> options) : ValidationRuleBase
{
    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        var limits = options.Value;
        int aliases = 0;
        bool reported = false;
        return new ValueTask<INodeVisitor?>(new NodeVisitors(
            new MatchingNodeVisitor<GraphQLField>((field, ctx) =>
            {
                if (field.Alias is not null && ++aliases == limits.MaxAliases + 1)
                {
                    ctx.ReportError(new ValidationError(ctx.Document.Source, ErrorCodes.TooManyAliases,
                        $"The document uses more than {limits.MaxAliases} aliases.", field) { Code = ErrorCodes.TooManyAliases });
                }
            }),
            new MatchingNodeVisitor<GraphQLSelectionSet>((set, ctx) =>
            {
                if (!reported && set.Selections.Count > limits.MaxFieldsPerSelection)
                {
                    reported = true;
                    ctx.ReportError(new ValidationError(ctx.Document.Source, ErrorCodes.TooManyFields,
                        $"A selection set has {set.Selections.Count} fields; at most {limits.MaxFieldsPerSelection} are allowed.", set) { Code = ErrorCodes.TooManyFields });
                }
            })));
    }
}

/// <summary>
/// Refuses a mutation operation unless the request carried a configured API key, before anything executes,
/// so a refused document changes nothing. The key's name goes into the user context (<see cref="KeyName"/>): corrections
/// record who made them by it.
/// </summary>
public sealed class MutationAuthorizationRule(IOptions<GraphApiOptions> options) : ValidationRuleBase
{
    /// <summary>Key of <see cref="ValidationContext.UserContext"/> under which the endpoint passes the presented key.</summary>
    public const string PresentedKey = "graph.apiKey";

    /// <summary>Key of the user context under which this rule leaves the name of the key that was accepted.</summary>
    public const string KeyName = "graph.apiKeyName";

    public override ValueTask<INodeVisitor?> GetPreNodeVisitorAsync(ValidationContext context)
    {
        if (context.Operation.Operation != OperationType.Mutation)
        {
            return default;
        }

        var configured = options.Value.NamedKeys();
        string? presented = context.UserContext.TryGetValue(PresentedKey, out var value) ? value as string : null;
        // Every key is compared, so the time taken does not tell which name came close.
        string? name = null;
        foreach (var (keyName, key) in configured)
        {
            if (presented is not null && FixedTimeEquals(key, presented))
            {
                name ??= keyName;
            }
        }

        if (name is null)
        {
            context.ReportError(new ValidationError(context.Document.Source, ErrorCodes.Unauthenticated,
                configured.Count == 0
                    ? "Mutations are disabled: no API key is configured on this server."
                    : "Mutations need a valid API key in the X-Api-Key header or as Authorization: Bearer.",
                context.Operation) { Code = ErrorCodes.Unauthenticated });
        }
        else
        {
            context.UserContext[KeyName] = name;
        }

        return default;
    }

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(SHA256.HashData(Encoding.UTF8.GetBytes(a)), SHA256.HashData(Encoding.UTF8.GetBytes(b)));
}
