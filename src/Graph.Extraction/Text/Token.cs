namespace Graph.Extraction.Text;

/// <summary>A word or punctuation mark with its offsets in the original article text.</summary>
internal sealed class Token(string text, int start, bool spaceBefore)
{
    public string Text { get; } = text;
    public string Lower { get; } = text.ToLowerInvariant();
    public int Start { get; } = start;
    public int End => Start + Text.Length;

    /// <summary>False for "-" in "US-backed" or "'s" in "Russia's": lets patterns tell glued pieces from separate words.</summary>
    public bool SpaceBefore { get; } = spaceBefore;

    public bool IsWord => char.IsLetterOrDigit(Text[0]);
    public bool IsCapitalised => char.IsUpper(Text[0]);
    public bool IsPossessive => Lower is "'s" or "’s" or "'" or "’";
    public bool IsQuote => Text is "\"" or "“" or "”" or "‘" or "’" or "'";

    public override string ToString() => Text;
}
