namespace Graph.Extraction.Words;

/// <summary>
/// The Penn Treebank word classes, as Brill's lexicon and contextual rules write them. Punctuation has classes of its
/// own (<see cref="Comma"/>, <see cref="Stop"/>…), so that a rule can say "after a comma".
/// </summary>
internal enum PennTag : byte
{
    None,
    CC,
    CD,
    DT,
    EX,
    FW,
    IN,
    JJ,
    JJR,
    JJS,
    LS,
    MD,
    NN,
    NNS,
    NNP,
    NNPS,
    PDT,
    POS,
    PRP,
    PRPS,
    RB,
    RBR,
    RBS,
    RP,
    SYM,
    TO,
    UH,
    VB,
    VBD,
    VBG,
    VBN,
    VBP,
    VBZ,
    WDT,
    WP,
    WPS,
    WRB,
    Comma,
    Stop,
    Colon,
    LeftParen,
    RightParen,
    Quote,
    Hash,
    Dollar,
}

internal static class PennTags
{
    private static readonly Dictionary<string, PennTag> ByName = BuildNames();

    public static bool TryParse(string name, out PennTag tag) => ByName.TryGetValue(name, out tag);

    public static PennTag Parse(string name) =>
        ByName.TryGetValue(name, out var tag) ? tag : throw new FormatException($"'{name}' is not a Penn Treebank tag.");

    public static string Name(this PennTag tag) => tag switch
    {
        PennTag.PRPS => "PRP$",
        PennTag.WPS => "WP$",
        PennTag.Comma => ",",
        PennTag.Stop => ".",
        PennTag.Colon => ":",
        PennTag.LeftParen => "(",
        PennTag.RightParen => ")",
        PennTag.Quote => "\"",
        PennTag.Hash => "#",
        PennTag.Dollar => "$",
        _ => tag.ToString(),
    };

    public static bool IsNoun(this PennTag t) => t is PennTag.NN or PennTag.NNS or PennTag.NNP or PennTag.NNPS;

    public static bool IsProperNoun(this PennTag t) => t is PennTag.NNP or PennTag.NNPS;

    public static bool IsVerb(this PennTag t) => t is PennTag.VB or PennTag.VBD or PennTag.VBG or PennTag.VBN or PennTag.VBP or PennTag.VBZ;

    /// <summary>A verb form that can head a clause on its own: "attacked", "attacks", "attack" (not "attacking", "attacked" after "was").</summary>
    public static bool IsFinite(this PennTag t) => t is PennTag.VBD or PennTag.VBP or PennTag.VBZ;

    public static bool IsAdjective(this PennTag t) => t is PennTag.JJ or PennTag.JJR or PennTag.JJS;

    public static bool IsAdverb(this PennTag t) => t is PennTag.RB or PennTag.RBR or PennTag.RBS;

    public static bool IsPunctuation(this PennTag t) => t >= PennTag.Comma;

    private static Dictionary<string, PennTag> BuildNames()
    {
        var names = new Dictionary<string, PennTag>(StringComparer.Ordinal);
        foreach (var tag in Enum.GetValues<PennTag>())
        {
            if (tag != PennTag.None)
            {
                names[tag.Name()] = tag;
            }
        }

        // Brill's lexicon writes every quotation mark as a quote and two more symbols its own way.
        names["``"] = PennTag.Quote;
        names["''"] = PennTag.Quote;
        names["-LRB-"] = PennTag.LeftParen;
        names["-RRB-"] = PennTag.RightParen;
        return names;
    }
}
