namespace Graph.Extraction.Tests;

public class PlaceholderTests
{
    [Fact]
    public void Builds() => true.ShouldBeTrue();
}
