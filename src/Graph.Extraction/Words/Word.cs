using Graph.Extraction.Text;

namespace Graph.Extraction.Words;

/// <summary>A token with its word class in this sentence and its dictionary form for that class.</summary>
internal readonly record struct Word(Token Token, PennTag Tag, string Lemma)
{
    public string Text => Token.Text;

    public string Lower => Token.Lower;

    public override string ToString() => $"{Token.Text}/{Tag.Name()}";
}
