using System.Xml.Linq;

namespace Graph.Core.Tests;

/// <summary>Core depends on nothing else in the solution, and nothing is referenced that nothing uses.</summary>
public sealed class ArchitectureTests
{
    [Fact]
    public void Core_references_no_other_project_of_the_solution()
    {
        var project = XDocument.Load(Repo.File("src", "Graph.Core", "Graph.Core.csproj"));

        project.Descendants("ProjectReference").ShouldBeEmpty();
        typeof(Graph.Core.Ingestion.ArticleIngestion).Assembly.GetReferencedAssemblies()
            .ShouldNotContain(a => a.Name!.StartsWith("Graph.", StringComparison.Ordinal));
    }

    [Fact]
    public void Every_central_package_version_is_used_by_some_project()
    {
        var versions = XDocument.Load(Repo.File("Directory.Packages.props")).Descendants("PackageVersion").Select(p => (string)p.Attribute("Include")!).ToList();
        var projects = Directory.EnumerateFiles(Repo.Root, "*.csproj", SearchOption.AllDirectories)
            .Where(p => !p.Contains("node_modules", StringComparison.Ordinal) && !p.Contains($"{Path.DirectorySeparatorChar}artifacts{Path.DirectorySeparatorChar}", StringComparison.Ordinal))
            .Append(Repo.File("tests", "Directory.Build.props"));
        var used = projects.SelectMany(p => XDocument.Load(p).Descendants("PackageReference")).Select(r => (string)r.Attribute("Include")!).ToHashSet();

        versions.Where(v => !used.Contains(v)).ShouldBeEmpty("a central package version nothing references");
    }
}
