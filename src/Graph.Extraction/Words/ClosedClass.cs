using System.Text.Json;
using Graph.Extraction.Text;

namespace Graph.Extraction.Words;

/// <summary>What a function word can do in a sentence (graph-seed/lexicon/words/closed-class.json).</summary>
[Flags]
internal enum Role
{
    None = 0,
    Determiner = 1 << 0,
    Possessive = 1 << 1,
    Pronoun = 1 << 2,
    Preposition = 1 << 3,
    Locative = 1 << 4,
    Auxiliary = 1 << 5,
    Modal = 1 << 6,
    Subordinator = 1 << 7,
    Complementizer = 1 << 8,
    Relative = 1 << 9,
    Coordinator = 1 << 10,
    Negator = 1 << 11,
    Particle = 1 << 12,
    Quantifier = 1 << 13,

    /// <summary>A noun that names a time: "Friday", "week", "2015" is not one (numbers are told by shape).</summary>
    Time = 1 << 14,

    /// <summary>"last", "next", "this" before a time noun.</summary>
    TimeModifier = 1 << 15,

    /// <summary>"since", "after", "during": prepositions that date something by another event.</summary>
    Temporal = 1 << 16,

    /// <summary>"in", "on": prepositions that end a phrasal verb only where no noun phrase follows ("gave in to").</summary>
    LooseParticle = 1 << 17,

    /// <summary>"but", "yet": coordinators that set what follows against what went before.</summary>
    Contrastive = 1 << 18,

    /// <summary>"respectively": pairs coordinated subjects with coordinated objects in order.</summary>
    Distributive = 1 << 19,
}

/// <summary>The kind of thing a pronoun stands for.</summary>
internal enum PronounKind
{
    Person,
    Thing,
    Plural,
    Speaker,
}

/// <summary>
/// The closed classes of English function words, as data: one lookup for single words, one phrase table for multiword
/// entries ("according to", "at least"). Auxiliaries keep their verb ("'s" is a form of be).
/// </summary>
internal sealed class ClosedClass
{
    private readonly Dictionary<string, Role> _roles = new(StringComparer.Ordinal);
    private readonly PhraseTrie<Role> _phrases = new();
    private readonly Dictionary<string, string> _auxiliaryOf = new(StringComparer.Ordinal);
    private readonly Dictionary<string, PronounKind> _pronouns = new(StringComparer.Ordinal);

    public Role RolesOf(string lower) => _roles.TryGetValue(lower, out var roles) ? roles : default;

    public bool Is(string lower, Role role) => (RolesOf(lower) & role) != 0;

    /// <summary>"be", "have", "do" or "get" for a form of an auxiliary, else null.</summary>
    public string? AuxiliaryOf(string lower) => _auxiliaryOf.TryGetValue(lower, out var auxiliary) ? auxiliary : null;

    public PronounKind? PronounOf(string lower) => _pronouns.TryGetValue(lower, out var k) ? k : null;

    /// <summary>The length of the longest entry with <paramref name="role"/> starting at <paramref name="at"/> (single words included), or 0.</summary>
    public int Match(IReadOnlyList<Token> tokens, int at, Role role) =>
        _phrases.Longest(tokens, at, role, static (r, wanted) => (r & wanted) != 0);

    public static ClosedClass Read(JsonElement root)
    {
        var closed = new ClosedClass();
        foreach (var property in root.EnumerateObject())
        {
            var role = property.Name switch
            {
                "about" => Role.None,
                "determiners" => Role.Determiner,
                "possessives" => Role.Possessive,
                "pronouns" => Role.Pronoun,
                "prepositions" => Role.Preposition,
                "locatives" => Role.Locative,
                "auxiliaries" => Role.Auxiliary,
                "modals" => Role.Modal,
                "subordinators" => Role.Subordinator,
                "complementizers" => Role.Complementizer,
                "relatives" => Role.Relative,
                "coordinators" => Role.Coordinator,
                "negators" => Role.Negator,
                "particles" => Role.Particle,
                "quantifiers" => Role.Quantifier,
                "times" => Role.Time,
                "timeModifiers" => Role.TimeModifier,
                "temporal" => Role.Temporal,
                "looseParticles" => Role.LooseParticle,
                "contrastives" => Role.Contrastive,
                "distributives" => Role.Distributive,
                _ => throw new InvalidDataException($"closed-class.json: unknown class '{property.Name}'"),
            };
            if (role == Role.None)
            {
                continue;
            }

            if (property.Value.ValueKind == JsonValueKind.Object)
            {
                foreach (var group in property.Value.EnumerateObject())
                {
                    foreach (var word in group.Value.EnumerateArray())
                    {
                        closed.Add(word.GetString()!, role);
                        if (role == Role.Auxiliary)
                        {
                            closed._auxiliaryOf[word.GetString()!] = group.Name;
                        }
                        else if (Enum.TryParse<PronounKind>(group.Name, ignoreCase: true, out var kind))
                        {
                            closed._pronouns[word.GetString()!] = kind;
                        }
                    }
                }
            }
            else
            {
                foreach (var word in property.Value.EnumerateArray())
                {
                    closed.Add(word.GetString()!, role);
                }
            }
        }

        return closed;
    }

    private void Add(string entry, Role role)
    {
        string lower = entry.ToLowerInvariant();
        _phrases.Add(lower, role);
        if (!lower.Contains(' ', StringComparison.Ordinal))
        {
            _roles[lower] = _roles.GetValueOrDefault(lower) | role;
        }
    }
}
