using System.Text;
using System.Xml;

namespace Graph.Core.Exports;

/// <summary>What the XML formats share: how they are written, and text made safe for XML 1.0.</summary>
internal static class XmlExport
{
    public const string Xsi = "http://www.w3.org/2001/XMLSchema-instance";

    public static XmlWriterSettings Settings { get; } = new() { Async = true, Indent = true, CloseOutput = false };

    /// <summary>
    /// The text with what XML 1.0 cannot hold (control characters, unpaired surrogates) replaced by U+FFFD: an article
    /// may carry them, and one such character would otherwise make the whole file unreadable.
    /// </summary>
    public static string Clean(string text)
    {
        StringBuilder? clean = null;
        for (int i = 0; i < text.Length; i++)
        {
            char c = text[i];
            bool pair = char.IsHighSurrogate(c) && i + 1 < text.Length && char.IsLowSurrogate(text[i + 1]);
            if (pair || XmlConvert.IsXmlChar(c))
            {
                clean?.Append(c);
                if (pair)
                {
                    clean?.Append(text[++i]);
                }

                continue;
            }

            clean ??= new StringBuilder(text, 0, i, text.Length);
            clean.Append('\uFFFD');
        }

        return clean?.ToString() ?? text;
    }
}
