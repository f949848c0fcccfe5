using System.Diagnostics;

namespace Graph.Extraction.Tests;

/// <summary>
/// Checks that work grows linearly with its input: a bound against blow-ups with generous margins, not a benchmark.
/// Time per megabyte at two and four times the size may grow at most 2.5 times; a quadratic step quadruples it at four times.
/// Three attempts are allowed, since a quadratic step fails all of them and noise from other tests seldom does.
/// Tests that use it run in <see cref="TimedCollection"/>, alone, so that other tests do not disturb the figures.
/// </summary>
internal static class Linearity
{
    public static void Assert(Func<int, string> input, int size, Action<string> work)
    {
        work(input(Math.Max(1, size / 10))); // compiled and warm before anything is timed
        string figures = string.Empty;

        // A quadratic step fails every attempt; other test assemblies sharing the cores can spoil one attempt, rarely three.
        for (int attempt = 0; attempt < 3; attempt++)
        {
            var once = PerMegabyte(input(size), work);
            var twice = PerMegabyte(input(2 * size), work);
            var fourTimes = PerMegabyte(input(4 * size), work);
            figures += $"per MB: {once:0.000} s at 1x, {twice:0.000} s at 2x, {fourTimes:0.000} s at 4x\n";
            if (twice < 2.5 * once && fourTimes < 2.5 * once)
            {
                TestContext.Current.TestOutputHelper?.WriteLine(figures);
                return;
            }
        }

        Xunit.Assert.Fail($"time per MB grew more than 2.5 times in three attempts:\n{figures}");
    }

    /// <summary>Seconds per megabyte of input, the best of three runs: the machine is shared, and a slow run says nothing.</summary>
    private static double PerMegabyte(string text, Action<string> work) =>
        Enumerable.Range(0, 3).Min(_ => Seconds(text, work)) / (text.Length / 1e6);

    /// <summary>Seconds per run, over as many runs as a tenth of a second takes: one short run is mostly timer and noise.</summary>
    private static double Seconds(string text, Action<string> work)
    {
        var clock = Stopwatch.StartNew();
        int runs = 0;
        do
        {
            work(text);
            runs++;
        }
        while (clock.Elapsed < TimeSpan.FromSeconds(0.1));

        return clock.Elapsed.TotalSeconds / runs;
    }
}

/// <summary>Timed tests: run one at a time, with nothing else of this assembly running beside them.</summary>
[CollectionDefinition(nameof(TimedCollection), DisableParallelization = true)]
public sealed class TimedCollection;
