using Cake.Common.IO;
using Cake.Common.Tools.DotNet;
using Cake.Common.Tools.DotNet.Test;
using Cake.Core;
using DataPlatform.Build.Host;
using DataPlatform.Build.Testing;

namespace DataPlatform.Build.Tasks;

[TaskName("Test")]
[TaskDescription("Runs every test project; TRX and a summary per project go to artifacts/test-results/.")]
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
        var summaries = new List<TrxSummary>();
        var broken = new List<string>();
        foreach (var project in projects)
        {
            var name = Path.GetFileNameWithoutExtension(project);
            var trx = Path.Combine(context.TestResultsDirectory, $"{name}.trx");
            if (File.Exists(trx))
            {
                File.Delete(trx);
            }

            context.Log.Information($"Testing {name} ...");
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
                });
            }
            catch (CakeException failure)
            {
                // Keep going: one red project must not hide the results of the others.
                context.Log.Warning($"{name} failed: {failure.Message}");
            }

            if (File.Exists(trx))
            {
                var summary = TrxSummary.Read(name, trx);
                summaries.Add(summary);
                File.WriteAllText(Path.Combine(context.TestResultsDirectory, $"{name}.summary.txt"), summary + Environment.NewLine);
            }
            else
            {
                broken.Add(name);
            }
        }

        foreach (var summary in summaries)
        {
            context.Log.Information(summary.ToString());
        }

        var passed = summaries.Sum(s => s.Passed);
        var failed = summaries.Sum(s => s.Failed);
        var skipped = summaries.Sum(s => s.Skipped);
        context.Log.Information($"Tests: {passed} passed, {failed} failed, {skipped} skipped");
        if (broken.Count > 0)
        {
            throw new BuildFailedException(
                $"{string.Join(", ", broken)} produced no results (the test host crashed or did not start). Run the project with dotnet test to see why.");
        }

        if (failed > 0)
        {
            throw new BuildFailedException(
                $"{failed} test(s) failed. Details are above and in {Path.GetRelativePath(context.RepositoryRoot, context.TestResultsDirectory)}/.");
        }

        if (passed == 0)
        {
            throw new BuildFailedException("No test ran. Check --test-filter and --test-project.");
        }
    }

    private static List<string> TestProjects(BuildContext context) =>
        Directory.EnumerateFiles(Path.Combine(context.RepositoryRoot, "tests"), "*.Tests.csproj", SearchOption.AllDirectories)
            .Where(p => context.TestProject is null
                || Path.GetFileNameWithoutExtension(p).Contains(context.TestProject, StringComparison.OrdinalIgnoreCase))
            .Order(StringComparer.Ordinal)
            .ToList();
}
