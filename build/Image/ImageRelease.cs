using System.Diagnostics;
using System.Text.RegularExpressions;
using Cake.Common.Tools.DotNet;
using Cake.Common.Tools.DotNet.MSBuild;
using Cake.Common.Tools.DotNet.Publish;
using Cake.Core;
using Cake.Core.IO;
using Path = System.IO.Path;
using DataPlatform.Build.Aws;
using DataPlatform.Build.Host;

namespace DataPlatform.Build.Image;

/// <summary>
/// Puts the processor's image in the environment's ECR repository and says which digest the
/// compute stack must run. Same content, same image: when the repository already holds the
/// content's tag, nothing is built or pushed. With a Docker engine the image is built with
/// Buildx and pushed; without one, the local environment publishes the processor with dotnet
/// and registers it by a hand-written manifest, and a real environment stops with what to do.
/// </summary>
public sealed partial class ImageRelease(ImageReleaseOptions? options = null)
{
    /// <summary>Lambda runs x86_64 functions here; building for it explicitly keeps Apple-silicon machines honest.</summary>
    public const string Platform = "linux/amd64";

    public const string Dockerfile = "src/Processor/Dockerfile";

    public const string ProcessorProject = "src/Processor/Processor.csproj";

    private readonly ImageReleaseOptions _options = options ?? new ImageReleaseOptions();

    /// <summary>Builds (or reuses) the processor's image in <paramref name="request"/>'s repository and returns it by digest.</summary>
    public Task<PublishedImage> PublishAsync(BuildContext context, ImageRequest request) =>
        Task.Run(() => Publish(context, request));

    /// <summary>The steps a publish would take, for <c>--dryrun</c>; runs nothing.</summary>
    public static IEnumerable<string> DescribeSteps(string repositoryUrl = "<repository_url>") =>
    [
        $"hash {ImageContent.ProcessorFolder} and the build props into a content tag",
        "aws ecr describe-images (the content tag): reuse the image when it is there",
        $"docker buildx build --platform {Platform} --provenance=false -f {Dockerfile} -t {repositoryUrl}:<tags> .",
        "aws ecr get-login-password | docker login --username AWS --password-stdin <registry>",
        $"docker push {repositoryUrl}:<tag> and read the pushed digest",
        "without a Docker engine on local: dotnet publish and aws ecr put-image by the publish output's hash",
    ];

    private PublishedImage Publish(BuildContext context, ImageRequest request)
    {
        Validate(request);
        var log = context.Log;
        var root = new DirectoryPath(context.RepositoryRoot);
        var environment = ChildEnvironment(context.Aws);
        var ecr = new EcrCli(context, _options.AwsPath, environment, root, context.Aws.Region);
        if (!ecr.IsAvailable())
        {
            throw new BuildFailedException(
                "The AWS CLI (aws) is not on PATH, and the image release needs it to talk to ECR (AWSSDK.ECR is not available). " +
                "Install it (`pip install awscli` or AWS's installer) and run again.");
        }

        var content = ImageContent.Compute(context.RepositoryRoot);
        var revision = SourceRevision.Read(context, context.RepositoryRoot, [.. ImageContent.RootInputs, .. ImageContent.SourceFolders]);
        log.Information(
            $"Image: {content.Tag} from {content.Files.Count} files" +
            (revision is null ? " (not a git checkout: no commit tag)" : $" at {revision.Commit[..12]}{(revision.IsDirty ? " with uncommitted changes" : "")}") + ".");

        var existing = ecr.FindImage(request.RepositoryName, content.Tag);
        if (existing is not null)
        {
            log.Information($"Image: {request.RepositoryName} already holds {content.Tag} as {existing.Digest}; reusing it, nothing to build or push.");
            return new PublishedImage(UriOf(request, existing.Digest), existing.Digest, existing.Tags, Reused: true, PublishedImage.ReusedMethod);
        }

        var tags = Tags(ecr, request, content, revision, log);
        var docker = new DockerCli(context, _options.DockerPath, environment, root);
        var noEngine = ProbeEngine(docker);
        var registryTakesPushes = RegistryTakesPushes(context.Aws, request);
        if (noEngine is null && registryTakesPushes)
        {
            return PublishWithDocker(docker, ecr, request, content, revision, tags, log);
        }

        if (!context.Deployment.UsesEmbeddedEmulator)
        {
            throw noEngine is not null
                ? new BuildFailedException(
                    $"No Docker engine is reachable ({noEngine}), and the '{context.Deployment.Name}' environment needs the processor's image built and pushed with Docker. " +
                    "Start Docker (Docker Desktop, or `sudo systemctl start docker`), or set DOCKER_HOST to an engine you can reach, check that `docker info` succeeds, then run the deploy again.")
                : new BuildFailedException(
                    $"The repository {request.RepositoryUrl} is on AWS's own registry host, but this session's AWS calls go to an emulator ({context.Aws.Endpoint}), " +
                    "so a docker push would go to AWS with the emulator's dummy keys. Use the local environment (--env=local) for an emulator, or unset AWS_ENDPOINT_URL for a real one.");
        }

        log.Information(noEngine is not null
            ? $"Image: no Docker engine is reachable ({noEngine}). On the local environment that is fine: the processor is published with dotnet and registered in the local ECR by its content, so the compute stack still references an existing digest. Start Docker to build the real image."
            : $"Image: the local emulator's ECR has no registry API to push to ({request.Registry} is AWS's own host), so the processor is published with dotnet and registered in it by its content instead.");
        return RegisterLocally(context, ecr, request, content, tags, log);
    }

    private PublishedImage PublishWithDocker(
        DockerCli docker, EcrCli ecr, ImageRequest request, ImageContent content, SourceRevision? revision, IReadOnlyList<string> tags, ICakeLog log)
    {
        var buildx = docker.BuildxVersion();
        if (!buildx.Succeeded)
        {
            throw new BuildFailedException(
                $"Docker Buildx is not available ({buildx.LastError}), and the image needs it for --platform and --provenance. " +
                "Install the docker-buildx plugin (Docker Desktop includes it; on Linux: the docker-buildx-plugin package), then run again.");
        }

        var labels = new List<KeyValuePair<string, string>> { new("dataplatform.content-hash", content.Hash) };
        if (revision is not null)
        {
            labels.Add(new("org.opencontainers.image.revision", revision.Commit));
        }

        var clock = Stopwatch.StartNew();
        log.Information($"Image: building {Platform} with Docker Buildx (the first build pulls the base images and takes a few minutes) ...");
        var built = docker.Build(Dockerfile, Platform, tags.Select(t => $"{request.RepositoryUrl}:{t}"), labels, Echo(log, "build"));
        if (!built.Succeeded)
        {
            throw new BuildFailedException(
                $"docker buildx build failed with exit code {built.ExitCode}: {built.LastError}. " +
                $"The build output is above; fix {Dockerfile} or the processor, then run again.");
        }

        log.Information($"Image: built in {clock.Elapsed.TotalSeconds:0.0} s. Logging in to {request.Registry} ...");
        var password = ecr.GetLoginPassword(request.RepositoryName);
        var login = docker.Login(request.Registry, password);
        if (!login.Succeeded)
        {
            throw new BuildFailedException(
                $"docker login to {request.Registry} failed with exit code {login.ExitCode}: {Redact(login.LastError, password)}. " +
                "Check that this environment's credentials may call ecr:GetAuthorizationToken and that the registry host is reachable, then run again.");
        }

        string? digest = null;
        foreach (var tag in tags)
        {
            var reference = $"{request.RepositoryUrl}:{tag}";
            clock.Restart();
            log.Information($"Image: pushing {reference} ...");
            var push = docker.Push(reference, Echo(log, "push"));
            if (!push.Succeeded)
            {
                throw new BuildFailedException(
                    $"docker push {reference} failed with exit code {push.ExitCode}: {Redact(push.LastError, password)}. " +
                    $"The image is built but not in {request.RepositoryName}, so the deploy stops before any stack uses it. " +
                    "Check the network and the credentials' ECR push permissions (ecr:InitiateLayerUpload, ecr:PutImage), then run again.");
            }

            var pushed = PushedDigest(push)
                ?? throw new BuildFailedException(
                    $"docker push {reference} succeeded but printed no 'digest: sha256:…' line, so the image cannot be referenced by digest. " +
                    "Check the docker client's version (it must print the pushed digest) and run again.");
            if (digest is not null && digest != pushed)
            {
                throw new BuildFailedException(
                    $"The tags of one build were pushed with different digests ({digest} and {pushed}); the image store changed during the push. Run again.");
            }

            digest = pushed;
            log.Information($"Image: pushed {tag} in {clock.Elapsed.TotalSeconds:0.0} s.");
        }

        // The registry is the authority on what the compute stack will pull: read the tag back.
        var registered = ecr.FindImage(request.RepositoryName, content.Tag);
        if (registered is null || registered.Digest != digest)
        {
            throw new BuildFailedException(
                $"After the push, ECR reports {registered?.Digest ?? "no image"} for {content.Tag} in {request.RepositoryName}, not the pushed {digest}. " +
                "Another build may have pushed the same tag at the same time; run the deploy again.");
        }

        log.Information($"Image: {request.RepositoryUrl}@{digest}");
        return new PublishedImage(UriOf(request, digest!), digest!, tags, Reused: false, PublishedImage.DockerMethod);
    }

    private PublishedImage RegisterLocally(
        BuildContext context, EcrCli ecr, ImageRequest request, ImageContent content, IReadOnlyList<string> tags, ICakeLog log)
    {
        var publishDirectory = _options.PublishDirectory ?? Path.Combine(context.StateDirectory, "image", "publish");
        var workDirectory = Path.GetDirectoryName(Path.GetFullPath(publishDirectory))!;
        if (Directory.Exists(publishDirectory))
        {
            // A stale file from an earlier publish would change the layer's hash without being in the image.
            Directory.Delete(publishDirectory, recursive: true);
        }

        var clock = Stopwatch.StartNew();
        log.Information("Image: dotnet publish of the processor (Release, linux-x64, ReadyToRun, as the Dockerfile does) ...");
        try
        {
            context.DotNetPublish(Path.Combine(context.RepositoryRoot, ProcessorProject), new DotNetPublishSettings
            {
                Configuration = "Release",
                Runtime = "linux-x64",
                SelfContained = false,
                OutputDirectory = publishDirectory,
                // From the root, whatever the process's directory: global.json there picks the SDK.
                WorkingDirectory = context.RepositoryRoot,
                NoLogo = true,
                Verbosity = DotNetVerbosity.Minimal,
                // Intermediate files under the state folder too (dotnet's --artifacts-path): two builds
                // with different state folders, two test suites say, may publish at the same moment.
                MSBuildSettings = new DotNetMSBuildSettings()
                    .WithProperty("PublishReadyToRun", "true")
                    .WithProperty("ArtifactsPath", Path.Combine(workDirectory, "build")),
            });
        }
        catch (CakeException failure)
        {
            throw new BuildFailedException(
                $"dotnet publish of {ProcessorProject} failed ({failure.Message}). The compiler's errors are above; fix them and run again.", failure);
        }

        // The Dockerfile copies contracts/ next to the publish output; the layer holds what the image would.
        var contracts = Path.Combine(publishDirectory, ImageContent.ContractsFolder);
        Directory.CreateDirectory(contracts);
        foreach (var file in Directory.EnumerateFiles(Path.Combine(context.RepositoryRoot, ImageContent.ContractsFolder), "*.json"))
        {
            File.Copy(file, Path.Combine(contracts, Path.GetFileName(file)));
        }

        var manifest = LocalImageManifest.Create(
            publishDirectory, Path.Combine(workDirectory, "processor-layer.tar"), Path.Combine(context.RepositoryRoot, Dockerfile), content);
        var manifestFile = Path.Combine(workDirectory, "processor-manifest.json");
        File.WriteAllText(manifestFile, manifest.Json);
        log.Information(
            $"Image: published in {clock.Elapsed.TotalSeconds:0.0} s; publish output {manifest.LayerDigest} ({manifest.LayerSize / 1024.0 / 1024.0:0.0} MiB). " +
            $"Registering it in {request.RepositoryName} as {string.Join(", ", tags)} ...");

        string? digest = null;
        foreach (var tag in tags)
        {
            digest = ecr.PutImage(request.RepositoryName, tag, manifestFile, manifest.Digest, LocalImageManifest.MediaType);
        }

        log.Information($"Image: {request.RepositoryUrl}@{digest}");
        return new PublishedImage(UriOf(request, digest!), digest!, tags, Reused: false, PublishedImage.LocalRegistrationMethod);
    }

    /// <summary>
    /// The content tag, and the commit tag unless another image already holds it: tags are
    /// immutable in our repositories, and a tag must never be moved to other content.
    /// </summary>
    private static List<string> Tags(EcrCli ecr, ImageRequest request, ImageContent content, SourceRevision? revision, ICakeLog log)
    {
        var tags = new List<string> { content.Tag };
        if (revision is null)
        {
            return tags;
        }

        var commitTag = revision.Tag(content);
        var holder = ecr.FindImage(request.RepositoryName, commitTag);
        if (holder is null)
        {
            tags.Add(commitTag);
        }
        else
        {
            log.Warning($"Image: {commitTag} already names {holder.Digest}, other content (tags cannot move); this image gets only {content.Tag}.");
        }

        return tags;
    }

    /// <summary>Null when a Docker engine answers; otherwise why not, in a few words.</summary>
    private static string? ProbeEngine(DockerCli docker)
    {
        if (!docker.IsAvailable())
        {
            return "the docker command is not on PATH";
        }

        var info = docker.Info();
        return info.Succeeded ? null : $"docker info: {info.LastError}";
    }

    /// <summary>
    /// False when the AWS calls go to an emulator but the repository lives on AWS's own registry
    /// host (moto's shape): moto has no registry API, so a push could only reach real AWS.
    /// LocalStack serves a registry on localhost, and pushes go there.
    /// </summary>
    private static bool RegistryTakesPushes(AwsSession aws, ImageRequest request)
    {
        var host = request.Registry.Split(':')[0];
        var awsHost = host.EndsWith(".amazonaws.com", StringComparison.OrdinalIgnoreCase) || host.EndsWith(".amazonaws.com.cn", StringComparison.OrdinalIgnoreCase);
        return !(aws.IsEmulator && awsHost);
    }

    /// <summary>The AWS session's variables, its variables to remove, then the caller's.</summary>
    private IReadOnlyDictionary<string, string?> ChildEnvironment(AwsSession aws)
    {
        var environment = aws.CliEnvironment();
        foreach (var (name, value) in _options.Environment)
        {
            environment[name] = value;
        }

        return environment;
    }

    private static void Validate(ImageRequest request)
    {
        if (string.IsNullOrWhiteSpace(request.RepositoryName) || string.IsNullOrWhiteSpace(request.RepositoryUrl)
            || !request.RepositoryUrl.EndsWith("/" + request.RepositoryName, StringComparison.Ordinal))
        {
            throw new BuildFailedException(
                $"The image request is inconsistent: repository URL '{request.RepositoryUrl}' should end with '/{request.RepositoryName}'. " +
                "Pass the registry stack's repository_url and repository_name outputs unchanged.");
        }
    }

    private static string UriOf(ImageRequest request, string digest) => $"{request.RepositoryUrl}@{digest}";

    private static string? PushedDigest(ToolResult push)
    {
        var match = push.Output.Concat(push.Errors).Select(l => DigestLine().Match(l)).LastOrDefault(m => m.Success);
        return match?.Groups[1].Value;
    }

    private static string Redact(string text, string secret) => text.Replace(secret, "***", StringComparison.Ordinal);

    /// <summary>Streams a tool's lines as progress; stdout and stderr arrive on two threads, so one line at a time.</summary>
    private static Action<string> Echo(ICakeLog log, string step)
    {
        var gate = new object();
        return line =>
        {
            lock (gate)
            {
                log.Information($"  {step} | {line}");
            }
        };
    }

    [GeneratedRegex(@"digest:\s*(sha256:[0-9a-f]{64})")]
    private static partial Regex DigestLine();
}
