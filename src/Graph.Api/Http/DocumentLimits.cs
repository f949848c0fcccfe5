using Graph.Api.Model;
using GraphQL;
using GraphQLParser.AST;

namespace Graph.Api.Http;

/// <summary>
/// Sizes a parsed document before GraphQL.NET validates it. Validation compares fields pairwise (overlapping-fields
/// rule) and walks fragments as often as they are spread, so 50,000 fields in half a megabyte, or a few dozen
/// fragments that each spread the next twice, would hold a CPU for minutes; counting here is linear.
/// </summary>
internal static class DocumentLimits
{
    public static ExecutionError? Check(GraphQLDocument document, GraphApiOptions options)
    {
        int written = 0;
        int widest = 0;
        foreach (var definition in document.Definitions)
        {
            if (definition is IHasSelectionSetNode { SelectionSet: { } set })
            {
                CountWritten(set, ref written, ref widest);
            }
        }

        if (widest > options.MaxFieldsPerSelection)
        {
            return TooMany($"A selection set has {widest} fields; at most {options.MaxFieldsPerSelection} are allowed.");
        }

        if (written > options.MaxFields)
        {
            return TooMany($"The document has {written} fields; at most {options.MaxFields} are allowed.");
        }

        // Every fragment has a field, so there are at most MaxFields of them and the recursion below stays shallow.
        var expansion = new Expansion(document);
        double expanded = document.Definitions.OfType<GraphQLOperationDefinition>().Select(o => expansion.Size(o.SelectionSet)).DefaultIfEmpty(0).Max();
        return expanded > options.MaxFields
            ? TooMany($"An operation expands to {(expanded >= long.MaxValue ? "more than 2^63" : ((long)expanded).ToString(System.Globalization.CultureInfo.InvariantCulture))} fields through its fragments; at most {options.MaxFields} are allowed.")
            : null;
    }

    private static ExecutionError TooMany(string message) => new(message) { Code = ErrorCodes.TooManyFields };

    // Recursion is bounded: the parser refuses documents nested deeper than its own limit.
    private static void CountWritten(GraphQLSelectionSet set, ref int total, ref int widest)
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
                CountWritten(inner, ref total, ref widest);
            }
        }
    }

    /// <summary>Fields an operation would have with every fragment spread written out; memoised per fragment.</summary>
    private sealed class Expansion(GraphQLDocument document)
    {
        private readonly Dictionary<string, GraphQLFragmentDefinition> _fragments = document.Definitions
            .OfType<GraphQLFragmentDefinition>()
            .GroupBy(f => f.FragmentName.Name.StringValue)
            .ToDictionary(g => g.Key, g => g.First());

        private readonly Dictionary<string, double> _sizes = [];
        private readonly HashSet<string> _open = [];

        public double Size(GraphQLSelectionSet set)
        {
            double size = 0;
            foreach (var selection in set.Selections)
            {
                size += selection switch
                {
                    GraphQLField field => 1 + (field.SelectionSet is { } inner ? Size(inner) : 0),
                    GraphQLInlineFragment inline => Size(inline.SelectionSet),
                    GraphQLFragmentSpread spread => FragmentSize(spread.FragmentName.Name.StringValue),
                    _ => 0,
                };
            }

            return size;
        }

        private double FragmentSize(string name)
        {
            if (_sizes.TryGetValue(name, out double known))
            {
                return known;
            }

            // Unknown fragments and cycles are validation errors; validation reports them, so they count nothing here.
            if (!_fragments.TryGetValue(name, out var fragment) || !_open.Add(name))
            {
                return 0;
            }

            double size = Size(fragment.SelectionSet);
            _open.Remove(name);
            _sizes[name] = size;
            return size;
        }
    }
}
