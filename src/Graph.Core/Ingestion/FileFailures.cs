using System.Globalization;

namespace Graph.Core.Ingestion;

/// <summary>
/// The failures of one file's records, counted together: a file of a million bad records is one failure with a count
/// (and one dead letter), not a million. Sources read file by file, so a file's records come one after another.
/// </summary>
internal sealed class FileFailures
{
    /// <summary>How many of a file's failed records its failure names before "and N more".</summary>
    private const int Named = 3;

    private readonly List<IngestFailure> _first = [];
    private string? _file;
    private int _count;

    /// <summary>
    /// Moves on to the file of <paramref name="origin"/>. When that ends the previous file, returns what to report for
    /// it (null when nothing failed) and the file, so a clean read can clear the file's old dead letter.
    /// </summary>
    public (string File, IngestFailure? Failure)? Enter(string origin)
    {
        var file = Origins.FileOf(origin);
        if (file == _file)
        {
            return null;
        }

        var ended = Close();
        _file = file;
        return ended;
    }

    public void Add(IngestFailure failure)
    {
        _count += failure.Count;
        if (_first.Count < Named)
        {
            _first.Add(failure);
        }
    }

    /// <summary>Ends the current file: its one failure as it was, several as one failure of the file with their count.</summary>
    public (string File, IngestFailure? Failure)? Close()
    {
        if (_file is not { } file)
        {
            return null;
        }

        IngestFailure? failure = _count switch
        {
            0 => null,
            1 => _first[0],
            _ => new IngestFailure(file, Describe(file)) { Count = _count },
        };
        _file = null;
        _count = 0;
        _first.Clear();
        return (file, failure);
    }

    private string Describe(string file)
    {
        var named = string.Join("; ", _first.Select(f => $"{Record(file, f.Origin)}: {f.Error}"));
        var more = _count > _first.Count ? string.Create(CultureInfo.InvariantCulture, $"; and {_count - _first.Count} more") : "";
        return string.Create(CultureInfo.InvariantCulture, $"{_count} records could not be read: {named}{more}");
    }

    private static string Record(string file, string origin) =>
        origin.Length > file.Length && origin[file.Length] == ':' ? "line " + origin[(file.Length + 1)..] : "record " + origin[file.Length..];
}

/// <summary>What the origins that sources give their articles say.</summary>
public static class Origins
{
    /// <summary>
    /// The file a record's origin belongs to: <c>feed.jsonl:12</c> and <c>batch.json[3]</c> are records of
    /// <c>feed.jsonl</c> and <c>batch.json</c>; any other origin (a file, a URL, an article id) is its own.
    /// </summary>
    public static string FileOf(string origin)
    {
        int cut = origin.EndsWith(']') ? origin.LastIndexOf('[') : origin.LastIndexOf(':');
        if (cut <= 0)
        {
            return origin;
        }

        var index = origin.EndsWith(']') ? origin[(cut + 1)..^1] : origin[(cut + 1)..];
        var file = origin[..cut];
        bool record = origin.EndsWith(']')
            ? file.EndsWith(".json", StringComparison.OrdinalIgnoreCase)
            : file.EndsWith(".jsonl", StringComparison.OrdinalIgnoreCase);
        return record && index.Length > 0 && index.All(char.IsAsciiDigit) ? file : origin;
    }
}
