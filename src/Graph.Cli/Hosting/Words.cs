using System.Globalization;

namespace Graph.Cli.Hosting;

/// <summary>Counts in words as people write them: "1 article", "2 articles", "1 relationship".</summary>
internal static class Words
{
    public static string Count(long n, string singular, string? plural = null) =>
        string.Create(CultureInfo.InvariantCulture, $"{n} {(n == 1 ? singular : plural ?? singular + "s")}");
}
