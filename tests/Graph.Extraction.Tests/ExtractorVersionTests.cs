namespace Graph.Extraction.Tests;

/// <summary>
/// The extractor's version names its code and all its data, so that changed extraction code or an edited lexicon or
/// knowledge base makes stored articles stale (reingest re-extracts them), and nothing else does.
/// </summary>
public sealed class ExtractorVersionTests : IDisposable
{
    private readonly string _dir = Directory.CreateTempSubdirectory("graph-version-").FullName;

    public void Dispose() => Directory.Delete(_dir, recursive: true);

    [Fact]
    public void An_unchanged_copy_of_the_data_has_the_built_in_version()
    {
        var (actors, lexicon) = CopyData();
        RuleExtractor.FromDirectory(actors, lexicon).Version.ShouldBe(Extract.Default.Version);
    }

    [Fact]
    public void The_code_part_is_a_hash_of_the_compiled_code_not_a_number_someone_must_remember_to_bump()
    {
        // 31 commits changed the extraction code under one hand-kept "rules-4": articles stored before them counted as current.
        Extract.Default.Version.Split('+')[0].ShouldMatch("^rules-[0-9a-f]{8}$");
        RuleExtractor.FromDirectory(null, null).Version.ShouldBe(Extract.Default.Version);
    }

    [Fact]
    public void Editing_the_lexicon_changes_the_version()
    {
        var (actors, lexicon) = CopyData();
        var file = Path.Combine(lexicon, "events", "support.json");
        File.WriteAllText(file, File.ReadAllText(file).Replace("\"commend\"", "\"commend\", \"laud\"", StringComparison.Ordinal));
        var edited = RuleExtractor.FromDirectory(actors, lexicon).Version;
        edited.ShouldNotBe(Extract.Default.Version);
        edited.ShouldStartWith(Extract.Default.Version.Split('+')[0]);
    }

    [Fact]
    public void Editing_the_actors_changes_the_version()
    {
        var (actors, lexicon) = CopyData();
        var file = Path.Combine(actors, "places.json");
        File.WriteAllText(file, File.ReadAllText(file).Replace("\"Idlib province\"", "\"Idlib governorate\"", StringComparison.Ordinal));
        RuleExtractor.FromDirectory(actors, lexicon).Version.ShouldNotBe(Extract.Default.Version);
    }

    [Fact]
    public void A_lexicon_alone_uses_the_built_in_actors()
    {
        var (_, lexicon) = CopyData();
        RuleExtractor.FromDirectory(null, lexicon).Version.ShouldBe(Extract.Default.Version);
    }

    private (string Actors, string Lexicon) CopyData()
    {
        string seed = Path.Combine(Extract.RepoRoot(), "graph-seed");
        foreach (var file in Directory.EnumerateFiles(seed, "*.json", SearchOption.AllDirectories).Where(f => f.Contains("/actors/", StringComparison.Ordinal) || f.Contains("/lexicon/", StringComparison.Ordinal)))
        {
            string target = Path.Combine(_dir, Path.GetRelativePath(seed, file));
            Directory.CreateDirectory(Path.GetDirectoryName(target)!);
            File.Copy(file, target);
        }

        return (Path.Combine(_dir, "actors"), Path.Combine(_dir, "lexicon"));
    }
}
