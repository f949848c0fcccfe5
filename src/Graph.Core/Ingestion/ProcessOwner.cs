using System.Diagnostics;
using System.Globalization;

namespace Graph.Core.Ingestion;

/// <summary>
/// Who holds a claim or runs a run: host and process id. Lets any store tell a live holder from one that was killed,
/// whose claim may be taken over and whose run is over.
/// </summary>
public static class ProcessOwner
{
    public static readonly string Current = $"{Environment.MachineName}:{Environment.ProcessId}";

    /// <summary>
    /// A run that has not recorded progress for this long is taken for dead whatever its host: live runs record progress
    /// every few seconds.
    /// </summary>
    public static readonly TimeSpan SilentRunIsDead = TimeSpan.FromMinutes(15);

    /// <summary>True when <paramref name="owner"/> names a process of this host that no longer exists.</summary>
    public static bool IsDeadLocalProcess(string? owner)
    {
        var colon = owner?.LastIndexOf(':') ?? -1;
        if (colon < 0 || owner![..colon] != Environment.MachineName || !int.TryParse(owner[(colon + 1)..], CultureInfo.InvariantCulture, out var pid))
        {
            return false;
        }

        try
        {
            using var process = Process.GetProcessById(pid);
            return process.HasExited;
        }
        catch (ArgumentException)
        {
            return true;
        }
    }

    /// <summary>Whether a run not ended is in fact over: its process on this host is gone, or it has been silent too long.</summary>
    public static bool IsRunOver(string? owner, DateTimeOffset lastSignOfLife, DateTimeOffset now) =>
        IsDeadLocalProcess(owner) || now - lastSignOfLife > SilentRunIsDead;
}
