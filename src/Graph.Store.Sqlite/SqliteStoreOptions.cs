using System.ComponentModel.DataAnnotations;

namespace Graph.Store.Sqlite;

/// <summary>Where the embedded store keeps its file: <c>data/graph.db</c> unless configured.</summary>
public sealed class SqliteStoreOptions
{
    /// <summary>Folder of the database file; created when missing. Relative paths start at the working directory.</summary>
    [Required(AllowEmptyStrings = false)]
    public string DataDirectory { get; set; } = "data";

    [Required(AllowEmptyStrings = false)]
    [RegularExpression(@"^[^/\\]+$", ErrorMessage = "FileName must be a file name, not a path.")]
    public string FileName { get; set; } = "graph.db";

    /// <summary>The full path of the database file.</summary>
    public string FilePath => Path.GetFullPath(Path.Combine(DataDirectory, FileName));
}
