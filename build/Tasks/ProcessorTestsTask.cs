using Cake.Common.Tools.DotNet;
using Cake.Common.Tools.DotNet.Test;
using DataPlatform.Build.Host;
using DataPlatform.Build.Testing;

namespace DataPlatform.Build.Tasks;

[TaskName("ProcessorTests")]
[TaskDescription("Builds and runs the processor's fast unit tests (everything outside an Integration namespace), unless they passed on this same source; the whole suite is --target=Test.")]
public sealed class ProcessorTestsTask : BuildTask<BuildContext>, IDescribesSteps<BuildContext>
{
    public const string UnitFilter = "FullyQualifiedName!~.Integration.";

    /// <summary>
    /// What the processor's unit tests compile and read: its projects and their references (all under src/), the
    /// tests, the contracts the processor loads, and the solution-wide build files.
    /// </summary>
    public static IReadOnlyList<string> Inputs { get; } =
        ["src", Path.Combine("tests", "Processor.Tests"), "contracts", "Directory.Build.props", "Directory.Packages.props", "global.json"];

    public IEnumerable<string> DescribeSteps(BuildContext context) =>
        [$"dotnet test tests/Processor.Tests --filter \"{UnitFilter}\" (skipped when they passed on this same source; --rerun-tests runs them anyway)"];

    public override void Run(BuildContext context)
    {
        // A redeploy of unchanged code need not wait for the same tests again; any change to what they
        // compile or read, or another configuration, runs them.
        var stamp = new PassedStamp(context.StateDirectory, "processor-tests");
        var fingerprint = SourceFingerprint.Of(context.RepositoryRoot, Inputs, $"{context.BuildConfiguration} {UnitFilter}");
        if (!context.RerunTests && stamp.PassedOn(fingerprint) is { } passed)
        {
            context.Log.Information(
                $"Processor tests: passed at {passed.UtcDateTime:yyyy-MM-dd HH:mm:ss}Z on this same source (fingerprint {fingerprint[..12]}, " +
                $"{Shown(context, stamp.File)}); not run again. --rerun-tests runs them anyway.");
            return;
        }

        stamp.Forget();
        context.DotNetTest(Path.Combine(context.RepositoryRoot, "tests", "Processor.Tests", "Processor.Tests.csproj"), new DotNetTestSettings
        {
            Configuration = context.BuildConfiguration,
            // Builds just this project and what it references, not the whole solution: a deploy
            // should not wait for every test project to compile.
            NoLogo = true,
            Filter = UnitFilter,
            Loggers = ["console;verbosity=minimal"],
        });
        stamp.Record(fingerprint, DateTimeOffset.UtcNow);
    }

    private static string Shown(BuildContext context, string file)
    {
        var relative = Path.GetRelativePath(context.RepositoryRoot, file);
        return relative.StartsWith("..", StringComparison.Ordinal) ? file : relative;
    }
}
