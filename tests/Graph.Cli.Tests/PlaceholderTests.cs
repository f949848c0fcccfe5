namespace Graph.Cli.Tests;

public class PlaceholderTests
{
    [Fact]
    public void Builds() => true.ShouldBeTrue();
}
