using System.Globalization;
using System.Text;
using Graph.Core.Domain;

namespace Graph.Extraction.Analysis;

/// <summary>An actor as it is being learnt from one article: names seen, title, affiliations.</summary>
internal sealed class ActorDraft(string id, string name, ActorKind kind)
{
    private readonly List<string> _aliases = [];

    public string Id { get; } = id;
    public string Name { get; } = name;
    public ActorKind Kind { get; } = kind;
    public KnownActor? Known { get; init; }
    public string? Title { get; set; }
    public List<Affiliation> Affiliations { get; } = [];
    public Dictionary<string, string> Codes { get; } = new(StringComparer.Ordinal);

    /// <summary>Named in the text (not only through "he" or "the government").</summary>
    public bool Named { get; set; }

    public void AddAlias(string alias)
    {
        alias = alias.Trim();
        if (alias.Length > 0 && !_aliases.Contains(alias, StringComparer.OrdinalIgnoreCase))
        {
            _aliases.Add(alias);
        }
    }

    public void Affiliate(string actorId, string role)
    {
        if (actorId != Id && Affiliations.All(a => a.ActorId != actorId))
        {
            Affiliations.Add(new Affiliation(actorId, role));
        }
    }

    /// <summary>The state or organisation this actor speaks for, if any.</summary>
    public string? Principal => Affiliations.FirstOrDefault()?.ActorId;

    public Actor ToActor()
    {
        var aliases = new List<string>(_aliases);
        if (Known is { } k)
        {
            foreach (var a in k.Aliases.Prepend(k.Name))
            {
                if (!aliases.Contains(a, StringComparer.OrdinalIgnoreCase))
                {
                    aliases.Add(a);
                }
            }
        }

        aliases.RemoveAll(a => string.Equals(a, Name, StringComparison.Ordinal));
        return new Actor(Id, Name, Kind, aliases, Affiliations.ToList(), new Dictionary<string, string>(Codes));
    }

    /// <summary>"Hassan Abdel-Azim" -> "hassan-abdel-azim": ids for actors the knowledge base does not know.</summary>
    public static string Slug(string name)
    {
        var sb = new StringBuilder(name.Length);
        foreach (char c in name.Normalize(NormalizationForm.FormD))
        {
            if (CharUnicodeInfo.GetUnicodeCategory(c) == UnicodeCategory.NonSpacingMark)
            {
                continue;
            }

            if (char.IsLetterOrDigit(c))
            {
                sb.Append(char.ToLowerInvariant(c));
            }
            else if (sb.Length > 0 && sb[^1] != '-')
            {
                sb.Append('-');
            }
        }

        return sb.ToString().Trim('-');
    }
}
