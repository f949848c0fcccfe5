namespace Graph.Api.Tests;

public class PlaceholderTests
{
    [Fact]
    public void Builds() => true.ShouldBeTrue();
}
