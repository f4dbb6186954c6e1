using System.Diagnostics;
using System.Text.RegularExpressions;
using DataPlatform.Emulator;
using DataPlatform.LocalRunner;
using DataPlatform.Processor.Tests.Support;

namespace DataPlatform.Processor.Tests.Integration;

[Collection(MotoCollection.Name)]
public sealed partial class LocalRunnerProcessTests(MotoFixture moto)
{
    private static string RunnerDll => Path.Combine(AppContext.BaseDirectory, "LocalRunner.dll");

    [Fact]
    public async Task The_runner_drains_as_a_process_prints_a_summary_and_exits_zero()
    {
        var bucket = await moto.CreateBucketAsync("lake-process");
        var (queueUrl, _) = await moto.CreateQueueAsync("events-process");
        await moto.SendAsync(queueUrl, [SyntheticEvents.Valid(1), SyntheticEvents.Valid(2), SyntheticEvents.Broken(0)]);

        var (exitCode, output, error) = await RunAsync(
            "--queue-url", queueUrl, "--bucket", bucket, "--until-empty", "--batch-size", "100", "--wait-time", "1", "--timeout", "120");

        Assert.True(exitCode == DrainSummary.ExitSuccess, $"exit {exitCode}\n{output}\n{error}");
        var summary = output.Split('\n').Last(l => l.StartsWith("drain: ", StringComparison.Ordinal));
        Assert.Contains("received=3 deleted=3 accepted=2 quarantined=1 failed_deliveries=0 unresolved=0", summary, StringComparison.Ordinal);
        Assert.Equal(0, await moto.CountMessagesAsync(queueUrl));
    }

    [Fact]
    public async Task With_a_deployed_environment_s_outputs_the_runner_batches_as_its_mapping_and_runs_its_settings()
    {
        var bucket = await moto.CreateBucketAsync("lake-deployed");
        var (queueUrl, _) = await moto.CreateQueueAsync("events-deployed");
        await moto.SendAsync(queueUrl, Enumerable.Range(0, 30).Select(SyntheticEvents.Valid).ToList());
        using var outputs = new DeployedOutputs(bucket, queueUrl, moto.Endpoint, batchSize: 7, prefix: "deployed/");

        var (exitCode, output, error) = await RunAsync("--outputs", outputs.Path, "--until-empty", "--wait-time", "1", "--timeout", "120");

        Assert.True(exitCode == DrainSummary.ExitSuccess, $"exit {exitCode}\n{output}\n{error}");
        var batches = BatchLine().Matches(output).Select(m => int.Parse(m.Groups[1].Value, System.Globalization.CultureInfo.InvariantCulture)).ToList();
        Assert.Equal(30, batches.Sum());
        Assert.All(batches, size => Assert.InRange(size, 1, 7));
        Assert.Contains(7, batches);
        // The function's LAKE_PREFIX, read from its deployed environment, not from a flag.
        Assert.All((await moto.DownloadAllAsync(bucket)).Keys, key => Assert.StartsWith("deployed/events/", key, StringComparison.Ordinal));
    }

    [Fact]
    public async Task Help_lists_every_flag_and_exits_zero()
    {
        var (exitCode, output, _) = await RunAsync("--help");

        Assert.Equal(0, exitCode);
        foreach (var flag in new[] { "--outputs", "--concurrency", "--queue-url", "--bucket", "--endpoint-url", "--batch-size", "--batching-window", "--until-empty", "--max-messages", "Exit codes" })
        {
            Assert.Contains(flag, output, StringComparison.Ordinal);
        }
    }

    [Fact]
    public async Task A_bad_flag_exits_two_with_a_sentence_on_stderr()
    {
        var (exitCode, _, error) = await RunAsync("--queue-url", "http://127.0.0.1:1/q", "--bucket", "lake", "--batch-size", "20000");

        Assert.Equal(DrainSummary.ExitUsage, exitCode);
        Assert.Contains("1 to 10000", error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_missing_queue_exits_one()
    {
        var bucket = await moto.CreateBucketAsync("lake-missing-queue");

        var (exitCode, _, error) = await RunAsync(
            "--queue-url", new Uri(moto.Endpoint, "/123456789012/no-such-queue").ToString(), "--bucket", bucket, "--until-empty", "--timeout", "60");

        Assert.Equal(DrainSummary.ExitError, exitCode);
        Assert.Contains("could not drain", error, StringComparison.Ordinal);
    }

    private async Task<(int ExitCode, string Output, string Error)> RunAsync(params string[] args)
    {
        var start = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
        };
        start.ArgumentList.Add(RunnerDll);
        foreach (var arg in args)
        {
            start.ArgumentList.Add(arg);
        }

        foreach (var (name, value) in EmulatorCredentials.Environment(moto.Endpoint))
        {
            start.Environment[name] = value;
        }

        foreach (var name in EmulatorCredentials.VariablesToClear)
        {
            start.Environment.Remove(name);
        }

        start.Environment.Remove("LAKE_BUCKET");
        start.Environment.Remove("QUEUE_URL");

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(3));
        await process.WaitForExitAsync(timeout.Token);
        return (process.ExitCode, await output, await error);
    }

    [GeneratedRegex(@"^batch \d+: (\d+) messages", RegexOptions.Multiline)]
    private static partial Regex BatchLine();
}
