using Cake.Common.Tools.DotNet;
using Cake.Common.Tools.DotNet.Test;
using DataPlatform.Build.Host;

namespace DataPlatform.Build.Tasks;

[TaskName("ProcessorTests")]
[TaskDescription("The processor's fast unit tests (everything outside an Integration namespace); the whole suite is --target=Test.")]
[IsDependentOn(typeof(CompileTask))]
public sealed class ProcessorTestsTask : BuildTask<BuildContext>, IDescribesSteps<BuildContext>
{
    public const string UnitFilter = "FullyQualifiedName!~.Integration.";

    public IEnumerable<string> DescribeSteps(BuildContext context) =>
        [$"dotnet test tests/Processor.Tests --filter \"{UnitFilter}\""];

    public override void Run(BuildContext context) =>
        context.DotNetTest(Path.Combine(context.RepositoryRoot, "tests", "Processor.Tests", "Processor.Tests.csproj"), new DotNetTestSettings
        {
            Configuration = context.BuildConfiguration,
            NoBuild = true,
            NoRestore = true,
            NoLogo = true,
            Filter = UnitFilter,
            Loggers = ["console;verbosity=minimal"],
        });
}
