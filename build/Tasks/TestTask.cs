using System.Collections.Concurrent;
using Cake.Common.IO;
using Cake.Common.Tools.DotNet;
using Cake.Common.Tools.DotNet.Test;
using Cake.Core;
using DataPlatform.Build.Host;
using DataPlatform.Build.Testing;

namespace DataPlatform.Build.Tasks;

[TaskName("Test")]
[TaskDescription("Runs every test project, several at once; TRX, a log and a summary per project go to artifacts/test-results/.")]
[IsDependentOn(typeof(CompileTask))]
public sealed class TestTask : BuildTask<BuildContext>, IDescribesSteps<BuildContext>
{
    public IEnumerable<string> DescribeSteps(BuildContext context) =>
        TestProjects(context).Select(p => $"dotnet test {Path.GetRelativePath(context.RepositoryRoot, p)}");

    public override void Run(BuildContext context)
    {
        var projects = TestProjects(context);
        if (projects.Count == 0)
        {
            throw new BuildFailedException(
                $"No test project matched '{context.TestProject}'. Test projects are tests/*/*.Tests.csproj.");
        }

        context.EnsureDirectoryExists(context.TestResultsDirectory);
        context.Log.Information($"Testing {projects.Count} project(s), {context.TestParallelism} at a time; each one's output goes to {Path.GetRelativePath(context.RepositoryRoot, context.TestResultsDirectory)}/<project>.log.");
        // Suites that drive terraform spend most of their time waiting on the emulator, so
        // running them side by side shortens the whole run even on two cores.
        // A queue taken in order, one project at a time: Parallel.For splits the indexes into ranges,
        // which once left the longest suite (Deploy) waiting behind two short ones and the whole run
        // minutes longer than the <TestRunOrder> the projects declare.
        var results = new TrxSummary?[projects.Count];
        var inOrder = Partitioner.Create(Enumerable.Range(0, projects.Count), EnumerablePartitionerOptions.NoBuffering);
        Parallel.ForEach(inOrder, new ParallelOptions { MaxDegreeOfParallelism = context.TestParallelism }, i =>
            results[i] = RunProject(context, projects[i]));

        var summaries = results.OfType<TrxSummary>().ToList();
        var broken = projects.Where((_, i) => results[i] is null).Select(Path.GetFileNameWithoutExtension).ToList();
        foreach (var summary in summaries)
        {
            context.Log.Information(summary.ToString());
            foreach (var failure in summary.Failures)
            {
                context.Log.Error($"  FAILED {failure}");
            }
        }

        var passed = summaries.Sum(s => s.Passed);
        var failed = summaries.Sum(s => s.Failed);
        var skipped = summaries.Sum(s => s.Skipped);
        context.Log.Information($"Tests: {passed} passed, {failed} failed, {skipped} skipped");
        if (broken.Count > 0)
        {
            throw new BuildFailedException(
                $"{string.Join(", ", broken)} produced no results (the test host crashed or did not start); see its .log in {Path.GetRelativePath(context.RepositoryRoot, context.TestResultsDirectory)}/.");
        }

        if (failed > 0)
        {
            throw new BuildFailedException(
                $"{failed} test(s) failed (listed above). Details are in {Path.GetRelativePath(context.RepositoryRoot, context.TestResultsDirectory)}/.");
        }

        if (passed == 0)
        {
            throw new BuildFailedException("No test ran. Check --test-filter and --test-project.");
        }
    }

    private static TrxSummary? RunProject(BuildContext context, string project)
    {
        var name = Path.GetFileNameWithoutExtension(project);
        var trx = Path.Combine(context.TestResultsDirectory, $"{name}.trx");
        var logPath = Path.Combine(context.TestResultsDirectory, $"{name}.log");
        if (File.Exists(trx))
        {
            File.Delete(trx);
        }

        context.Log.Information($"{name}: started.");
        using var log = new StreamWriter(logPath) { AutoFlush = true };
        var gate = new Lock();
        string? Write(string? line)
        {
            if (line is not null)
            {
                lock (gate)
                {
                    log.WriteLine(line);
                }
            }

            return null;
        }

        try
        {
            context.DotNetTest(project, new DotNetTestSettings
            {
                Configuration = context.BuildConfiguration,
                NoBuild = true,
                NoRestore = true,
                NoLogo = true,
                Filter = context.TestFilter,
                ResultsDirectory = context.TestResultsDirectory,
                Loggers = [$"trx;LogFileName={name}.trx", "console;verbosity=normal"],
                SetupProcessSettings = process =>
                {
                    process.RedirectStandardOutput = true;
                    process.RedirectStandardError = true;
                    process.RedirectedStandardOutputHandler = Write!;
                    process.RedirectedStandardErrorHandler = Write!;
                },
            });
        }
        catch (CakeException failure)
        {
            // Keep going: one red project must not hide the results of the others.
            context.Log.Warning($"{name}: {failure.Message}");
        }

        if (!File.Exists(trx))
        {
            return null;
        }

        var summary = TrxSummary.Read(name, trx);
        File.WriteAllText(Path.Combine(context.TestResultsDirectory, $"{name}.summary.txt"), summary + Environment.NewLine);
        context.Log.Information($"{name}: finished, {summary.Passed} passed, {summary.Failed} failed ({summary.Duration.TotalSeconds:0} s).");
        return summary;
    }

    private static int RunOrder(string project)
    {
        var order = System.Xml.Linq.XDocument.Load(project).Descendants("TestRunOrder").FirstOrDefault()?.Value;
        return int.TryParse(order, out var value) ? value : int.MaxValue;
    }

    private static List<string> TestProjects(BuildContext context) =>
        Directory.EnumerateFiles(Path.Combine(context.RepositoryRoot, "tests"), "*.Tests.csproj", SearchOption.AllDirectories)
            .Where(p => context.TestProject is null
                || Path.GetFileNameWithoutExtension(p).Contains(context.TestProject, StringComparison.OrdinalIgnoreCase))
            // A project's <TestRunOrder> puts the long emulator-bound suites first, so they start at
            // once and the short ones fill the gaps; projects without one go last.
            .OrderBy(RunOrder)
            .ThenBy(p => p, StringComparer.Ordinal)
            .ToList();
}
