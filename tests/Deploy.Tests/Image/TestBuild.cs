using System.Collections;
using Cake.Core.Diagnostics;
using DataPlatform.Build;
using DataPlatform.Build.Aws;
using DataPlatform.Build.Host;

namespace DataPlatform.Deploy.Tests.Image;

/// <summary>A real BuildContext on a real Cake context, over a given repository copy and AWS session, logging into a buffer.</summary>
public static class TestBuild
{
    public static BuildContext Context(string repositoryRoot, string environment, AwsSession aws, RecordingConsole console)
    {
        // An empty environment dictionary: a DATAPLATFORM_* variable of the machine must not change the test.
        var arguments = BuildArguments.Parse([$"--env={environment}"], BuildContext.Flags, new Hashtable());
        // Cake's environment makes the working directory the process's current directory. Tests
        // delete their temporary trees, so the process goes back where it was once the context
        // has read its root; the release passes the root to every child process explicitly.
        var previous = Directory.GetCurrentDirectory();
        try
        {
            var cake = new CakeServices(repositoryRoot, Verbosity.Diagnostic, arguments.ToLookup(), console);
            return new BuildContext(cake.Context, arguments) { Aws = aws };
        }
        finally
        {
            Directory.SetCurrentDirectory(previous);
        }
    }
}
