namespace Graph.Extraction.Text;

/// <summary>A sentence: its span in the original article text and its tokens.</summary>
internal sealed class Sentence(int index, int start, int end, string text, List<Token> tokens)
{
    public int Index { get; } = index;
    public int Start { get; } = start;
    public int End { get; } = end;
    public string Text { get; } = text;
    public List<Token> Tokens { get; } = tokens;
}

/// <summary>
/// Drops page furniture by line class and splits what is left into sentences, never rewriting the text:
/// every sentence keeps its offsets in the original article.
/// </summary>
internal static class Segmenter
{
    // Longer than this a "sentence" is not prose (tables, dumps); it is skipped rather than parsed.
    public const int MaxSentenceLength = 3000;

    public static List<Sentence> Split(string text, PageRules page)
    {
        var sentences = new List<Sentence>();
        int lineStart = 0;
        while (lineStart < text.Length)
        {
            int lineEnd = text.IndexOf('\n', lineStart);
            if (lineEnd < 0)
            {
                lineEnd = text.Length;
            }

            var (s, e) = Trim(text, lineStart, lineEnd);
            if (e > s && !page.IsFurnitureLine(text.AsSpan(s, e - s)))
            {
                e = CutCaption(text, s, e, page);
                SplitLine(text, s, e, sentences, page);
            }

            lineStart = lineEnd + 1;
        }

        return sentences;
    }

    private static (int, int) Trim(string text, int s, int e)
    {
        while (s < e && char.IsWhiteSpace(text[s]))
        {
            s++;
        }

        while (e > s && char.IsWhiteSpace(text[e - 1]))
        {
            e--;
        }

        return (s, e);
    }

    // "… on 12 September 2015 (AFP/HO/SANA)" is a photo caption; "Photograph: X/Reuters" a credit to the line's end.
    private static int CutCaption(string text, int s, int e, PageRules page)
    {
        foreach (var mark in page.Credits)
        {
            int credit = text.IndexOf(mark, s, e - s, StringComparison.Ordinal);
            if (credit >= 0)
            {
                return Trim(text, s, credit).Item2;
            }
        }

        if (text[e - 1] == ')')
        {
            int open = text.LastIndexOf('(', e - 1, e - s);
            if (open >= 0)
            {
                var parts = text[(open + 1)..(e - 1)].Split('/', StringSplitOptions.TrimEntries);
                if (parts.Length > 0 && parts.All(page.IsAgency))
                {
                    return s; // the whole line is a caption
                }
            }
        }

        return e;
    }

    private static void SplitLine(string text, int s, int e, List<Sentence> sentences, PageRules page)
    {
        int start = s;
        for (int i = s; i < e; i++)
        {
            char c = text[i];

            // "Margaret Owen London • Turkey has said …": a bullet separates pieces like a line break.
            if (c is '•' or '|')
            {
                Add(text, start, i, sentences, page);
                start = i + 1;
                continue;
            }

            if (c is not ('.' or '!' or '?'))
            {
                continue;
            }

            int j = i + 1;
            while (j < e && text[j] is '"' or '”' or '’' or '\'' or ')')
            {
                j++;
            }

            if (j < e && !char.IsWhiteSpace(text[j]))
            {
                continue;
            }

            int k = j;
            while (k < e && char.IsWhiteSpace(text[k]))
            {
                k++;
            }

            if (k < e && !(char.IsUpper(text[k]) || char.IsDigit(text[k]) || text[k] is '"' or '“' or '‘' or '\'' or '('))
            {
                continue;
            }

            if (c == '.' && k < e && IsAbbreviation(text, start, i, k, e, page))
            {
                continue;
            }

            Add(text, start, j, sentences, page);
            start = k;
            i = k - 1;
        }

        Add(text, start, e, sentences, page);
    }

    private static bool IsAbbreviation(string text, int lineStart, int dot, int next, int end, PageRules page)
    {
        int w = dot;
        while (w > lineStart && (char.IsLetter(text[w - 1]) || text[w - 1] == '.'))
        {
            w--;
        }

        var word = text.AsSpan(w, dot - w);
        if (word.Length == 0)
        {
            return false;
        }

        if (word.Length == 1 && char.IsUpper(word[0]))
        {
            return true; // an initial: "George W. Bush"
        }

        if (word.Contains('.'))
        {
            // "U.S." ends a sentence only when a typical sentence opener follows.
            int n = next;
            while (n < end && char.IsLetter(text[n]))
            {
                n++;
            }

            return !page.IsSentenceStarter(text[next..n]);
        }

        return page.IsAbbreviation(word.ToString());
    }

    private static void Add(string text, int s, int e, List<Sentence> sentences, PageRules page)
    {
        (s, e) = Trim(text, s, e);
        if (e <= s || e - s > MaxSentenceLength)
        {
            return;
        }

        string sentence = text[s..e];
        if (page.IsFurnitureSentence(sentence))
        {
            return;
        }

        sentences.Add(new Sentence(sentences.Count, s, e, sentence, Tokenizer.Tokenize(text, s, e)));
    }
}
