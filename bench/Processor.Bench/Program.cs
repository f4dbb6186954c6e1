using System.Diagnostics;
using System.Globalization;
using DataPlatform.Processor.Bench;

// Modes: no arguments runs the comparison and then the two child-process measurements;
// --peak-memory N and --first-batch N are those children (a fresh process each); --contracts N
// times the handler path with and without event contracts in one run.
var culture = CultureInfo.InvariantCulture;
if (args is ["--peak-memory", var peakFile, var rawText])
{
    // Only the event bytes and the runtime are in this process before the batch, as in Lambda.
    var sqsEvent = File.ReadAllBytes(peakFile);
    var path = new HandlerPath(Math.Max(4, Environment.ProcessorCount));
    GC.Collect();
    var before = Process.GetCurrentProcess().WorkingSet64;
    var outcome = path.Run(sqsEvent);
    var peak = Process.GetCurrentProcess().PeakWorkingSet64;
    var raw = long.Parse(rawText, culture);
    Console.WriteLine(string.Create(culture,
        $"peak_working_set_MB={peak / 1048576.0:0.0} working_set_before_batch_MB={before / 1048576.0:0.0} raw_payload_MB={raw / 1048576.0:0.0} event_json_MB={sqsEvent.Length / 1048576.0:0.0} target_MB={(1.5 * raw + 100 * 1048576.0) / 1048576.0:0.0} accepted={outcome.Metrics.EventsAccepted}"));
    return 0;
}

if (args is ["--profile", var profileCount])
{
    var sqsEvent = SyntheticEvents.SqsEventJson(SyntheticEvents.Bodies(int.Parse(profileCount, culture)));
    var zstd3 = new DataPlatform.Processor.Configuration.ProcessorSettings { Bucket = "b" };
    // Enough rounds for the hot methods to reach their final (tier-1) code before timing.
    PhaseProfile.Run(sqsEvent, 40, zstd3);
    Console.WriteLine(PhaseProfile.Scan(sqsEvent, 10));
    Console.WriteLine("zstd 3 " + PhaseProfile.Run(sqsEvent, 10, zstd3));
    Console.WriteLine("zstd 1 " + PhaseProfile.Run(sqsEvent, 10, zstd3 with { ZstdLevel = 1 }));
    Console.WriteLine("snappy " + PhaseProfile.Run(sqsEvent, 10, zstd3 with { Compression = DataPlatform.Processor.Configuration.ParquetCompression.Snappy }));
    return 0;
}

if (args is ["--contracts", var contractCount])
{
    ContractCost.Run(int.Parse(contractCount, culture), culture);
    return 0;
}

if (args is ["--first-batch", var firstFile, var warm])
{
    // As the function does it: construction (with the init-phase warm-up when asked), then the
    // first real batch on its own clock.
    var started = Process.GetCurrentProcess().StartTime.ToUniversalTime();
    var sqsEvent = File.ReadAllBytes(firstFile);
    var clock = Stopwatch.StartNew();
    var path = new HandlerPath(Math.Max(4, Environment.ProcessorCount));
    if (warm == "warm")
    {
        DataPlatform.Processor.WarmUp.RunAsync(new DataPlatform.Processor.Configuration.ProcessorSettings { Bucket = "bench-lake" }).GetAwaiter().GetResult();
    }

    var initMs = clock.Elapsed.TotalMilliseconds;
    clock.Restart();
    var outcome = path.Run(sqsEvent);
    var batchMs = clock.Elapsed.TotalMilliseconds;
    var sinceStart = (DateTime.UtcNow - started).TotalMilliseconds;
    Console.WriteLine(string.Create(culture,
        $"init_ms={initMs:0.0} first_batch_ms={batchMs:0.0} process_start_to_done_ms={sinceStart:0.0} ready_to_run={IsReadyToRun()} accepted={outcome.Metrics.EventsAccepted}"));
    return 0;
}

// --startup skips the throughput table and only measures fresh processes (peak memory, first batch).
var startupOnly = args is ["--startup"];
var sizes = startupOnly ? [] : args.Length > 0 ? args.Select(a => int.Parse(a, culture)).ToArray() : [100, 1_000, 10_000];
var work = Path.Combine(Directory.Exists("/dev/shm") ? "/dev/shm" : Path.GetTempPath(), "processor-bench-" + Environment.ProcessId);
Console.WriteLine(string.Create(culture, $"# {Environment.ProcessorCount} cores, .NET {Environment.Version}, DuckDB threads=1, work folder {work}, load average {LoadAverage()}"));
Console.WriteLine("| batch | ours events/s | ours 1-thread events/s | DuckDB events/s | ratio ours/DuckDB | ratio 1-thread/DuckDB | alloc bytes/event | ours out KB | DuckDB out KB |");
Console.WriteLine("|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
try
{
    foreach (var size in sizes)
    {
        var bodies = SyntheticEvents.Bodies(size);
        var sqsEvent = SyntheticEvents.SqsEventJson(bodies);
        using var duck = new DuckDbPeer(bodies, work);
        var parallel = new HandlerPath(Math.Max(4, Environment.ProcessorCount));
        var single = new HandlerPath(1);
        var iterations = Math.Clamp(200_000 / size, 8, 300);

        // Warm up all three (JIT tiers, pools, DuckDB's caches) before any timing.
        for (var i = 0; i < Math.Max(3, iterations / 5); i++)
        {
            parallel.Run(sqsEvent);
            single.Run(sqsEvent);
            duck.Run();
        }

        // Interleaved rounds, so that noise from the shared machine hits all sides alike.
        var ours = new List<double>();
        var oursSingle = new List<double>();
        var theirs = new List<double>();
        long allocated = 0;
        for (var i = 0; i < iterations; i++)
        {
            var allocBefore = GC.GetTotalAllocatedBytes(precise: true);
            ours.Add(Time(() => parallel.Run(sqsEvent)));
            allocated += GC.GetTotalAllocatedBytes(precise: true) - allocBefore;
            oursSingle.Add(Time(() => single.Run(sqsEvent)));
            theirs.Add(Time(duck.Run));
        }

        double Rate(List<double> seconds) => size / Median(seconds);
        Console.WriteLine(string.Create(culture,
            $"| {size:N0} | {Rate(ours):N0} | {Rate(oursSingle):N0} | {Rate(theirs):N0} | {Rate(ours) / Rate(theirs):0.00} | {Rate(oursSingle) / Rate(theirs):0.00} | {allocated / (double)(iterations * size):N0} | {parallel.Store.BytesStored / 1024.0 / (iterations + Math.Max(3, iterations / 5)):N0} | {duck.OutputBytes() / 1024.0:N0} |"));
    }
}
finally
{
    if (Directory.Exists(work))
    {
        Directory.Delete(work, recursive: true);
    }
}

var self = Environment.ProcessPath!;
var selfArgs = Path.GetFileNameWithoutExtension(self) == "dotnet" ? [typeof(SyntheticEvents).Assembly.Location] : Array.Empty<string>();
Directory.CreateDirectory(work);
try
{
    var peakBodies = SyntheticEvents.Bodies(10_000);
    var peakEventFile = Path.Combine(work, "event-10000.json");
    File.WriteAllBytes(peakEventFile, SyntheticEvents.SqsEventJson(peakBodies));
    var firstEventFile = Path.Combine(work, "event-1000.json");
    File.WriteAllBytes(firstEventFile, SyntheticEvents.SqsEventJson(SyntheticEvents.Bodies(1_000)));
    var raw = peakBodies.Sum(b => (long)System.Text.Encoding.UTF8.GetByteCount(b));
    Console.WriteLine();
    Console.WriteLine("peak memory, fresh process, 10,000 messages: " + Child(self, selfArgs, "--peak-memory", peakEventFile, raw.ToString(culture)));
    for (var run = 1; run <= 3; run++)
    {
        Console.WriteLine($"first batch, fresh process {run}, 1,000 messages, cold:    " + Child(self, selfArgs, "--first-batch", firstEventFile, "cold"));
        Console.WriteLine($"first batch, fresh process {run}, 1,000 messages, warm-up: " + Child(self, selfArgs, "--first-batch", firstEventFile, "warm"));
    }
}
finally
{
    Directory.Delete(work, recursive: true);
}

return 0;

static bool IsReadyToRun() => ReadyToRunCheck.IsReadyToRun(typeof(DataPlatform.Processor.BatchProcessor).Assembly.Location);

static string LoadAverage() =>
    File.Exists("/proc/loadavg") ? string.Join(' ', File.ReadAllText("/proc/loadavg").Split(' ').Take(3)) : "n/a";

static double Time(Action action)
{
    var clock = Stopwatch.StartNew();
    action();
    return clock.Elapsed.TotalSeconds;
}

static double Median(List<double> values)
{
    var sorted = values.Order().ToList();
    return sorted[sorted.Count / 2];
}

static string Child(string executable, string[] prefix, params string[] args)
{
    var start = new ProcessStartInfo(executable) { RedirectStandardOutput = true };
    foreach (var arg in prefix.Concat(args))
    {
        start.ArgumentList.Add(arg);
    }

    using var process = Process.Start(start)!;
    var output = process.StandardOutput.ReadToEnd().Trim();
    process.WaitForExit();
    return output;
}
