using System.Text.Json;
using Graph.Extraction.Text;

namespace Graph.Extraction.Tests;

public class SegmenterTests
{
    private static readonly PageRules Page = PageRules.Read(JsonDocument.Parse(File.ReadAllText(Path.Combine(Extract.RepoRoot(), "graph-seed", "lexicon", "page.json"))).RootElement);

    private static string[] Sentences(string text) => Segmenter.Split(text, Page).Select(s => s.Text).ToArray();

    [Fact]
    public void Abbreviations_initials_and_decimals_do_not_end_sentences()
    {
        Sentences("The U.S. envoy met Mr. Smith and Gen. Jones in Jan. 2015. George W. Bush said growth was 3.5 percent. It ended.")
            .ShouldBe(["The U.S. envoy met Mr. Smith and Gen. Jones in Jan. 2015.", "George W. Bush said growth was 3.5 percent.", "It ended."]);
    }

    [Fact]
    public void Quotes_close_sentences_and_headlines_end_at_line_breaks()
    {
        Sentences("US open to talks with Russia\n\n\"We will continue.\" The envoy left.")
            .ShouldBe(["US open to talks with Russia", "\"We will continue.\"", "The envoy left."]);
    }

    [Fact]
    public void Inline_blurbs_are_dropped_and_bullets_separate()
    {
        Sentences("Margaret Owen London • Turkey has said it will invade. Join the debate – email letters@example.com • Read more letters")
            .ShouldBe(["Margaret Owen London", "Turkey has said it will invade.", "Read more letters"]);
    }

    [Fact]
    public void Furniture_lines_and_photo_captions_are_dropped_with_offsets_kept()
    {
        string text = "Skip to main content\nA plane at the airport on 12 September (AFP/HO/SANA)\nRussia met Turkey.\nSign up to get the latest alerts";
        var sentences = Segmenter.Split(text, Page);
        var only = sentences.ShouldHaveSingleItem();
        only.Text.ShouldBe("Russia met Turkey.");
        text[only.Start..only.End].ShouldBe(only.Text);
    }

    [Fact]
    public void A_misspelt_key_in_the_page_rules_is_refused()
    {
        var page = JsonDocument.Parse("""{"furniture": {"starts": ["skip to"], "contians": ["newsletter"]}}""").RootElement;

        Should.Throw<InvalidDataException>(() => PageRules.Read(page)).Message.ShouldContain("contians");
    }
}
