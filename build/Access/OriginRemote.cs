using Cake.Common;
using Cake.Core;
using Cake.Core.IO;

namespace DataPlatform.Build.Access;

/// <summary>The URL of the clone's origin remote, or null (no remote, no git).</summary>
public static class OriginRemote
{
    public static string? Url(ICakeContext context, string repositoryRoot)
    {
        try
        {
            var exitCode = context.StartProcess(
                "git",
                new ProcessSettings
                {
                    Arguments = "remote get-url origin",
                    WorkingDirectory = repositoryRoot,
                    RedirectStandardOutput = true,
                    RedirectStandardError = true,
                    Silent = true,
                },
                out var output);
            return exitCode == 0 ? output.FirstOrDefault()?.Trim() : null;
        }
        catch (Exception failure) when (failure is CakeException or System.ComponentModel.Win32Exception)
        {
            return null;
        }
    }
}
