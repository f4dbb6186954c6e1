using Cake.Core;
using Cake.Core.Diagnostics;
using DataPlatform.Deployment.Terraform;

namespace DataPlatform.Build.Host;

/// <summary>
/// Maps task classes onto Cake's engine and runs a target: the part of Cake.Frosting this kit
/// needs, kept apart from the tasks so that moving to Frosting later is mechanical.
/// </summary>
public sealed class BuildHost<TContext>
    where TContext : class, ICakeContext
{
    public const int Succeeded = 0;
    public const int Failed = 1;
    public const int UsageError = 2;

    public static IReadOnlyList<BuildFlag> HostFlags { get; } =
    [
        new("target", "The target to run (default: Default). --tree lists them.", "NAME", ShortName: "t"),
        new("verbosity", "How much to print (default: normal).", "quiet|minimal|normal|verbose|diagnostic",
            ["quiet", "minimal", "normal", "verbose", "diagnostic"], ShortName: "v"),
        new("dryrun", "Print the tasks that would run, in order, with their steps; run none."),
        new("exclusive", "Run only the target, not the tasks it depends on."),
        new("tree", "List the targets, one line each, with what they run."),
        new("description", "Same as --tree."),
        new("help", "Print the options and where they can come from.", ShortName: "h"),
    ];

    private readonly IReadOnlyList<BuildFlag> _flags;
    private readonly Func<ICakeContext, BuildArguments, TContext> _createContext;
    private readonly TaskCatalog _catalog;
    private readonly IBuildLifetime<TContext>? _lifetime;
    private readonly IConsole? _console;

    public BuildHost(
        IEnumerable<BuildFlag> contextFlags,
        Func<ICakeContext, BuildArguments, TContext> createContext,
        TaskCatalog catalog,
        IBuildLifetime<TContext>? lifetime = null,
        IConsole? console = null)
    {
        _flags = [.. HostFlags, .. contextFlags];
        _createContext = createContext;
        _catalog = catalog;
        _lifetime = lifetime;
        _console = console;
    }

    public async Task<int> RunAsync(IReadOnlyList<string> args, string workingDirectory)
    {
        BuildArguments arguments;
        try
        {
            arguments = BuildArguments.Parse(args, _flags);
        }
        catch (BuildUsageException usage)
        {
            WriteError(usage.Message);
            return UsageError;
        }

        var verbosity = Enum.Parse<Verbosity>(arguments.Get("verbosity", "normal"), ignoreCase: true);
        var services = new CakeServices(workingDirectory, verbosity, arguments.ToLookup(), _console);
        if (arguments.IsOn("help"))
        {
            WriteHelp(services.Console);
            return Succeeded;
        }

        if (arguments.IsOn("tree") || arguments.IsOn("description"))
        {
            WriteTree(services.Console);
            return Succeeded;
        }

        TaskDefinition target;
        TContext context;
        try
        {
            target = _catalog.Find(arguments.Get("target", "Default")) ?? throw _catalog.UnknownTarget(arguments.Get("target", "Default"));
            context = _createContext(services.Context, arguments);
        }
        catch (BuildUsageException usage)
        {
            WriteError(usage.Message);
            return UsageError;
        }

        var tasks = _catalog.Tasks.ToDictionary(t => t.Name, t => (IBuildTask<TContext>)Activator.CreateInstance(t.Type)!);
        var engine = new CakeEngine(services.Data, services.Log);
        foreach (var definition in _catalog.Tasks)
        {
            var task = tasks[definition.Name];
            var builder = engine.RegisterTask(definition.Name).Description(definition.Description);
            foreach (var dependency in definition.Dependencies)
            {
                builder.IsDependentOn(dependency);
            }

            builder.WithCriteria(_ => task.ShouldRun(context), task.SkipReason);
            builder.Does(_ => task.RunAsync(context));
        }

        if (_lifetime is not null)
        {
            engine.RegisterSetupAction(info => _lifetime.Setup(context, info));
            engine.RegisterTeardownAction(info => _lifetime.Teardown(context, info));
        }

        var settings = new ExecutionSettings().SetTarget(target.Name);
        if (arguments.IsOn("exclusive"))
        {
            settings.UseExclusiveTarget();
        }

        if (arguments.IsOn("dryrun"))
        {
            services.Log.Information($"Dry run of {target.Name}: these tasks would run, in this order; nothing is executed.");
            var dryRun = new DryRunStrategy(services.Log, name =>
                tasks[name] is IDescribesSteps<TContext> describes ? describes.DescribeSteps(context) : []);
            try
            {
                await engine.RunTargetAsync(context, dryRun, settings).ConfigureAwait(false);
                return Succeeded;
            }
            catch (Exception failure)
            {
                WriteError(Describe(failure, verbosity));
                return Failed;
            }
        }

        var printer = new CakeReportPrinter(services.Console, context);
        var strategy = new ReportingStrategy(new DefaultExecutionStrategy(services.Log, printer));
        try
        {
            await engine.RunTargetAsync(context, strategy, settings).ConfigureAwait(false);
            printer.Write(strategy.Report);
            return Succeeded;
        }
        catch (Exception failure)
        {
            if (!strategy.Report.IsEmpty)
            {
                printer.Write(strategy.Report);
            }

            WriteError(Describe(failure, verbosity));
            return failure is BuildUsageException ? UsageError : Failed;
        }
    }

    private static string Describe(Exception failure, Verbosity verbosity)
    {
        // Cake wraps a task's exception (CakeReportException, AggregateException): report the cause.
        var root = failure;
        while (root is not (BuildFailedException or BuildUsageException or DeploymentFailedException) && root.InnerException is { } inner)
        {
            root = inner;
        }

        if (root is not (BuildFailedException or BuildUsageException or DeploymentFailedException))
        {
            root = failure.InnerException ?? failure;
        }

        var known = root is BuildFailedException or BuildUsageException or DeploymentFailedException;
        var message = known ? root.Message : $"{root.GetType().Name}: {root.Message}";
        return verbosity >= Verbosity.Verbose || !known ? $"Build failed: {message}{Environment.NewLine}{root}" : $"Build failed: {message}";
    }

    private void WriteError(string message)
    {
        if (_console is not null)
        {
            _console.WriteErrorLine(message);
        }
        else
        {
            Console.Error.WriteLine(message);
        }
    }

    private void WriteTree(IConsole console)
    {
        var width = _catalog.Tasks.Max(t => t.Name.Length);
        console.WriteLine("Targets (./build.sh --target=NAME):");
        foreach (var task in _catalog.Tasks)
        {
            console.WriteLine($"  {task.Name.PadRight(width)}  {task.Description}");
            var order = _catalog.ExecutionOrder(task.Name);
            if (order.Count > 1)
            {
                console.WriteLine($"  {"".PadRight(width)}    runs: {string.Join(" -> ", order.Select(t => t.Name))}");
            }
        }
    }

    private void WriteHelp(IConsole console)
    {
        console.WriteLine("Usage: ./build.sh [--target=NAME] [options]");
        console.WriteLine("");
        console.WriteLine("Options (each can also come from the environment variable shown):");
        var width = _flags.Max(f => f.Name.Length + (f.ValueHint?.Length + 1 ?? 0));
        foreach (var flag in _flags)
        {
            var left = flag.IsSwitch ? flag.Name : $"{flag.Name}={flag.ValueHint}";
            console.WriteLine($"  --{left.PadRight(width)}  {flag.Description} [{flag.EnvironmentVariable}]");
        }

        console.WriteLine("");
        WriteTree(console);
    }
}
