using System.Text;
using System.Text.Json;
using System.Xml.Linq;
using Graph.Core.Domain;
using Graph.Core.Exports;
using Graph.Store.Sqlite;

namespace Graph.Core.Tests.Exports;

/// <summary>
/// Every export format over the real embedded store, holding the <see cref="Sample"/> articles and one whose text and
/// names carry everything that breaks a careless writer: commas, quotes, apostrophes, backslashes, line breaks,
/// control characters (which XML 1.0 cannot hold at all), emoji and accents.
/// </summary>
public sealed class ExportTests : IAsyncLifetime
{
    private const string Hostile = Sample.HostileSentence;

    private static Actor Rebels => Sample.Rebels;

    private readonly TempDir _dir = new();
    private SqliteGraphStore _store = null!;
    private GraphExport _export = null!;

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    public async ValueTask InitializeAsync()
    {
        _store = new SqliteGraphStore(new SqliteStoreOptions { DataDirectory = _dir.Path }, TimeProvider.System);
        await _store.InitializeAsync(Ct);
        _export = new GraphExport(_store);
        foreach (var sample in new[]
        {
            Sample.RussiaBacksAssad(),
            Sample.RussiaRebuffsWashington(),
            Sample.Hostile(),
        })
        {
            await _store.SaveArticleAsync(sample.Article, sample.Extraction, "v1", Ct);
        }
    }

    public ValueTask DisposeAsync()
    {
        _store.Dispose();
        _dir.Dispose();
        return ValueTask.CompletedTask;
    }

    private async Task<string> WriteAsync(string format, ExportScope? scope = null)
    {
        var text = new StringWriter();
        await ExportFormats.Find(format).WriteAsync(_export, scope ?? new ExportScope(), text, Ct);
        return text.ToString();
    }

    private async Task<List<EventRow>> EventsAsync(ExportScope? scope = null)
    {
        var rows = new List<EventRow>();
        await foreach (var row in _export.EventsAsync(scope ?? new ExportScope(), Ct))
        {
            rows.Add(row);
        }

        return rows;
    }

    [Fact]
    public async Task Events_are_one_row_per_piece_of_evidence_with_names_codes_and_article()
    {
        var rows = await EventsAsync();

        rows.Count.ShouldBe((int)(await _store.GetStatsAsync(Ct)).Evidence);
        var support = rows.Single(r => r.Type == "SUPPORT");
        support.ShouldBe(new EventRow(
            support.Id, new DateOnly(2024, 3, 1), null, Sample.March1,
            "RUS", "Russia", "RUS", "bashar-al-assad", "Bashar al-Assad", null,
            "SUPPORT", "05", 1, 5, 0.9, "asserted", null, null,
            "Russia pledged its full support for Bashar al-Assad.", 0, 52,
            "russia-backs-assad", "Russia backs Assad", "https://example.org/russia-backs-assad", "v1"));
        var hostile = rows.Single(r => r.ArticleId == "hostile");
        (hostile.SourceName, hostile.SourceCameo, hostile.Speaker, hostile.SpeakerName, hostile.CameoRoot).ShouldBe((Rebels.Name, "SYRREB", "TUR", "Turkey", "18"));
        rows.Single(r => r.Type == "AID").Date.ShouldBe(new DateOnly(2024, 2, 28), "the event's own day comes first");
        rows.ShouldContain(r => r.Modality == "negated", "every modality is exported, and says which it is");
    }

    [Fact]
    public async Task Json_lines_read_back_as_the_same_rows_one_line_each()
    {
        var rows = await EventsAsync();

        string text = await WriteAsync("jsonl");

        var lines = text.Split('\n');
        lines[^1].ShouldBeEmpty();
        lines[..^1].Select(l => JsonSerializer.Deserialize<EventRow>(l, JsonLinesFormat.Json)).ShouldBe(rows);
        lines[0].ShouldStartWith("{\"id\":");
        text.ShouldContain("Türkiye", customMessage: "text is written as it is, not escaped");
    }

    [Fact]
    public async Task Csv_reads_back_as_the_same_fields_under_rfc_4180()
    {
        var rows = await EventsAsync();

        string text = await WriteAsync("csv");

        var records = Rfc4180.Parse(text);
        records[0].ShouldBe(EventRow.Columns);
        records.Count.ShouldBe(rows.Count + 1);
        records.Skip(1).ShouldAllBe(r => r.Count == EventRow.Columns.Count);
        records.Skip(1).Select(r => (IEnumerable<string>)r).ShouldBe(rows.Select(r => r.Values().Select(v => v ?? "")));
        records.Single(r => r[0] == rows.Single(x => x.ArticleId == "hostile").Id)[EventRow.Columns.ToList().IndexOf("sentence")].ShouldBe(Hostile);
        text.ShouldEndWith("\r\n");
    }

    [Fact]
    public async Task Filters_keep_the_days_types_and_actor_asked_for()
    {
        var march = await EventsAsync(new ExportScope(new DateOnly(2024, 3, 1), new DateOnly(2024, 3, 31)));
        march.ShouldNotBeEmpty();
        march.ShouldAllBe(r => r.Date >= new DateOnly(2024, 3, 1) && r.Date <= new DateOnly(2024, 3, 31));

        var rejects = await EventsAsync(await ExportScope.ParseAsync(_store, null, null, " reject ,ACCUSE", null, "--", Ct));
        rejects.Select(r => r.Type).Distinct().ShouldBe(["ACCUSE", "REJECT"], ignoreOrder: true);

        var ofTurkeyScope = await ExportScope.ParseAsync(_store, "", "", "", "Ankara", "--", Ct);
        var turkey = ofTurkeyScope.Actor.ShouldNotBeNull();
        turkey.Id.ShouldBe("TUR");
        var ofTurkey = await EventsAsync(ofTurkeyScope);
        ofTurkey.ShouldAllBe(r => r.Source == "TUR" || r.Target == "TUR");
        ofTurkey.Count.ShouldBe(1, "Turkey's threat; speaking about the rebels' assault is not a relationship of Turkey's");

        var graph = await _export.GraphAsync(new ExportScope(Actor: turkey), Ct);
        graph.Nodes.Select(a => a.Id).ShouldBe(["SYR", "TUR"]);
        graph.Edges.ShouldHaveSingleItem().Type.ShouldBe(RelationType.Threaten);
    }

    [Fact]
    public async Task Unknown_types_days_and_actors_and_reversed_dates_are_refused_with_the_reason()
    {
        async Task<string> RefusedAsync(string? since = null, string? until = null, string? types = null, string? actor = null) =>
            (await Should.ThrowAsync<UserErrorException>(() => ExportScope.ParseAsync(_store, since, until, types, actor, "--", Ct))).Message;

        var types = await RefusedAsync(types: "SUPPORT,HUG,3");
        types.ShouldContain("--types: 'HUG', '3' are not PLOVER types");
        types.ShouldContain("AGREE,CONSULT,SUPPORT");
        (await RefusedAsync(since: "2024-05-01", until: "2024-04-01")).ShouldContain("--since 2024-05-01 is after --until 2024-04-01");
        (await RefusedAsync(until: "01/04/2024")).ShouldBe("--until 01/04/2024: expected a day as YYYY-MM-DD.");
        (await RefusedAsync(actor: "Atlantis")).ShouldBe("--actor Atlantis: no actor has that name, alias or id.");
        Should.Throw<UserErrorException>(() => ExportFormats.Find("xlsx")).Message.ShouldContain("jsonl, csv, graphml, gexf, cypher");
    }

    [Fact]
    public async Task The_whole_store_graph_has_every_actor_and_relationship_stats_counts()
    {
        var stats = await _store.GetStatsAsync(Ct);

        var graph = await _export.GraphAsync(new ExportScope(), Ct);

        graph.Nodes.Count.ShouldBe((int)stats.Actors);
        graph.Edges.Count.ShouldBe((int)stats.Relationships);
        var rejects = graph.Edges.Single(e => e is { Source: "RUS", Target: "USA", Type: RelationType.Reject });
        (rejects.Evidence, rejects.Counted, rejects.Score, rejects.Polarity).ShouldBe((2, 2, -2.0, -1));
        var meeting = graph.Edges.Single(e => e.Type == RelationType.Consult);
        (meeting.Evidence, meeting.Counted, meeting.Score).ShouldBe((1, 0, 0.0), "a negated meeting is kept, but scores nothing");
    }

    [Fact]
    public async Task GraphML_holds_every_actor_and_relationship_and_is_well_formed_GraphML()
    {
        var stats = await _store.GetStatsAsync(Ct);

        var xml = XDocument.Parse(await WriteAsync("graphml"));

        GraphFiles.CheckGraphML(xml).ShouldBe(((int)stats.Actors, (int)stats.Relationships));
        XNamespace g = GraphFiles.GraphMLNs;
        var rebels = xml.Descendants(g + "node").Single(n => n.Elements(g + "data").Any(d => (string)d.Attribute("key")! == "n_actorId" && d.Value == Rebels.Id));
        rebels.Elements(g + "data").Single(d => (string)d.Attribute("key")! == "n_label").Value.ShouldBe(Rebels.Name);
    }

    [Fact]
    public async Task GEXF_holds_every_actor_and_relationship_and_is_well_formed_GEXF()
    {
        var stats = await _store.GetStatsAsync(Ct);

        var xml = XDocument.Parse(await WriteAsync("gexf"));

        GraphFiles.CheckGexf(xml).ShouldBe(((int)stats.Actors, (int)stats.Relationships));
        XNamespace g = GraphFiles.GexfNs;
        xml.Descendants(g + "node").Single(n => (string)n.Attribute("id")! == Rebels.Id).Attribute("label")!.Value.ShouldBe(Rebels.Name);
        xml.Descendants(g + "edge").Where(e => (string)e.Attribute("source")! == "RUS" && (string)e.Attribute("target")! == "USA")
            .Select(e => (string)e.Attribute("kind")!).ShouldBe(["REJECT"]);
    }

    [Fact]
    public async Task Cypher_is_one_escaped_statement_per_line_with_every_actor_and_relationship()
    {
        string text = await WriteAsync("cypher");

        var statements = text.Split('\n', StringSplitOptions.RemoveEmptyEntries).Where(l => !l.StartsWith("//", StringComparison.Ordinal)).ToList();
        statements.ShouldAllBe(s => s.EndsWith(';'));
        statements[0].ShouldStartWith("CREATE CONSTRAINT actor_id IF NOT EXISTS");
        statements.ShouldContain(s => s.Contains("MERGE (a:Actor {id: row.id}) SET a += row, a:ArmedGroup", StringComparison.Ordinal));
        statements.ShouldContain(s => s.Contains("MERGE (s)-[r:REJECTS]->(t)", StringComparison.Ordinal));
        text.ShouldContain(CypherFormat.Literal(Rebels.Name));
        text.ShouldContain("`code_odd``key`: 'x\\'y'");
    }

    [Theory]
    [InlineData("plain", "'plain'")]
    [InlineData("it's", @"'it\'s'")]
    [InlineData(@"a\b", @"'a\\b'")]
    [InlineData("two\nlines\r", @"'two\u000Alines\u000D'")]
    [InlineData("sep\u2028\u0085", @"'sep\u2028\u0085'")]
    [InlineData("' OR 1=1 //", @"'\' OR 1=1 //'")]
    public void Cypher_literals_escape_whatever_would_end_the_string_or_the_line(string text, string literal) =>
        CypherFormat.Literal(text).ShouldBe(literal);

    [Fact]
    public void Cypher_literals_keep_surrogate_pairs_and_replace_a_lone_surrogate() =>
        // Built at run time: a lone surrogate does not survive being compiled into an attribute.
        CypherFormat.Literal("lone " + (char)0xD800 + " \U0001F525").ShouldBe("'lone \\uFFFD \U0001F525'");
}

/// <summary>An RFC 4180 reader: quoted fields may hold commas, doubled quotes and line breaks; records end in CRLF.</summary>
internal static class Rfc4180
{
    public static List<List<string>> Parse(string text)
    {
        var records = new List<List<string>>();
        var record = new List<string>();
        var field = new StringBuilder();
        int i = 0;
        while (i < text.Length)
        {
            if (text[i] == '"' && field.Length == 0)
            {
                for (i++; !(text[i] == '"' && (i + 1 == text.Length || text[i + 1] != '"')); i++)
                {
                    field.Append(text[i]);
                    i += text[i] == '"' ? 1 : 0;
                }

                i++;
                continue;
            }

            if (text[i] == ',')
            {
                record.Add(field.ToString());
                field.Clear();
                i++;
            }
            else if (text[i] == '\r' && text[i + 1] == '\n')
            {
                record.Add(field.ToString());
                field.Clear();
                records.Add(record);
                record = [];
                i += 2;
            }
            else
            {
                text[i].ShouldNotBe('\n', "a bare line break outside quotes");
                field.Append(text[i++]);
            }
        }

        record.Count.ShouldBe(0, "the last record ends in CRLF");
        return records;
    }
}
