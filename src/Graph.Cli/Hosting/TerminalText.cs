using System.Globalization;
using System.Text;

namespace Graph.Cli.Hosting;

/// <summary>
/// Text from input (ids, file names, titles, reasons quoting them) made safe to print: a name holding an ANSI escape
/// could recolour, move the cursor or rewrite the terminal's title, a newline could forge another line of output,
/// and a direction override could make a name read as another. Such characters are printed as C-style escapes.
/// </summary>
internal static class TerminalText
{
    public static string Safe(string? text)
    {
        if (string.IsNullOrEmpty(text) || !text.Any(IsUnsafe))
        {
            return text ?? "";
        }

        var safe = new StringBuilder(text.Length + 16);
        foreach (char c in text)
        {
            if (!IsUnsafe(c))
            {
                safe.Append(c);
                continue;
            }

            safe.Append(c switch
            {
                '\n' => @"\n",
                '\r' => @"\r",
                '\t' => @"\t",
                '\e' => @"\e",
                _ => c <= 0xFF ? $"\\x{(int)c:x2}" : $"\\u{(int)c:x4}",
            });
        }

        return safe.ToString();
    }

    // Control characters, and the bidirectional embeddings, overrides and isolates ("Trojan Source").
    private static bool IsUnsafe(char c) =>
        char.GetUnicodeCategory(c) == UnicodeCategory.Control || c is >= '\u202A' and <= '\u202E' or >= '\u2066' and <= '\u2069';
}
