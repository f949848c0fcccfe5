using Graph.Core.Domain;
using Graph.Extraction.Mentions;
using Graph.Extraction.Text;
using Graph.Extraction.Words;

namespace Graph.Extraction;

/// <summary>
/// Adds the world table's cities to the knowledge base as places, beneath what it already holds: a name the knowledge
/// base gives to anything (a state, a capital, a person, an organisation, a place) keeps that meaning, and a city named
/// like a common English word ("Nice", "Split", "Reading") is not a place. A city named like a first name or like a word
/// of a known person's name ("Victoria", "Hassan"), or only with common words ("Olive Branch"), needs the policy's larger
/// population; the policy lists the rest.
/// </summary>
internal static class WorldPlaces
{
    private const string IdPrefix = "geonames-";

    /// <summary>Adds the places and says how many.</summary>
    public static int AddTo(ActorKnowledge kb, PlacePolicy policy, WorldCities cities, EnglishWords words)
    {
        var states = kb.Actors.Where(a => a.Kind == ActorKind.Country && a.Codes.ContainsKey("iso2"))
            .ToDictionary(a => a.Codes["iso2"], a => a.Id, StringComparer.OrdinalIgnoreCase);

        // "Hassan" (Hassan Rouhani), "Ali": words of the names of the knowledge base's persons are risky like first names.
        var personWords = kb.Actors.Where(a => a.Kind == ActorKind.Person).SelectMany(a => a.Aliases.Prepend(a.Name))
            .SelectMany(n => Tokenizer.Tokenize(n)).Where(t => t.IsCapitalised).Select(t => t.Text).ToHashSet(StringComparer.Ordinal);

        // One actor per city: its name with diacritics and without ("Diyarbakır", "Diyarbakir") are aliases of one place.
        var places = new Dictionary<string, List<string>>(StringComparer.Ordinal);
        var stateOf = new Dictionary<string, string>(StringComparer.Ordinal);
        foreach (var city in cities.AtLeast(policy.MinPopulation))
        {
            var tokens = Tokenizer.Tokenize(city.Name);
            if (tokens.Count == 0 || !states.TryGetValue(city.Iso2, out var state) || policy.NotPlaces.Contains(city.Name)
                || kb.Gazetteer.Match(tokens, 0).Length == tokens.Count
                || (tokens.Count == 1 && IsEnglishWord(words, tokens[0].Lower))
                || (city.Population < policy.AmbiguousNameMinPopulation
                    && (cities.GivenNames.Contains(city.Name) || personWords.Contains(city.Name) || tokens.All(t => !t.IsWord || IsEnglishWord(words, t.Lower)))))
            {
                continue;
            }

            string id = IdPrefix + city.GeoNameId;
            if (!places.TryGetValue(id, out var names))
            {
                places[id] = names = [];
                stateOf[id] = state;
            }

            names.Add(city.Name);
        }

        // Thousands of places: the parts that are the same for many are shared, read-only.
        var noCodes = new Dictionary<string, string>();
        var located = states.Values.Distinct().ToDictionary(s => s, s => (IReadOnlyList<Affiliation>)[new Affiliation(s, ArticleActors.LocatedIn)]);
        foreach (var (id, names) in places)
        {
            kb.Add(new KnownActor(id, names[0], ActorKind.Location, noCodes, names, [], null, [], located[stateOf[id]]) { FromWorldTable = true });
        }

        return places.Count;
    }

    // "nice", "reading", "of": a form the tagging lexicon knows in lower case as other than a proper noun, or WordNet as a
    // verb, adjective, adverb or a noun for more than a place or a person, is a word first. Both write some proper nouns
    // in lower case too ("sydney", "nablus"), so a name that is only a place or a person is no word.
    private static bool IsEnglishWord(EnglishWords words, string lower) =>
        (words.TagsOf(lower) is { } tags && tags.Any(t => t is not (PennTag.NNP or PennTag.NNPS)))
        || words.IsLemma(WordNetPos.Verb, lower) || words.IsLemma(WordNetPos.Adjective, lower) || words.IsLemma(WordNetPos.Adverb, lower)
        || (words.ClassesOf(WordNetPos.Noun, lower) is { } noun && (noun.All & ~(Bit(LexClass.Location) | Bit(LexClass.Person))) != 0);

    private static ulong Bit(LexClass c) => 1UL << (int)c;
}
