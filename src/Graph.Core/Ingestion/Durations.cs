using System.Globalization;

namespace Graph.Core.Ingestion;

/// <summary>Durations as people read them: "24 s", "3 min 12 s", "2 h 05 min", never <c>00:00:23.9464263</c>.</summary>
public static class Durations
{
    public static string Human(TimeSpan duration)
    {
        var seconds = (long)Math.Round(Math.Max(0, duration.TotalSeconds));
        return seconds switch
        {
            < 60 => string.Create(CultureInfo.InvariantCulture, $"{seconds} s"),
            < 3600 => string.Create(CultureInfo.InvariantCulture, $"{seconds / 60} min {seconds % 60} s"),
            _ => string.Create(CultureInfo.InvariantCulture, $"{seconds / 3600} h {seconds % 3600 / 60:00} min"),
        };
    }
}
