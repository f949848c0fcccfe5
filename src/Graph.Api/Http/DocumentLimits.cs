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
        var size = new Written();
        foreach (var definition in document.Definitions)
        {
            size.Directives += (definition as IHasDirectivesNode)?.Directives?.Count ?? 0;
            size.Variables += (definition as GraphQLOperationDefinition)?.Variables?.Count ?? 0;
            if (definition is IHasSelectionSetNode { SelectionSet: { } set })
            {
                size.Count(set);
            }
        }

        if (size.Widest > options.MaxFieldsPerSelection)
        {
            return TooMany($"A selection set has {size.Widest} fields; at most {options.MaxFieldsPerSelection} are allowed.");
        }

        // Fields, arguments, directives and variables each have a validation rule that compares them pairwise.
        foreach (var (count, what) in new[] { (size.Fields, "fields"), (size.Arguments, "arguments"), (size.Values, "values in argument literals"), (size.Directives, "directives"), (size.Variables, "variable definitions") })
        {
            if (count > options.MaxFields)
            {
                return TooMany($"The document has {count} {what}; at most {options.MaxFields} are allowed.");
            }
        }

        // Every fragment has a field, so there are at most MaxFields of them and the recursion below stays shallow.
        var expansion = new Expansion(document);
        double expanded = document.Definitions.OfType<GraphQLOperationDefinition>().Select(o => expansion.Size(o.SelectionSet)).DefaultIfEmpty(0).Max();
        return expanded > options.MaxFields
            ? TooMany($"An operation expands to {(expanded >= long.MaxValue ? "more than 2^63" : ((long)expanded).ToString(System.Globalization.CultureInfo.InvariantCulture))} fields through its fragments; at most {options.MaxFields} are allowed.")
            : null;
    }

    private static ExecutionError TooMany(string message) => new(message) { Code = ErrorCodes.TooManyFields };

    /// <summary>What the document has as written, before fragments are expanded.</summary>
    private sealed class Written
    {
        public int Fields { get; private set; }
        public int Arguments { get; private set; }
        public int Values { get; private set; }
        public int Directives { get; set; }
        public int Variables { get; set; }
        public int Widest { get; private set; }

        // Recursion is bounded: the parser refuses documents nested deeper than its own limit.
        public void Count(GraphQLSelectionSet set)
        {
            Widest = Math.Max(Widest, set.Selections.Count);
            foreach (var selection in set.Selections)
            {
                Directives += (selection as IHasDirectivesNode)?.Directives?.Count ?? 0;
                if (selection is GraphQLField field)
                {
                    Fields++;
                    if (field.Arguments is { } arguments)
                    {
                        Arguments += arguments.Count;
                        foreach (var argument in arguments)
                        {
                            CountValues(argument.Value);
                        }
                    }
                }

                if (selection is IHasSelectionSetNode { SelectionSet: { } inner })
                {
                    Count(inner);
                }
            }
        }

        // Object and list literals: duplicate input fields are checked pairwise too.
        private void CountValues(GraphQLValue value)
        {
            switch (value)
            {
                case GraphQLObjectValue { Fields: { } fields }:
                    Values += fields.Count;
                    foreach (var f in fields)
                    {
                        CountValues(f.Value);
                    }

                    break;
                case GraphQLListValue { Values: { } items }:
                    Values += items.Count;
                    foreach (var item in items)
                    {
                        CountValues(item);
                    }

                    break;
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
