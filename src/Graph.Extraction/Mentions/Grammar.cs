namespace Graph.Extraction.Mentions;

/// <summary>
/// The few grammar markers the mention passes test by form, named once: English's articles and the prepositions
/// whose meaning a pass relies on ("the government in Kabul", "the government of Iraq", "hundreds of people").
/// Everything else the passes read is data (mentions.json, words/closed-class.json).
/// </summary>
internal static class Grammar
{
    public const string The = "the";

    public const string Of = "of";

    public const string In = "in";

    /// <summary>", who …" after a name: its bearer is a person.</summary>
    public const string Who = "who";

    public static bool IsArticle(string lower) => lower is The || IsIndefiniteArticle(lower);

    public static bool IsIndefiniteArticle(string lower) => lower is "a" or "an";
}
