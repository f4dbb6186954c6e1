using System.Diagnostics;
using DataPlatform.Aws;
using DataPlatform.Emulator;
using DataPlatform.Processor.Configuration;
using DataPlatform.Processor.Telemetry;
using DataPlatform.Processor.Tests.Support;
using Xunit.Abstractions;

namespace DataPlatform.Processor.Tests.Integration;

/// <summary>The real S3 client against an S3 that never answers: the deadline holds over the SDK's own timeouts and retries.</summary>
public sealed class HungS3Tests(ITestOutputHelper output)
{
    [Fact]
    public async Task The_sdk_s_attempts_are_retried_and_cut_off_by_the_budget_and_the_handler_answers_in_time()
    {
        using var s3 = new SilentEndpoint();
        // 10 s: the 1 s margin before the timeout must also cover the scheduler of two cores shared with other suites' deploys.
        var timeout = TimeSpan.FromSeconds(10);
        var settings = new ProcessorSettings { Bucket = "lake", Region = EmulatorCredentials.Region, Endpoint = s3.Uri, FunctionTimeout = timeout };
        var clients = new AwsClients(AwsEndpoint.Emulator(s3.Uri, EmulatorCredentials.Region, EmulatorCredentials.AccessKeyId, EmulatorCredentials.SecretAccessKey));
        using var host = ProcessorHost.Create(settings, clients, new JsonLog(TextWriter.Null, LogLevel.None));
        var events = new SqsEventBuilder().AddEvent("order.created").AddEvent("user.signed_up").Add("not json");
        // The first call through the SDK loads and compiles much of it (seconds on a busy machine), as a
        // function's first invocation does; the deadline is measured on the invocation after it.
        var first = await host.Processor.ProcessAsync(events.ToUtf8());
        Assert.Equal(events.MessageIds, first.Response.BatchItemFailures.Select(f => f.ItemIdentifier));
        var connectionsBefore = s3.Connections;

        var clock = Stopwatch.StartNew();
        var outcome = await host.Processor.ProcessAsync(events.ToUtf8());
        clock.Stop();
        output.WriteLine($"function timeout {timeout.TotalSeconds} s, budget {InvocationBudget.For(timeout).TotalSeconds} s, answered in {clock.Elapsed.TotalSeconds:F2} s; " +
            $"{s3.Connections - connectionsBefore} S3 connections opened and abandoned; reported failed: {string.Join(", ", outcome.Response.BatchItemFailures.Select(f => f.ItemIdentifier))}; " +
            $"objects written: {outcome.ObjectKeys.Count}");

        Assert.True(clock.Elapsed < timeout, $"answered after {clock.Elapsed.TotalSeconds:F2} s ({s3.Connections} connections); the function's timeout is {timeout.TotalSeconds} s");
        Assert.Equal(events.MessageIds, outcome.Response.BatchItemFailures.Select(f => f.ItemIdentifier));
        Assert.Empty(outcome.ObjectKeys);
        // Three objects, each given up on after a third of the budget and retried on a fresh connection.
        Assert.True(s3.Connections - connectionsBefore > 3, $"only {s3.Connections - connectionsBefore} connections: the SDK's attempts were not timed out and retried within the budget");
    }
}
