using DataPlatform.Build.Host;
using DataPlatform.Build.Tests.Fakes;

namespace DataPlatform.Build.Tests.Host;

/// <summary>Runs the host over the sample tasks and keeps what happened.</summary>
public sealed class HostRun
{
    private HostRun(int exitCode, List<string> journal, RecordingConsole console)
    {
        ExitCode = exitCode;
        Journal = journal;
        Console = console;
    }

    public int ExitCode { get; }

    public List<string> Journal { get; }

    public RecordingConsole Console { get; }

    public IEnumerable<string> TasksRun => Journal.Where(e => e is not ("setup" or "teardown"));

    public static async Task<HostRun> RunAsync(params string[] args)
    {
        var journal = new List<string>();
        var console = new RecordingConsole();
        var catalog = TaskCatalog.FromTypes<RecordingContext>(
            [typeof(FirstTask), typeof(SecondTask), typeof(NeverTask), typeof(LastTask), typeof(BrokenTask), typeof(AfterBrokenTask)]);
        var host = new BuildHost<RecordingContext>(
            [new BuildFlag("color", "A sample option with values.", "red|blue", ["red", "blue"])],
            (cake, _) => new RecordingContext(cake, journal),
            catalog,
            new RecordingLifetime(),
            console);
        var exitCode = await host.RunAsync(args, Path.GetTempPath());
        return new HostRun(exitCode, journal, console);
    }
}
