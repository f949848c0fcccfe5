using System.IO.Compression;
using System.Reflection;
using System.Security.Cryptography;

namespace Graph.Extraction;

/// <summary>One city of the built-in world table: GeoNames' name, its state's ISO 3166-1 alpha-2 code and population.</summary>
internal sealed record City(string Name, string Iso2, long Population, string GeoNameId);

/// <summary>
/// The world's cities and the English first names, built from registry packages at build time (Words/build-places.mjs).
/// The cities come most populous first, one per name, so that a reader stops at its threshold and never holds the rest.
/// </summary>
internal sealed class WorldCities
{
    private const string Resource = "words/places.tsv.gz";

    private static readonly Lazy<WorldCities> BuiltIn = new(() => new WorldCities(ReadResource()));

    private readonly byte[] _table;

    private WorldCities(byte[] table)
    {
        _table = table;
        Fingerprint = Convert.ToHexStringLower(SHA256.HashData(table));
        using var reader = Open();
        GivenNames = Section(reader, "givenNames").Select(f => f[0]).ToHashSet(StringComparer.Ordinal);
    }

    public static WorldCities Default => BuiltIn.Value;

    /// <summary>A hash of the table as built: part of the extractor's version.</summary>
    public string Fingerprint { get; }

    /// <summary>"Victoria", "Jackson": first names common in English-speaking countries, as written.</summary>
    public IReadOnlySet<string> GivenNames { get; }

    /// <summary>The cities of at least <paramref name="minPopulation"/> people, most populous first.</summary>
    public IEnumerable<City> AtLeast(long minPopulation)
    {
        using var reader = Open();
        foreach (var f in Section(reader, "cities"))
        {
            var city = new City(f[0], f[1], long.Parse(f[2], System.Globalization.CultureInfo.InvariantCulture), f[3]);
            if (city.Population < minPopulation)
            {
                yield break;
            }

            yield return city;
        }
    }

    private StreamReader Open() => new(new GZipStream(new MemoryStream(_table, writable: false), CompressionMode.Decompress));

    // The lines of one section, split on tabs; reading stops at the next section.
    private static IEnumerable<string[]> Section(StreamReader reader, string name)
    {
        bool inside = false;
        while (reader.ReadLine() is { } line)
        {
            if (line.StartsWith("@section\t", StringComparison.Ordinal))
            {
                if (inside)
                {
                    yield break;
                }

                inside = line == "@section\t" + name;
            }
            else if (inside && line.Length > 0)
            {
                var f = line.Split('\t');
                yield return f.Length == (name == "cities" ? 4 : 1) ? f : throw new InvalidDataException($"The world city table ({name}): bad line '{line}'");
            }
        }
    }

    private static byte[] ReadResource()
    {
        using var stream = Assembly.GetExecutingAssembly().GetManifestResourceStream(Resource)
            ?? throw new InvalidOperationException($"Graph.Extraction was built without its world city table ({Resource}).");
        using var buffer = new MemoryStream();
        stream.CopyTo(buffer);
        return buffer.ToArray();
    }
}
