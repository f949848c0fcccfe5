using System.Globalization;
using System.Text.Json;
using Graph.Core.Domain;
using Graph.Extraction.Text;

namespace Graph.Extraction;

/// <summary>One actor of the knowledge base (graph-seed/actors/*.json).</summary>
internal sealed record KnownActor(
    string Id,
    string Name,
    ActorKind Kind,
    IReadOnlyDictionary<string, string> Codes,
    IReadOnlyList<string> Aliases,
    IReadOnlyList<string> Demonyms,
    string? Capital,
    IReadOnlyList<string> Metonyms,
    IReadOnlyList<Affiliation> Roles)
{
    /// <summary>"rebels", "civilians": collectives named in lower case, whom the text must qualify.</summary>
    public bool IsCollective => Kind == ActorKind.Group && Name.Length > 0 && char.IsLower(Name[0]);

    /// <summary>A city of the world table (<see cref="WorldPlaces"/>), not an entry someone wrote: its name needs a clearer context.</summary>
    public bool FromWorldTable { get; init; }

    public IEnumerable<Affiliation> RolesOn(DateOnly? day) => Roles.Where(r => r.IsInForceOn(day));
}

internal enum FormKind
{
    Name,
    Demonym,
    Capital,
    Metonym,
}

/// <summary>A surface form of a known actor, with the case rule it must satisfy in text.</summary>
internal sealed record KnownForm(KnownActor Actor, FormKind Kind, string Surface, string[] Parts)
{
    // "US", "IS", "UN": short all-capital forms only match exactly, so "us" and "Is" stay words.
    public bool CaseSensitive { get; } = Surface.Length <= 5 && Surface.Count(char.IsLetter) >= 2 && Surface.Where(char.IsLetter).All(char.IsUpper);

    public bool Accepts(IReadOnlyList<Token> tokens, int at)
    {
        for (int i = 0; i < Parts.Length; i++)
        {
            var t = tokens[at + i];
            if (CaseSensitive ? !string.Equals(t.Text, Parts[i], StringComparison.Ordinal) : char.IsUpper(Parts[i][0]) && !char.IsUpper(t.Text[0]))
            {
                return false;
            }
        }

        return true;
    }
}

/// <summary>The actor knowledge base and its gazetteer: a token trie of every alias, demonym, capital and metonym.</summary>
internal sealed class ActorKnowledge
{
    private readonly Dictionary<string, KnownActor> _byId = new(StringComparer.Ordinal);

    public PhraseTrie<KnownForm> Gazetteer { get; } = new();

    /// <summary>
    /// The world table's cities, apart: their names are capitalised, so a text's lower-case words never look them up,
    /// and the hand-made names are tried first.
    /// </summary>
    public PhraseTrie<KnownForm> WorldGazetteer { get; } = new();

    public IReadOnlyCollection<KnownActor> Actors => _byId.Values;

    public KnownActor? Find(string id) => _byId.TryGetValue(id, out var actor) ? actor : null;

    public static ActorKnowledge Load(IEnumerable<(string Name, string Json)> files)
    {
        var kb = new ActorKnowledge();
        foreach (var (name, json) in files)
        {
            try
            {
                using var doc = JsonDocument.Parse(json, new JsonDocumentOptions { CommentHandling = JsonCommentHandling.Skip, AllowTrailingCommas = true });
                if (doc.RootElement.ValueKind != JsonValueKind.Array)
                {
                    throw new InvalidDataException($"Actor file {name} must hold a JSON array.");
                }

                foreach (var e in doc.RootElement.EnumerateArray())
                {
                    if (Parse(e) is { } actor)
                    {
                        kb.Add(actor);
                    }
                }
            }
            catch (JsonException e)
            {
                throw new InvalidDataException($"Actor file {name} is not valid JSON: {e.Message}", e);
            }
        }

        return kb;
    }

    public void Add(KnownActor actor)
    {
        if (!_byId.TryAdd(actor.Id, actor))
        {
            return;
        }

        AddForm(actor, FormKind.Name, actor.Name);
        // The name is usually also the first alias: one form is enough.
        foreach (var a in actor.Aliases.Where(a => !string.Equals(a, actor.Name, StringComparison.Ordinal)))
        {
            AddForm(actor, FormKind.Name, a);
        }

        foreach (var d in actor.Demonyms)
        {
            AddForm(actor, FormKind.Demonym, d);
        }

        if (actor.Capital is { } capital)
        {
            AddForm(actor, FormKind.Capital, capital);
        }

        foreach (var m in actor.Metonyms)
        {
            AddForm(actor, FormKind.Metonym, m);
        }
    }

    private void AddForm(KnownActor actor, FormKind kind, string surface)
    {
        // "the US": the article is a determiner in text, not part of the name.
        if (surface.StartsWith("the ", StringComparison.OrdinalIgnoreCase))
        {
            surface = surface[4..];
        }

        var tokens = Tokenizer.Tokenize(surface);
        if (tokens.Count == 0)
        {
            return;
        }

        (actor.FromWorldTable ? WorldGazetteer : Gazetteer).Add(tokens.Select(t => t.Lower).ToArray(), new KnownForm(actor, kind, surface, tokens.Select(t => t.Text).ToArray()));
    }

    private static KnownActor? Parse(JsonElement e)
    {
        if (e.ValueKind != JsonValueKind.Object)
        {
            return null;
        }

        string? id = Str(e, "id");
        string? name = Str(e, "name") ?? id;
        if (string.IsNullOrWhiteSpace(id) || string.IsNullOrWhiteSpace(name))
        {
            return null;
        }

        var codes = new Dictionary<string, string>(StringComparer.Ordinal);
        if (e.TryGetProperty("codes", out var c) && c.ValueKind == JsonValueKind.Object)
        {
            foreach (var p in c.EnumerateObject())
            {
                if (p.Value.ValueKind == JsonValueKind.String && p.Value.GetString() is { Length: > 0 } v)
                {
                    codes[p.Name] = v;
                }
            }
        }

        var roles = new List<Affiliation>();
        if (e.TryGetProperty("roles", out var r) && r.ValueKind == JsonValueKind.Array)
        {
            foreach (var role in r.EnumerateArray())
            {
                if (role.ValueKind == JsonValueKind.Object && Str(role, "actorId") is { Length: > 0 } actorId)
                {
                    roles.Add(new Affiliation(actorId, Str(role, "role") ?? "member", Day(Str(role, "from")), Day(Str(role, "until"))));
                }
            }
        }

        return new KnownActor(
            id,
            name,
            KindOf(Str(e, "kind")),
            codes,
            List(e, "aliases"),
            List(e, "demonyms"),
            Str(e, "capital"),
            List(e, "metonyms"),
            roles);
    }

    private static ActorKind KindOf(string? kind) => kind?.ToLowerInvariant() switch
    {
        "country" or "state" => ActorKind.Country,
        "person" => ActorKind.Person,
        "armed_group" or "armedgroup" => ActorKind.ArmedGroup,
        "group" => ActorKind.Group,
        "location" or "place" => ActorKind.Location,
        _ => ActorKind.Organization,
    };

    private static string? Str(JsonElement e, string property) =>
        e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null;

    private static List<string> List(JsonElement e, string property) =>
        e.TryGetProperty(property, out var v) && v.ValueKind == JsonValueKind.Array
            ? v.EnumerateArray().Where(x => x.ValueKind == JsonValueKind.String).Select(x => x.GetString()!).Where(s => s.Trim().Length > 0).ToList()
            : [];

    // Accepts "2015-09-17", "2015-09" and "2015"; anything else is treated as open.
    private static DateOnly? Day(string? s)
    {
        if (string.IsNullOrWhiteSpace(s))
        {
            return null;
        }

        string[] formats = ["yyyy-MM-dd", "yyyy-MM", "yyyy"];
        return DateOnly.TryParseExact(s.Trim(), formats, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) ? d : null;
    }
}
