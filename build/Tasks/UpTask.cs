using DataPlatform.Build.Aws;
using DataPlatform.Build.Host;
using DataPlatform.Build.Local;

namespace DataPlatform.Build.Tasks;

[TaskName("Up")]
[TaskDescription("local: starts (or reuses) the embedded emulator. Real environments: checks AWS credentials.")]
public sealed class UpTask : AsyncBuildTask<BuildContext>, IDescribesSteps<BuildContext>
{
    public IEnumerable<string> DescribeSteps(BuildContext context) => context.Deployment.UsesEmbeddedEmulator
        ? [context.Deployment.EndpointUrl is { } url ? $"use the emulator at {url}" : "start or reuse moto on a loopback port"]
        : [$"check AWS credentials with STS GetCallerIdentity ({context.Deployment.Region})"];

    public override async Task RunAsync(BuildContext context)
    {
        if (context.Deployment.UsesEmbeddedEmulator)
        {
            context.Aws = await new LocalEnvironment(context).UpAsync();
            return;
        }

        if (context.Deployment.Profile is { } profile)
        {
            // The SDK's default credential chain reads the profile from here, as terraform and aws do.
            Environment.SetEnvironmentVariable("AWS_PROFILE", profile);
        }

        var session = new AwsSession(context.Deployment.Region, context.Deployment.EndpointUrl, isEmulator: false, context.Deployment.Profile);
        var identity = await CredentialCheck.WhoAmIAsync(session, context.Deployment.Name);
        context.Log.Information($"Deploying to '{context.Deployment.Name}' in {session.Region} as {identity}.");
        context.Aws = session;
    }
}
