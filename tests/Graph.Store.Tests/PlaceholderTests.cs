namespace Graph.Store.Tests;

public class PlaceholderTests
{
    [Fact]
    public void Builds() => true.ShouldBeTrue();
}
