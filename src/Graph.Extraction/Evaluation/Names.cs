using System.Text;

namespace Graph.Extraction.Evaluation;

/// <summary>Name folding and file names exactly as <c>../shared/eval/score.py</c> does them, so both score alike.</summary>
public static class Names
{
    /// <summary>
    /// Accents dropped (NFKD, then ASCII only), lower case, <c>'s</c> before a space dropped, every run of
    /// other characters one space, and a leading "the " removed: "The U.S." and "us" fold alike.
    /// </summary>
    public static string Fold(string s)
    {
        string decomposed;
        try
        {
            decomposed = s.Normalize(NormalizationForm.FormKD);
        }
        catch (ArgumentException)
        {
            // A lone surrogate cannot be normalised; it is not ASCII, so dropping it below is all NFKD would change.
            decomposed = s;
        }

        var ascii = new StringBuilder(decomposed.Length);
        foreach (var c in decomposed)
        {
            if (c < 128)
            {
                ascii.Append(char.ToLowerInvariant(c));
            }
        }

        var text = ascii.Replace("'s ", " ").ToString();
        var folded = new StringBuilder(text.Length);
        foreach (var c in text)
        {
            var keep = c is (>= 'a' and <= 'z') or (>= '0' and <= '9');
            if (keep)
            {
                folded.Append(c);
            }
            else if (folded.Length > 0 && folded[^1] != ' ')
            {
                folded.Append(' ');
            }
        }

        var result = folded.ToString().TrimEnd(' ');
        return result.StartsWith("the ", StringComparison.Ordinal) ? result[4..] : result;
    }

    /// <summary>The part after the last <c>/</c>, as Python's <c>os.path.basename</c> on POSIX.</summary>
    public static string BaseName(string path) => path[(path.LastIndexOf('/') + 1)..];
}
