using Graph.Core.Ingestion;

namespace Graph.Core.Tests.Ingestion;

/// <summary>How durations and origins read to people.</summary>
public sealed class WordsTests
{
    [Theory]
    [InlineData(23.9464263, "24 s")]
    [InlineData(0.2, "0 s")]
    [InlineData(192, "3 min 12 s")]
    [InlineData(7530, "2 h 05 min")]
    public void An_eta_reads_as_people_write_it_not_as_a_timespan(double seconds, string expected) =>
        Durations.Human(TimeSpan.FromSeconds(seconds)).ShouldBe(expected);

    [Theory]
    [InlineData("/in/feed.jsonl:12", "/in/feed.jsonl")]
    [InlineData("/in/batch.json[3]", "/in/batch.json")]
    [InlineData("/in/story.txt", "/in/story.txt")]
    [InlineData("http://example.org:8080", "http://example.org:8080")]
    [InlineData("/in/notes.txt:3", "/in/notes.txt:3")]
    public void A_record_belongs_to_its_file_and_anything_else_is_its_own(string origin, string file) =>
        Origins.FileOf(origin).ShouldBe(file);
}
