using System.Text.RegularExpressions;
using System.Xml.Linq;
using YamlDotNet.Core;
using YamlDotNet.Serialization;

namespace Graph.Store.Neo4j.Tests;

/// <summary>
/// There is no Docker engine here, so what <c>docker compose up</c> depends on is checked on the files: Neo4j 5.26 or
/// newer with Browser, Bolt and a healthcheck; the GraphQL server and the ingestion worker on the Neo4j store, started
/// once Neo4j is healthy; a Dockerfile that copies files that exist and everything <c>dotnet publish</c> reads.
/// </summary>
public sealed partial class ComposeFileTests
{
    private static readonly string Root = Repo.Root;

    private static readonly Dictionary<object, object> Services = Map(Compose()["services"]);

    [Fact]
    public void Neo4j_is_5_26_or_newer_with_Browser_Bolt_a_volume_and_a_healthcheck_that_runs_a_query()
    {
        var neo4j = Map(Services["neo4j"]);

        var version = ImageVersion().Match((string)neo4j["image"]);
        version.Success.ShouldBeTrue($"image {neo4j["image"]}");
        (int.Parse(version.Groups[1].Value) * 100 + int.Parse(version.Groups[2].Value)).ShouldBeGreaterThanOrEqualTo(526, "Neo4j 5.26 or newer (2025.x calendar versions are newer)");
        // Browser is served on 7474 and talks to the database over Bolt on 7687.
        Strings(neo4j["ports"]).ShouldContain("7474:7474");
        Strings(neo4j["ports"]).ShouldContain("7687:7687");
        Strings(neo4j["volumes"]).ShouldContain(v => v.EndsWith(":/data", StringComparison.Ordinal));
        Env(neo4j)["NEO4J_AUTH"].ShouldStartWith("neo4j/");

        var health = Map(neo4j["healthcheck"]);
        string.Join(' ', Strings(health["test"])).ShouldContain("cypher-shell", customMessage: "healthy means a query runs, not only that a port is open");
        health.Keys.ShouldContain("retries");
    }

    [Theory]
    [InlineData("graph")]
    [InlineData("worker")]
    public void The_server_and_the_worker_use_the_Neo4j_store_and_start_once_Neo4j_is_healthy(string name)
    {
        var service = Map(Services[name]);
        var env = Env(service);

        env["Graph__Store"].ShouldBe("Neo4j");
        env["Graph__Neo4j__Uri"].ShouldBe("http://neo4j:7474", "the compose service name and Neo4j's HTTP port (the Query API)");
        env["Graph__Neo4j__User"].ShouldBe("neo4j");
        env["Graph__Neo4j__Password"].ShouldBe(Env(Map(Services["neo4j"]))["NEO4J_AUTH"]["neo4j/".Length..]);
        Map(Map(service["depends_on"])["neo4j"])["condition"].ShouldBe("service_healthy");

        var build = Map(service["build"]);
        ((string)build["context"]).ShouldBe(".");
        File.Exists(Path.Combine(Root, (string)build["dockerfile"])).ShouldBeTrue($"{build["dockerfile"]}");
        // The ingestion log (runs, dead letters) is one SQLite file both write: the API lists the worker's runs.
        Strings(service["volumes"]).ShouldContain("graph-data:/data");
    }

    [Fact]
    public void The_server_serves_on_5080_and_the_worker_ingests_a_mounted_folder_on_a_schedule()
    {
        var graph = Map(Services["graph"]);
        Strings(graph["command"]).ShouldBe(["serve"]);
        Strings(graph["ports"]).ShouldContain("5080:5080");
        Env(graph)["GRAPH_URLS"].ShouldBe("http://0.0.0.0:5080");

        var worker = Map(Services["worker"]);
        Strings(worker["command"]).ShouldBe(["worker"]);
        var env = Env(worker);
        env["Graph__Worker__Sources__0__Kind"].ShouldBe("Folder");
        env["Graph__Worker__Sources__0__Schedule"].ShouldNotBeNullOrWhiteSpace();
        string folder = env["Graph__Worker__Sources__0__Path"];
        Strings(worker["volumes"]).ShouldContain(v => v.EndsWith($":{folder}", StringComparison.Ordinal) || v.EndsWith($":{folder}:ro", StringComparison.Ordinal));
    }

    [Fact]
    public void The_Dockerfile_copies_what_exists_and_everything_publish_needs_before_it_runs()
    {
        var lines = File.ReadAllLines(Path.Combine(Root, "src", "Graph.Cli", "Dockerfile")).Select(l => l.Trim()).ToList();
        int restore = lines.FindIndex(l => l.StartsWith("RUN dotnet restore", StringComparison.Ordinal));
        int publish = lines.FindIndex(l => l.StartsWith("RUN dotnet publish", StringComparison.Ordinal));
        restore.ShouldBeGreaterThan(0);
        publish.ShouldBeGreaterThan(restore);

        var copied = new List<(int Line, string Path)>();
        foreach (var (line, i) in lines.Select((l, i) => (l, i)).Where(x => x.l.StartsWith("COPY ", StringComparison.Ordinal) && !x.l.Contains("--from", StringComparison.Ordinal)))
        {
            foreach (string source in line.Split(' ', StringSplitOptions.RemoveEmptyEntries)[1..^1])
            {
                Path.Exists(Path.Combine(Root, source)).ShouldBeTrue($"Dockerfile copies {source}, which is not in the repository");
                copied.Add((i, source.TrimEnd('/')));
            }
        }

        bool CopiedBefore(int line, string path) => copied.Any(c => c.Line < line && (c.Path == path || path.StartsWith(c.Path + "/", StringComparison.Ordinal)));

        foreach (string project in ProjectClosure("src/Graph.Cli/Graph.Cli.csproj"))
        {
            CopiedBefore(restore, project).ShouldBeTrue($"{project} is referenced by the CLI but not copied before the restore");
            foreach (string outside in FilesOutsideTheProject(project))
            {
                CopiedBefore(publish, outside).ShouldBeTrue($"{project} builds {outside}, which is not copied before the publish");
            }
        }

        // Graph.Web's build runs npm: the build stage must have it.
        lines[lines.FindIndex(l => l.Contains(" AS build", StringComparison.Ordinal))..publish].ShouldContain(l => l.Contains("npm", StringComparison.Ordinal));

        var ignored = File.ReadAllLines(Path.Combine(Root, "src", "Graph.Cli", "Dockerfile.dockerignore"));
        ignored.ShouldContain("**/node_modules/", "the build's npm ci installs for the image's platform");
    }

    /// <summary>The project and every project it references, transitively, as repository paths.</summary>
    private static IEnumerable<string> ProjectClosure(string project)
    {
        var seen = new HashSet<string>(StringComparer.Ordinal);
        var pending = new Stack<string>([project]);
        while (pending.TryPop(out var next))
        {
            if (!seen.Add(next))
            {
                continue;
            }

            foreach (string reference in Includes(next, "ProjectReference"))
            {
                pending.Push(reference);
            }
        }

        return seen;
    }

    /// <summary>Files a project includes from outside its own folder (the schema, the seed), as repository paths.</summary>
    private static IEnumerable<string> FilesOutsideTheProject(string project) =>
        Includes(project, "EmbeddedResource", "None", "Content", "Compile")
            .Where(path => !path.StartsWith(Path.GetDirectoryName(project)!.Replace('\\', '/') + "/", StringComparison.Ordinal))
            .Select(path => path.Split('*')[0].TrimEnd('/'));

    private static IEnumerable<string> Includes(string project, params string[] items)
    {
        string folder = Path.GetDirectoryName(Path.Combine(Root, project))!;
        return XDocument.Load(Path.Combine(Root, project)).Descendants()
            .Where(e => items.Contains(e.Name.LocalName) && e.Attribute("Include") is not null)
            .Select(e => Path.GetRelativePath(Root, Path.GetFullPath(Path.Combine(folder, e.Attribute("Include")!.Value.Replace('\\', '/')))).Replace('\\', '/'));
    }

    /// <summary>docker-compose.yml with its YAML merge keys (<c>&lt;&lt;: *graph-neo4j</c>) resolved, as compose reads it.</summary>
    private static Dictionary<object, object> Compose()
    {
        using var reader = new StringReader(File.ReadAllText(Path.Combine(Root, "docker-compose.yml")));
        return Map(new DeserializerBuilder().Build().Deserialize(new MergingParser(new Parser(reader))));
    }

    private static Dictionary<object, object> Map(object? node) => node.ShouldBeOfType<Dictionary<object, object>>();

    private static List<string> Strings(object? node) => [.. node.ShouldBeOfType<List<object>>().Cast<string>()];

    private static Dictionary<string, string> Env(Dictionary<object, object> service) =>
        Map(service["environment"]).ToDictionary(p => (string)p.Key, p => (string)p.Value);

    [GeneratedRegex(@"^neo4j:(\d+)\.(\d+)(\.\d+)?(-community|-enterprise)?$")]
    private static partial Regex ImageVersion();
}
