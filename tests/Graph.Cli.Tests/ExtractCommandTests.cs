using System.Text.Json;

namespace Graph.Cli.Tests;

/// <summary>The public <c>graph extract</c> contract, read as a consumer reads it: plain JSON.</summary>
public sealed class ExtractCommandTests : IDisposable
{
    private static readonly string[] PloverTypes =
    [
        "AGREE", "CONSULT", "SUPPORT", "CONCEDE", "COOPERATE", "AID", "RETREAT", "REQUEST",
        "ACCUSE", "REJECT", "THREATEN", "PROTEST", "SANCTION", "MOBILIZE", "COERCE", "ASSAULT",
    ];

    private readonly TempDir _dir = new();

    public void Dispose() => _dir.Dispose();

    [Fact]
    public async Task SeedArticlePrintsOneObjectWithTheContractShape()
    {
        var result = await GraphCli.RunAsync(_dir.Path, "extract", Repo.SeedArticle);

        result.ExitCode.ShouldBe(0, result.Stderr);
        result.Lines.Count.ShouldBe(1);
        using var doc = JsonDocument.Parse(result.Lines[0]);
        var root = doc.RootElement;
        root.GetProperty("article").GetProperty("id").GetString().ShouldBe("us-open-to-talks-with-russia-on-syria.txt");
        foreach (var field in new[] { "title", "source", "publishedAt" })
        {
            root.GetProperty("article").TryGetProperty(field, out _).ShouldBeTrue(field);
        }

        var actorIds = new HashSet<string>();
        foreach (var actor in root.GetProperty("actors").EnumerateArray())
        {
            actorIds.Add(actor.GetProperty("id").GetString()!);
            actor.GetProperty("name").GetString().ShouldNotBeNullOrWhiteSpace();
            actor.GetProperty("kind").GetString().ShouldBeOneOf("country", "person", "organization", "armed_group", "group", "location");
            actor.GetProperty("aliases").ValueKind.ShouldBe(JsonValueKind.Array);
            actor.GetProperty("affiliations").ValueKind.ShouldBe(JsonValueKind.Array);
            actor.GetProperty("codes").ValueKind.ShouldBe(JsonValueKind.Object);
        }

        var text = File.ReadAllText(Repo.SeedArticle);
        var relations = root.GetProperty("relations").EnumerateArray().ToList();
        relations.ShouldNotBeEmpty();
        foreach (var r in relations)
        {
            actorIds.ShouldContain(r.GetProperty("source").GetString()!);
            actorIds.ShouldContain(r.GetProperty("target").GetString()!);
            PloverTypes.ShouldContain(r.GetProperty("type").GetString()!);
            r.GetProperty("polarity").GetInt32().ShouldBeInRange(-1, 1);
            r.GetProperty("confidence").GetDouble().ShouldBeInRange(0, 1);
            r.GetProperty("score").GetDouble().ShouldBeInRange(-10, 10);
            r.GetProperty("modality").GetString().ShouldBeOneOf("asserted", "negated", "hypothetical", "future", "reported");
            int start = r.GetProperty("start").GetInt32(), end = r.GetProperty("end").GetInt32();
            text[start..end].ShouldBe(r.GetProperty("sentence").GetString());
        }
    }

    [Fact]
    public async Task SeedArticleNamesTheActorsAndRelationshipsAReaderSees()
    {
        var article = await ExtractOneAsync(Repo.SeedArticle);

        foreach (var name in new[] { "United States", "Russia", "Syria", "Bashar al-Assad", "Vladimir Putin", "Staffan de Mistura", "Islamic State" })
        {
            article.Actor(name).ShouldNotBeNull($"{name} is missing; actors: {string.Join(", ", article.Actors.Select(a => a.Name))}");
        }

        article.Has("Russia", ["Bashar al-Assad", "Syria"], ["SUPPORT", "AID", "COOPERATE"], polarity: 1).ShouldBeTrue(article.Dump());
        article.Has("United States", ["Russia"], ["CONSULT"], polarity: 1).ShouldBeTrue(article.Dump());
    }

    [Fact]
    public async Task SeedArticleHasNoRebuffedMeetingAndNothingFromPageFurniture()
    {
        var article = await ExtractOneAsync(Repo.SeedArticle);

        article.Relations.ShouldNotContain(
            r => r.Polarity > 0 && r.Sentence.Contains("rebuffed", StringComparison.Ordinal)
                 && (r.Source == article.Id("United States") || r.Source == article.Id("Barack Obama"))
                 && (r.Target == article.Id("Russia") || r.Target == article.Id("Vladimir Putin")),
            article.Dump());
        foreach (var furniture in new[] { "Skip to main content", "Stay informed", "Turkey Unpacked", "republishing this content" })
        {
            article.Relations.ShouldNotContain(r => r.Sentence.Contains(furniture, StringComparison.Ordinal));
        }
    }

    [Fact]
    public async Task EveryInputFormatGivesOneLinePerArticleWithItsId()
    {
        _dir.File("a.txt", "Russia condemned the attack on Syria.");
        _dir.File("b.html", "<html><head><title>Talks</title></head><body><nav>Home | World</nav><article><p>Turkey held talks with Iran on Monday.</p></article></body></html>");
        _dir.File("c.json", """{"id": "json-1", "title": "T", "text": "France urged Iran to free the sailors.", "publishedAt": "2019-03-01"}""");
        _dir.File("d.jsonl", """
            {"id": "line-1", "text": "Israel accused Hezbollah of firing rockets.", "publishedAt": "2019-02-01", "source": "Wire"}
            {"text": "Egypt agreed to host talks."}
            """);

        var result = await GraphCli.RunAsync(_dir.Path, "extract", _dir.Path);

        result.ExitCode.ShouldBe(0, result.Stderr);
        var ids = result.Lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("article").GetProperty("id").GetString()).ToList();
        ids.ShouldBe(["a.txt", "b.html", "json-1", "line-1", "d-2"]);
        var jsonl = JsonDocument.Parse(result.Lines[3]).RootElement.GetProperty("article");
        jsonl.GetProperty("source").GetString().ShouldBe("Wire");
        jsonl.GetProperty("publishedAt").GetString().ShouldStartWith("2019-02-01");
    }

    [Fact]
    public async Task HtmlPageFurnitureIsDroppedByTheReadabilityStep()
    {
        var page = """
            <html><head><title>Russia backs Assad</title></head><body>
            <nav><a href="/">Skip to main content</a> <a href="/news">News</a></nav>
            <article><h1>Russia backs Assad</h1>
            <p>Russia has provided vital military support to President Bashar al-Assad throughout the war, officials said on Tuesday.</p>
            <p>Moscow has deployed jets and troops to Syria, where the conflict has killed hundreds of thousands of people.</p>
            <p>Western governments view Assad as a pariah who shoulders blame for the chaos.</p></article>
            <aside>Sign up to our newsletter. Stay informed.</aside>
            <footer>© 2015 Example News. All rights reserved.</footer></body></html>
            """;
        var file = _dir.File("page.html", page);

        var article = await ExtractOneAsync(file);

        article.Relations.ShouldNotContain(r => r.Sentence.Contains("newsletter", StringComparison.OrdinalIgnoreCase)
            || r.Sentence.Contains("Skip to", StringComparison.Ordinal) || r.Sentence.Contains("rights reserved", StringComparison.Ordinal));
        article.Has("Russia", ["Bashar al-Assad", "Syria"], ["SUPPORT", "AID", "COOPERATE"], polarity: 1).ShouldBeTrue(article.Dump());
    }

    [Theory]
    [InlineData("empty.txt", "", "no text")]
    [InlineData("blank.txt", "  \n\n ", "no text")]
    public async Task EmptyArticlesAreRefusedClearly(string name, string text, string reason)
    {
        var file = _dir.File(name, text);

        var result = await GraphCli.RunAsync(_dir.Path, "extract", file);

        result.ExitCode.ShouldBe(1);
        result.Stdout.ShouldBeEmpty();
        result.Stderr.ShouldContain(name);
        result.Stderr.ShouldContain(reason);
    }

    [Fact]
    public async Task InvalidUtf8AndBinaryFilesAreRefusedWhileGoodFilesInTheFolderStillComeOut()
    {
        _dir.File("good.txt", "Russia condemned the attack on Syria.");
        _dir.File("latin1.txt", [0x52, 0x75, 0x73, 0x73, 0x69, 0x61, 0x20, 0xE9, 0x74, 0xE9, 0x2E]);
        _dir.File("binary.txt", [0x89, 0x50, 0x4E, 0x47, 0x00, 0x00, 0x00, 0x0D, 0x49, 0x48, 0x44, 0x52]);

        var result = await GraphCli.RunAsync(_dir.Path, "extract", _dir.Path);

        result.ExitCode.ShouldBe(1);
        result.Lines.Count.ShouldBe(1);
        result.Lines[0].ShouldContain("\"good.txt\"");
        result.Stderr.ShouldContain("latin1.txt: not valid UTF-8");
        result.Stderr.ShouldContain("binary.txt: binary content");
    }

    [Fact]
    public async Task AFiftyMegabyteFileIsRefusedWithTheLimitNamed()
    {
        var path = Path.Combine(_dir.Path, "huge.txt");
        await using (var stream = File.Create(path))
        {
            var chunk = System.Text.Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("Russia condemned the attack. ", 1000)));
            while (stream.Length < 50L * 1024 * 1024)
            {
                await stream.WriteAsync(chunk, TestContext.Current.CancellationToken);
            }
        }

        var result = await GraphCli.RunAsync(_dir.Path, "extract", path);

        result.ExitCode.ShouldBe(1);
        result.Stdout.ShouldBeEmpty();
        result.Stderr.ShouldContain("huge.txt: file is 50.0 MB; one article may be at most 16.0 MB");
    }

    [Fact]
    public async Task BrokenJsonLinesAreReportedByLineAndTheRestAreRead()
    {
        var file = _dir.File("feed.jsonl", """
            {"id": "ok-1", "text": "Turkey held talks with Iran."}
            {"id": "broken", "text": 
            {"id": "no-text", "title": "Headline only"}
            {"id": "ok-2", "text": "Egypt agreed to host talks."}
            """);

        var result = await GraphCli.RunAsync(_dir.Path, "extract", file);

        result.ExitCode.ShouldBe(1);
        result.Lines.Select(l => JsonDocument.Parse(l).RootElement.GetProperty("article").GetProperty("id").GetString()).ShouldBe(["ok-1", "ok-2"]);
        result.Stderr.ShouldContain("feed.jsonl:2: not valid JSON");
        result.Stderr.ShouldContain("feed.jsonl:3: missing \"text\"");
    }

    [Fact]
    public async Task AMissingPathIsAClearError()
    {
        var result = await GraphCli.RunAsync(_dir.Path, "extract", Path.Combine(_dir.Path, "nope.txt"));

        result.ExitCode.ShouldBe(1);
        result.Stderr.ShouldContain("nope.txt: no such file or folder");
    }

    private async Task<ExtractedArticle> ExtractOneAsync(string path)
    {
        var result = await GraphCli.RunAsync(_dir.Path, "extract", path);
        result.ExitCode.ShouldBe(0, result.Stderr);
        return ExtractedArticle.Parse(result.Lines.ShouldHaveSingleItem());
    }
}
