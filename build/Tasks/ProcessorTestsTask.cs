using Cake.Common.Tools.DotNet;
using Cake.Common.Tools.DotNet.Test;
using DataPlatform.Build.Host;

namespace DataPlatform.Build.Tasks;

[TaskName("ProcessorTests")]
[TaskDescription("Builds and runs the processor's fast unit tests (everything outside an Integration namespace); the whole suite is --target=Test.")]
public sealed class ProcessorTestsTask : BuildTask<BuildContext>, IDescribesSteps<BuildContext>
{
    public const string UnitFilter = "FullyQualifiedName!~.Integration.";

    public IEnumerable<string> DescribeSteps(BuildContext context) =>
        [$"dotnet test tests/Processor.Tests --filter \"{UnitFilter}\""];

    public override void Run(BuildContext context) =>
        context.DotNetTest(Path.Combine(context.RepositoryRoot, "tests", "Processor.Tests", "Processor.Tests.csproj"), new DotNetTestSettings
        {
            Configuration = context.BuildConfiguration,
            // Builds just this project and what it references, not the whole solution: a deploy
            // should not wait for every test project to compile.
            NoLogo = true,
            Filter = UnitFilter,
            Loggers = ["console;verbosity=minimal"],
        });
}
