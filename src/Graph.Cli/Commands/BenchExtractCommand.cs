using System.CommandLine;
using System.Diagnostics;
using System.Globalization;
using System.Text;
using Graph.Cli.Hosting;
using Graph.Core.Domain;
using Graph.Extraction.Reading;

namespace Graph.Cli.Commands;

/// <summary>
/// <c>graph bench extract [PATH] [--repeat N]</c>: extraction throughput alone (single thread, reading excluded from the
/// clock), and peak memory while the input is streamed N times, so that a 100 MB feed is seen to run in flat memory.
/// </summary>
internal static class BenchExtractCommand
{
    private static readonly TimeSpan WarmUp = TimeSpan.FromSeconds(3);

    public static Command Create()
    {
        var path = new Argument<string?>("path") { Description = "Articles to extract (default: ../shared/corpus/guardian-syria-2019.jsonl, else the seed articles)", Arity = ArgumentArity.ZeroOrOne };
        var repeat = new Option<int>("--repeat") { Description = "Stream the input this many times (never held in memory as a whole)", DefaultValueFactory = _ => 1 };
        var command = new Command("extract", "MB/s and articles/s of the extractor alone on one thread, and peak memory while streaming") { path, repeat };
        command.SetAction(async (parse, ct) =>
        {
            var input = parse.GetValue(path) ?? Paths.BenchCorpus();
            int passes = parse.GetValue(repeat);
            if (input is null || !Path.Exists(input) || passes < 1)
            {
                await Console.Error.WriteLineAsync(passes < 1 ? "--repeat must be at least 1" : $"No such input: {input ?? "(none found)"}");
                return 2;
            }

            await using var services = CommonOptions.Services(parse);
            var reader = services.GetRequiredService<ArticleReader>();
            var extractor = services.GetRequiredService<IExtractor>();

            // Untimed passes for at least WarmUp warm up (knowledge base load, tiered JIT), as a benchmark harness
            // would, so the figures are of the steady state a long ingest runs in; the first one counts the input.
            long perPass = 0;
            long passBytes = 0;
            var warming = Stopwatch.StartNew();
            var cold = new Stopwatch();
            for (int pass = 0; pass == 0 || (warming.Elapsed < WarmUp && perPass > 0); pass++)
            {
                await foreach (var item in reader.ReadAsync(input, ct))
                {
                    if (item.Article is { } a)
                    {
                        if (pass == 0)
                        {
                            cold.Start();
                            extractor.Extract(a);
                            cold.Stop();
                            perPass++;
                            passBytes += Encoding.UTF8.GetByteCount(a.Text);
                        }
                        else
                        {
                            extractor.Extract(a);
                        }
                    }
                }
            }

            if (perPass == 0)
            {
                await Console.Error.WriteLineAsync($"No readable articles in {input}");
                return 1;
            }

            long total = perPass * passes;
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"input: {input}: {perPass} articles, {passBytes / 1e6:0.00} MB of text per pass; {passes} pass(es) = {total * 1.0 / perPass * passBytes / 1e6:0.0} MB; one thread"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"cold first pass (while the JIT compiles): {passBytes / 1e6 / cold.Elapsed.TotalSeconds:0.00} MB/s; then warmed up for {warming.Elapsed.TotalSeconds:0.0} s"));

            long[] checkpoints = [Math.Max(1, total / 10), Math.Max(1, total / 2), total];
            int next = 0;
            long done = 0;
            long bytes = 0;
            long relations = 0;
            long peakHeap = 0;
            long allocated = 0;
            var paused = GC.GetTotalPauseDuration();
            int[] collections = [GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2)];
            var extracting = new Stopwatch();
            var cpu = Process.GetCurrentProcess().TotalProcessorTime;
            var wall = Stopwatch.StartNew();
            var best = TimeSpan.MaxValue;
            for (int pass = 0; pass < passes; pass++)
            {
                var passStart = extracting.Elapsed;
                await foreach (var item in reader.ReadAsync(input, ct))
                {
                    if (item.Article is not { } article)
                    {
                        continue;
                    }

                    // Extraction is synchronous, so the thread's own count is its allocations alone: deterministic, unlike time.
                    long before = GC.GetAllocatedBytesForCurrentThread();
                    extracting.Start();
                    var result = extractor.Extract(article);
                    extracting.Stop();
                    allocated += GC.GetAllocatedBytesForCurrentThread() - before;
                    relations += result.Relations.Count;
                    bytes += Encoding.UTF8.GetByteCount(article.Text);
                    done++;

                    // Sampling the heap after every article is cheap next to extraction and catches a growing heap early.
                    peakHeap = Math.Max(peakHeap, GC.GetTotalMemory(forceFullCollection: false));
                    while (next < checkpoints.Length && done >= checkpoints[next])
                    {
                        using var self = Process.GetCurrentProcess();
                        long heap = GC.GetTotalMemory(forceFullCollection: false);
                        peakHeap = Math.Max(peakHeap, heap);
                        Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                            $"  {done * 100.0 / total,5:0}% ({done} articles, {bytes / 1e6:0.0} MB): working set {self.WorkingSet64 / 1048576.0:0} MiB, peak working set {self.PeakWorkingSet64 / 1048576.0:0} MiB, GC heap {heap / 1048576.0:0} MiB, peak GC heap {peakHeap / 1048576.0:0} MiB"));
                        next++;
                    }
                }

                best = TimeSpan.FromTicks(Math.Min(best.Ticks, (extracting.Elapsed - passStart).Ticks));
            }

            wall.Stop();
            paused = GC.GetTotalPauseDuration() - paused;
            using (var self = Process.GetCurrentProcess())
            {
                cpu = self.TotalProcessorTime - cpu;
            }

            double seconds = extracting.Elapsed.TotalSeconds;
            var info = GC.GetGCMemoryInfo();
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"extraction alone: {done} articles, {bytes / 1e6:0.00} MB in {seconds:0.000} s = {bytes / 1e6 / seconds:0.00} MB/s, {done / seconds:0} articles/s ({relations} relations); fastest pass {passBytes / 1e6 / best.TotalSeconds:0.00} MB/s"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"wall time with reading: {wall.Elapsed.TotalSeconds:0.000} s; GC: {GC.CollectionCount(0)}/{GC.CollectionCount(1)}/{GC.CollectionCount(2)} collections (gen0/1/2), heap after last GC {info.HeapSizeBytes / 1048576.0:0} MiB"));
            Console.WriteLine(string.Create(CultureInfo.InvariantCulture,
                $"timed passes: extraction allocated {allocated / 1e6:0.0} MB ({allocated * 1.0 / bytes:0.0} bytes per byte of text); GC: {GC.CollectionCount(0) - collections[0]}/{GC.CollectionCount(1) - collections[1]}/{GC.CollectionCount(2) - collections[2]} collections (gen0/1/2), paused {paused.TotalSeconds:0.000} s; process CPU {cpu.TotalSeconds:0.000} s = {bytes / 1e6 / cpu.TotalSeconds:0.00} MB per CPU second (all threads: JIT and GC included)"));
            return 0;
        });
        return command;
    }
}
