using Graph.Api.Model;
using GraphQL;
using GraphQLParser.AST;

namespace Graph.Api.Http;

/// <summary>
/// Counts the fields of a parsed document before GraphQL.NET validates it. Validation compares fields pairwise
/// (overlapping-fields rule), so 50,000 fields in half a megabyte would cost half a minute of CPU; counting is linear.
/// </summary>
internal static class DocumentLimits
{
    public static ExecutionError? Check(GraphQLDocument document, GraphApiOptions options)
    {
        int total = 0;
        int widest = 0;
        foreach (var definition in document.Definitions)
        {
            if (definition is IHasSelectionSetNode { SelectionSet: { } set })
            {
                Count(set, ref total, ref widest);
            }
        }

        if (widest > options.MaxFieldsPerSelection)
        {
            return new ExecutionError($"A selection set has {widest} fields; at most {options.MaxFieldsPerSelection} are allowed.") { Code = ErrorCodes.TooManyFields };
        }

        return total > options.MaxFields
            ? new ExecutionError($"The document has {total} fields; at most {options.MaxFields} are allowed.") { Code = ErrorCodes.TooManyFields }
            : null;
    }

    // Recursion is bounded: the parser refuses documents nested deeper than its own limit.
    private static void Count(GraphQLSelectionSet set, ref int total, ref int widest)
    {
        widest = Math.Max(widest, set.Selections.Count);
        foreach (var selection in set.Selections)
        {
            if (selection is GraphQLField)
            {
                total++;
            }

            if (selection is IHasSelectionSetNode { SelectionSet: { } inner })
            {
                Count(inner, ref total, ref widest);
            }
        }
    }
}
