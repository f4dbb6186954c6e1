using Cake.Core;
using Cake.Core.Configuration;
using Cake.Core.Diagnostics;
using Cake.Core.IO;
using Cake.Core.Tooling;

namespace DataPlatform.Build.Host;

/// <summary>Cake's engine services, put together by hand the way Cake.Frosting's container would.</summary>
public sealed class CakeServices
{
    public CakeServices(string workingDirectory, Verbosity verbosity, ILookup<string, string> arguments, IConsole? console = null)
    {
        Environment = new CakeEnvironment(new CakePlatform(), new CakeRuntime())
        {
            WorkingDirectory = new DirectoryPath(workingDirectory),
        };
        FileSystem = new FileSystem();
        Console = console ?? new ColourGatedConsole(new CakeConsole(Environment), ColourChoice.ForThisProcess());
        Log = new CakeBuildLog(Console, verbosity);
        var globber = new Globber(FileSystem, Environment);
        var configuration = new CakeConfigurationProvider(FileSystem, Environment)
            .CreateConfiguration(Environment.WorkingDirectory, new Dictionary<string, string>());
        var resolution = new ToolResolutionStrategy(FileSystem, Environment, globber, configuration, Log);
        var tools = new ToolLocator(Environment, new ToolRepository(Environment), resolution);
        var processes = new ProcessRunner(FileSystem, Environment, Log, tools, configuration);
        Data = new CakeDataService();
        Context = new CakeContext(
            FileSystem,
            Environment,
            globber,
            Log,
            new CakeArguments(arguments),
            processes,
            new WindowsRegistry(),
            tools,
            Data,
            configuration,
            new ToolInstaller(Environment, tools, configuration, Log, []),
            new NoServices());
    }

    public ICakeEnvironment Environment { get; }

    public IFileSystem FileSystem { get; }

    public IConsole Console { get; }

    public ICakeLog Log { get; }

    public ICakeDataService Data { get; }

    public ICakeContext Context { get; }

    private sealed class NoServices : IServiceProvider
    {
        public object? GetService(Type serviceType) => null;
    }
}
