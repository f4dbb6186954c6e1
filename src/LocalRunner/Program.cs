using DataPlatform.LocalRunner;

// Ctrl-C stops between batches' requests; what was processed stays processed.
using var cancellation = new CancellationTokenSource();
Console.CancelKeyPress += (_, e) =>
{
    e.Cancel = true;
    cancellation.Cancel();
};

try
{
    return await RunnerHost.RunAsync(args, Console.Out, Console.Error, cancellation.Token);
}
catch (OperationCanceledException) when (cancellation.IsCancellationRequested)
{
    Console.Error.WriteLine("local-runner: cancelled.");
    return 130;
}
