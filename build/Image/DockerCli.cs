using Cake.Core;
using Cake.Core.IO;

namespace DataPlatform.Build.Image;

/// <summary>
/// The docker commands the image release issues, and only those: a thin wrapper on Cake's tool
/// base class (Cake.Docker is not served). Each method returns the tool's result; the release
/// decides what a failure means.
/// </summary>
public sealed class DockerCli : CommandLineTool<DockerSettings>
{
    /// <summary>How long <c>docker info</c> may take: an engine that does not answer in this time counts as absent.</summary>
    public static readonly TimeSpan EngineProbeTimeout = TimeSpan.FromSeconds(15);

    public DockerCli(ICakeContext context, FilePath? toolPath, IReadOnlyDictionary<string, string?> environment, DirectoryPath workingDirectory)
        : base(context, toolPath, environment, workingDirectory)
    {
    }

    /// <summary><c>docker info</c>: exit code 0 means a Docker engine answers.</summary>
    public ToolResult Info()
    {
        try
        {
            return Execute(new ProcessArgumentBuilder().Append("info").Append("--format").AppendQuoted("{{.ServerVersion}}"), timeout: EngineProbeTimeout);
        }
        catch (TimeoutException)
        {
            return new ToolResult(-1, [], [$"docker info did not answer within {EngineProbeTimeout.TotalSeconds:0} s"]);
        }
    }

    /// <summary><c>docker buildx version</c>: the build needs the Buildx plugin (for --platform and --provenance).</summary>
    public ToolResult BuildxVersion() => Execute(new ProcessArgumentBuilder().Append("buildx").Append("version"));

    /// <summary>
    /// <c>docker buildx build</c> for Lambda: one platform, no provenance attestation (with one,
    /// Buildx pushes an OCI index, which Lambda rejects), loaded into the engine's image store so
    /// that <c>docker push</c> can send it. The context is the working directory (the repository root).
    /// </summary>
    public ToolResult Build(string dockerfile, string platform, IEnumerable<string> references, IEnumerable<KeyValuePair<string, string>> labels, Action<string> echo)
    {
        var arguments = new ProcessArgumentBuilder()
            .Append("buildx").Append("build")
            .Append("--platform").Append(platform)
            .Append("--provenance=false")
            .Append("--progress=plain")
            .Append("--load")
            .Append("-f").AppendQuoted(dockerfile);
        foreach (var reference in references)
        {
            arguments.Append("-t").AppendQuoted(reference);
        }

        foreach (var (name, value) in labels)
        {
            arguments.Append("--label").AppendQuoted($"{name}={value}");
        }

        return Execute(arguments.Append("."), echo);
    }

    /// <summary><c>docker login --password-stdin</c>: the password goes to standard input, never into the command line.</summary>
    public ToolResult Login(string registry, string password) =>
        Execute(
            new ProcessArgumentBuilder().Append("login").Append("--username").Append("AWS").Append("--password-stdin").AppendQuoted(registry),
            standardInput: password);

    public ToolResult Push(string reference, Action<string> echo) =>
        Execute(new ProcessArgumentBuilder().Append("push").AppendQuoted(reference), echo);

    protected override string GetToolName() => "Docker";

    protected override IEnumerable<string> GetToolExecutableNames() => ["docker", "docker.exe"];
}
