using System.Text.Json;
using Graph.Extraction.Analysis;
using Graph.Extraction.Text;

namespace Graph.Extraction.Tests;

/// <summary>The words that date events are data (dates.json): what they date, and a slip in the file fails loudly.</summary>
public class EventDatesTests
{
    private static readonly string ShippedFile = Path.Combine(Extract.RepoRoot(), "graph-seed", "lexicon", "dates.json");

    private static readonly EventDates Dates = EventDates.Read(JsonDocument.Parse(File.ReadAllText(ShippedFile)).RootElement);

    private static readonly DateOnly Published = new(2019, 3, 15); // a Friday

    [Theory]
    [InlineData("Russia attacked the town on Thursday.", "2019-03-14")]
    [InlineData("The talks began yesterday.", "2019-03-14")]
    [InlineData("The war began in March 2011.", "2011-03-01")]
    [InlineData("They met on 12 September.", "2018-09-12")]
    [InlineData("They met in May.", "2018-05-01")]
    public void A_sentence_is_dated_relative_to_publication(string text, string expected)
    {
        Dates.Find(Tokenizer.Tokenize(text), Published).ShouldBe(DateOnly.Parse(expected, System.Globalization.CultureInfo.InvariantCulture));
    }

    [Fact]
    public void May_the_verb_dates_nothing()
    {
        Dates.Find(Tokenizer.Tokenize("Turkey May attack the town."), Published).ShouldBeNull();
    }

    [Fact]
    public void A_misspelt_list_is_refused()
    {
        var root = JsonDocument.Parse("""{"weekdyas": {"words": ["monday"]}}""").RootElement;

        Should.Throw<InvalidDataException>(() => EventDates.Read(root)).Message.ShouldContain("weekdyas");
    }
}
