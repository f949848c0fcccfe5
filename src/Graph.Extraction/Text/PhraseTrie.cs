namespace Graph.Extraction.Text;

/// <summary>Multiword phrases keyed by lower-case tokens: one walk per position finds every phrase starting there.</summary>
internal sealed class PhraseTrie<T>
{
    private static readonly List<(int Length, List<T> Values)> NoMatches = [];
    private readonly Node _root = new();

    // What the phrases' first tokens are like: their lengths and first characters (ASCII by code, others as one). Most
    // tokens start no phrase, and a look-up at every token of every sentence, for each of the mention tables, then
    // mostly answers from these without hashing the token.
    private readonly bool[] _firstChars = new bool[128];
    private bool _firstNonAscii;
    private int _minFirst = int.MaxValue;
    private int _maxFirst = -1;

    public int Count { get; private set; }

    public void Add(string phrase, T value)
    {
        var tokens = Tokenizer.Tokenize(phrase);
        if (tokens.Count > 0)
        {
            Add(tokens.Select(t => t.Lower).ToArray(), value);
        }
    }

    public void Add(IReadOnlyList<string> lowerTokens, T value)
    {
        if (lowerTokens.Count > 0)
        {
            string first = lowerTokens[0];
            _minFirst = Math.Min(_minFirst, first.Length);
            _maxFirst = Math.Max(_maxFirst, first.Length);
            if (first.Length > 0 && first[0] < 128)
            {
                _firstChars[first[0]] = true;
            }
            else
            {
                _firstNonAscii |= first.Length > 0;
            }
        }

        var node = _root;
        foreach (var t in lowerTokens)
        {
            node.Next ??= new Dictionary<string, Node>(StringComparer.Ordinal);
            if (!node.Next.TryGetValue(t, out var child))
            {
                child = new Node();
                node.Next[t] = child;
            }

            node = child;
        }

        node.Values ??= [];
        node.Values.Add(value);
        Count++;
    }

    /// <summary>Every phrase that starts at <paramref name="at"/>, longest first.</summary>
    public List<(int Length, List<T> Values)> MatchAll(IReadOnlyList<Token> tokens, int at, int end = int.MaxValue)
    {
        if (at >= tokens.Count || !MayStart(tokens[at].Lower) || _root.Next is null || !_root.Next.ContainsKey(tokens[at].Lower))
        {
            return NoMatches;
        }

        var found = new List<(int, List<T>)>();
        var node = _root;
        end = Math.Min(end, tokens.Count);
        for (int i = at; i < end; i++)
        {
            if (node.Next is null || !node.Next.TryGetValue(tokens[i].Lower, out var child))
            {
                break;
            }

            node = child;
            if (node.Values is not null)
            {
                found.Add((i - at + 1, node.Values));
            }
        }

        found.Reverse();
        return found;
    }

    /// <summary>The length of the longest phrase starting at <paramref name="at"/> with a value <paramref name="accept"/> takes, or 0. Allocation-free.</summary>
    public int Longest<TState>(IReadOnlyList<Token> tokens, int at, TState state, Func<T, TState, bool> accept)
    {
        if (at >= tokens.Count || !MayStart(tokens[at].Lower))
        {
            return 0;
        }

        var node = _root;
        int length = 0;
        for (int i = at; i < tokens.Count; i++)
        {
            if (node.Next is null || !node.Next.TryGetValue(tokens[i].Lower, out var child))
            {
                break;
            }

            node = child;
            if (node.Values is not null)
            {
                foreach (var v in node.Values)
                {
                    if (accept(v, state))
                    {
                        length = i - at + 1;
                        break;
                    }
                }
            }
        }

        return length;
    }

    /// <summary>The longest phrase starting at <paramref name="at"/>, or length 0. Allocation-free: it runs at every token.</summary>
    public (int Length, List<T>? Values) Match(IReadOnlyList<Token> tokens, int at, int end = int.MaxValue)
    {
        if (at >= tokens.Count || at >= end || !MayStart(tokens[at].Lower))
        {
            return (0, null);
        }

        var node = _root;
        int length = 0;
        List<T>? values = null;
        end = Math.Min(end, tokens.Count);
        for (int i = at; i < end; i++)
        {
            if (node.Next is null || !node.Next.TryGetValue(tokens[i].Lower, out var child))
            {
                break;
            }

            node = child;
            if (node.Values is not null)
            {
                length = i - at + 1;
                values = node.Values;
            }
        }

        return (length, values);
    }

    /// <summary>Whether some phrase starts at <paramref name="at"/> and ends before <paramref name="end"/>.</summary>
    public bool Any(IReadOnlyList<Token> tokens, int at, int end) => Match(tokens, at, end).Length > 0;

    // False only where no phrase can start with this token; true may still find none.
    private bool MayStart(string lower) =>
        lower.Length >= _minFirst && lower.Length <= _maxFirst && (lower.Length == 0 || (lower[0] < 128 ? _firstChars[lower[0]] : _firstNonAscii));

    private sealed class Node
    {
        public Dictionary<string, Node>? Next;
        public List<T>? Values;
    }
}
