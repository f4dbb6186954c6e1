using DataPlatform.Build;
using DataPlatform.Build.Host;

var host = new BuildHost<BuildContext>(
    BuildContext.Flags,
    (cake, arguments) => new BuildContext(cake, arguments),
    TaskCatalog.FromAssembly<BuildContext>(typeof(BuildContext).Assembly),
    new BuildLifetime());
return await host.RunAsync(args, Directory.GetCurrentDirectory());
