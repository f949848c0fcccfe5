using System.Text.Json;
using Graph.Extraction.Text;

namespace Graph.Extraction.Analysis;

/// <summary>
/// "on Thursday", "on 12 September", "in March 2011": the day a sentence places its event on, relative to publication.
/// The words are data (graph-seed/lexicon/dates.json); unknown or missing lists are refused. Read-only; shared by all threads.
/// </summary>
internal sealed class EventDates
{
    private readonly Dictionary<string, int> _months = new(StringComparer.Ordinal);
    private readonly Dictionary<string, DayOfWeek> _weekdays = new(StringComparer.Ordinal);
    private readonly Dictionary<string, int> _relativeDays = new(StringComparer.Ordinal);
    private readonly HashSet<string> _monthAlone = new(StringComparer.Ordinal);
    private readonly HashSet<string> _ambiguousMonths = new(StringComparer.Ordinal);
    private readonly HashSet<string> _ambiguousMonthCues = new(StringComparer.Ordinal);

    /// <summary>1 to 12 for a month name in any case, else 0.</summary>
    public int MonthOf(Token word) => _months.TryGetValue(word.Lower, out var month) ? month : 0;

    public DayOfWeek? DayOfWeekOf(Token word) => _weekdays.TryGetValue(word.Lower, out var day) ? day : null;

    public bool IsMonthOrDay(Token t) => _months.ContainsKey(t.Lower) || _weekdays.ContainsKey(t.Lower);

    public DateOnly? Find(IReadOnlyList<Token> tokens, DateOnly? published)
    {
        if (published is not { } pub)
        {
            return null;
        }

        for (int i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (t.IsCapitalised && DayOfWeekOf(t) is { } dow)
            {
                // The most recent such weekday on or before publication.
                int back = ((int)pub.DayOfWeek - (int)dow + 7) % 7;
                return pub.AddDays(-back);
            }

            if (_relativeDays.TryGetValue(t.Lower, out int offset))
            {
                return pub.AddDays(offset);
            }

            int month = t.IsCapitalised ? MonthOf(t) : 0;
            if (month == 0 || (_ambiguousMonths.Contains(t.Lower) && !(i > 0 && (_ambiguousMonthCues.Contains(tokens[i - 1].Lower) || int.TryParse(tokens[i - 1].Text, out _)))))
            {
                continue;
            }

            int day = 1;
            bool hasDay = false;
            if (i > 0 && int.TryParse(tokens[i - 1].Text, out int d1) && d1 is >= 1 and <= 31)
            {
                day = d1;
                hasDay = true;
            }
            else if (i + 1 < tokens.Count && int.TryParse(tokens[i + 1].Text, out int d2) && d2 is >= 1 and <= 31)
            {
                day = d2;
                hasDay = true;
            }

            int year = pub.Year;
            bool hasYear = false;
            for (int k = i + 1; k < Math.Min(tokens.Count, i + 4); k++)
            {
                if (tokens[k].Text.Length == 4 && int.TryParse(tokens[k].Text, out int y) && y is > 1900 and < 2200)
                {
                    year = y;
                    hasYear = true;
                    break;
                }
            }

            if (!hasDay && !(i > 0 && _monthAlone.Contains(tokens[i - 1].Lower)) && !hasYear)
            {
                continue;
            }

            day = Math.Min(day, DateTime.DaysInMonth(year, month));
            var date = new DateOnly(year, month, day);
            if (!hasYear && date > pub)
            {
                date = date.AddYears(-1);
            }

            return date;
        }

        return null;
    }

    public static EventDates Read(JsonElement root)
    {
        var dates = new EventDates();
        foreach (var list in root.EnumerateObject().Where(p => p.Name != "about"))
        {
            var words = list.Value.TryGetProperty("words", out var w) ? w : throw new InvalidDataException($"dates.json: '{list.Name}' has no words");
            switch (list.Name)
            {
                case "months":
                    dates.Number(words, list.Name, 12, (word, k) => dates._months[word] = k + 1);
                    break;
                case "weekdays":
                    // Monday first: DayOfWeek counts from Sunday.
                    dates.Number(words, list.Name, 7, (word, k) => dates._weekdays[word] = (DayOfWeek)((k + 1) % 7));
                    break;
                case "relativeDays":
                    foreach (var p in words.EnumerateObject())
                    {
                        dates._relativeDays[p.Name.ToLowerInvariant()] = p.Value.TryGetInt32(out int offset) ? offset : throw new InvalidDataException($"dates.json: '{p.Name}' needs a whole number of days");
                    }

                    break;
                case "monthAlone":
                    dates._monthAlone.UnionWith(Strings(words, list.Name));
                    break;
                case "ambiguousMonths":
                    dates._ambiguousMonths.UnionWith(Strings(words, list.Name));
                    break;
                case "ambiguousMonthCues":
                    dates._ambiguousMonthCues.UnionWith(Strings(words, list.Name));
                    break;
                default:
                    throw new InvalidDataException($"dates.json: unknown list '{list.Name}'");
            }
        }

        if (dates._months.Count == 0 || dates._weekdays.Count == 0 || dates._relativeDays.Count == 0 || dates._monthAlone.Count == 0)
        {
            throw new InvalidDataException("dates.json: months, weekdays, relativeDays and monthAlone are all needed");
        }

        return dates;
    }

    private void Number(JsonElement words, string list, int count, Action<string, int> add)
    {
        var all = Strings(words, list).ToList();
        if (all.Count != count)
        {
            throw new InvalidDataException($"dates.json: '{list}' must name all {count}, in order");
        }

        for (int k = 0; k < all.Count; k++)
        {
            add(all[k], k);
        }
    }

    private static IEnumerable<string> Strings(JsonElement words, string list) =>
        words.ValueKind == JsonValueKind.Array
            ? words.EnumerateArray().Select(e => e.GetString() is { Length: > 0 } s ? s.ToLowerInvariant() : throw new InvalidDataException($"dates.json: an empty word in '{list}'"))
            : throw new InvalidDataException($"dates.json: '{list}' must be a list of words");
}
