using Cake.Common.IO;
using Cake.Core.IO;
using DataPlatform.Build.Host;

namespace DataPlatform.Build.Tasks;

[TaskName("Clean")]
[TaskDescription("Deletes artifacts/; with --full-clean also the bin/obj folders of src, tests and bench.")]
public sealed class CleanTask : BuildTask<BuildContext>
{
    public override void Run(BuildContext context)
    {
        // bin/obj stay by default: they are MSBuild's incremental cache, and deleting them would
        // make every test run a full rebuild. The build's own folders always stay: it is running.
        var folders = new List<DirectoryPath> { new(context.ArtifactsDirectory) };
        if (context.FullClean)
        {
            var root = new DirectoryPath(context.RepositoryRoot);
            folders.AddRange(new[] { "src", "tests", "bench" }
                .SelectMany(area => context.GetDirectories(root.Combine(area).FullPath + "/*/{bin,obj}")));
        }

        var existing = folders.Where(context.DirectoryExists).ToList();
        foreach (var folder in existing)
        {
            context.DeleteDirectory(folder, new DeleteDirectorySettings { Recursive = true, Force = true });
        }

        context.Log.Information($"Removed {existing.Count} folder(s).");
    }
}
