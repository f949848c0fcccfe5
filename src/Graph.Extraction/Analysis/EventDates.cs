using Graph.Extraction.Text;

namespace Graph.Extraction.Analysis;

/// <summary>"on Thursday", "on 12 September", "in March 2011": the day a sentence places its event on, relative to publication.</summary>
internal static class EventDates
{
    private static readonly string[] Months =
        ["january", "february", "march", "april", "may", "june", "july", "august", "september", "october", "november", "december"];

    public static int MonthOf(string word)
    {
        int i = Array.IndexOf(Months, word.ToLowerInvariant());
        return i + 1;
    }

    public static DayOfWeek? DayOfWeekOf(string word) => word.ToLowerInvariant() switch
    {
        "monday" => DayOfWeek.Monday,
        "tuesday" => DayOfWeek.Tuesday,
        "wednesday" => DayOfWeek.Wednesday,
        "thursday" => DayOfWeek.Thursday,
        "friday" => DayOfWeek.Friday,
        "saturday" => DayOfWeek.Saturday,
        "sunday" => DayOfWeek.Sunday,
        _ => null,
    };

    public static DateOnly? Find(IReadOnlyList<Token> tokens, DateOnly? published)
    {
        if (published is not { } pub)
        {
            return null;
        }

        for (int i = 0; i < tokens.Count; i++)
        {
            var t = tokens[i];
            if (DayOfWeekOf(t.Text) is { } dow && t.IsCapitalised)
            {
                // The most recent such weekday on or before publication.
                int back = ((int)pub.DayOfWeek - (int)dow + 7) % 7;
                return pub.AddDays(-back);
            }

            if (t.Lower is "yesterday")
            {
                return pub.AddDays(-1);
            }

            if (t.Lower is "today")
            {
                return pub;
            }

            int month = t.IsCapitalised ? MonthOf(t.Text) : 0;
            if (month == 0 || (t.Text == "May" && !(i > 0 && (tokens[i - 1].Lower is "in" or "since" or "of" or "early" or "late" || int.TryParse(tokens[i - 1].Text, out _)))))
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

            if (!hasDay && !(i > 0 && tokens[i - 1].Lower is "in" or "since" or "early" or "late" or "mid") && !hasYear)
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
}
