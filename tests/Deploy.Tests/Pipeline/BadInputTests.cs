using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using DataPlatform.Deployment;
using DataPlatform.Emulator;

namespace DataPlatform.Deploy.Tests.Pipeline;

/// <summary>Each way a deploy can be asked wrongly gets a clear message and a non-zero exit before anything changes.</summary>
public sealed class BadInputTests : IDisposable
{
    private readonly string _root = Path.Combine(Path.GetTempPath(), $"dp-bad-input-{Guid.NewGuid():N}");

    public void Dispose()
    {
        if (Directory.Exists(_root))
        {
            Directory.Delete(_root, recursive: true);
        }
    }

    [Fact]
    public async Task An_unknown_environment_is_refused_with_the_list_and_a_suggestion()
    {
        var run = await RunAsync(Isolated(), "--target=Plan", "--env=dve");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("There is no environment named 'dve'", run.Output);
        Assert.Contains("Did you mean 'dev'?", run.Output);
        Assert.Contains("Environments: dev, local, prod", run.Output);
    }

    [Fact]
    public async Task An_environment_without_its_tfvars_file_is_refused_and_says_how_to_add_one()
    {
        var run = await RunAsync(Isolated(), "--target=Deploy", "--env=staging");

        Assert.Equal(2, run.ExitCode);
        Assert.Contains("terraform/environments/staging.tfvars does not exist", run.Output);
        Assert.Contains("copy dev.tfvars", run.Output);
    }

    [Fact]
    public async Task A_real_environment_without_credentials_fails_in_seconds_before_terraform_runs()
    {
        var environment = Isolated();
        var home = Path.Combine(_root, "home");
        Directory.CreateDirectory(home);
        foreach (var name in new[] { "AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_PROFILE", "AWS_ENDPOINT_URL",
                     "AWS_WEB_IDENTITY_TOKEN_FILE", "AWS_ROLE_ARN", "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI" })
        {
            environment[name] = null;
        }

        environment["HOME"] = home;
        environment["AWS_CONFIG_FILE"] = Path.Combine(home, "no-config");
        environment["AWS_SHARED_CREDENTIALS_FILE"] = Path.Combine(home, "no-credentials");
        // No instance metadata service here; don't let the SDK wait for one.
        environment["AWS_EC2_METADATA_DISABLED"] = "true";

        var run = await RunAsync(environment, "--target=Plan", "--env=dev");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("No usable AWS credentials for the 'dev' environment", run.Output);
        Assert.Contains("--profile", run.Output);
        Assert.DoesNotContain("[registry]", run.Output);
        Assert.True(run.Duration < TimeSpan.FromSeconds(60), $"took {run.Duration}");
    }

    [Fact]
    public async Task Terraform_missing_from_path_is_named_with_how_to_install_it()
    {
        await using var moto = await MotoServer.StartAsync();
        var environment = Isolated();
        environment["PATH"] = PathWithout("terraform");
        environment["AWS_ENDPOINT_URL"] = moto.Endpoint.ToString();

        var run = await RunAsync(environment, "--target=Plan");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("terraform was not found on PATH", run.Output);
        Assert.Contains("Install Terraform", run.Output);
    }

    [Fact]
    public async Task A_port_in_use_for_the_emulator_is_reported_with_what_to_do()
    {
        using var holder = new TcpListener(IPAddress.Loopback, 0);
        holder.Start();
        var port = ((IPEndPoint)holder.LocalEndpoint).Port;
        var environment = Isolated();
        environment["AWS_ENDPOINT_URL"] = null;

        var run = await RunAsync(environment, "--target=Up", $"--emulator-port={port}");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains($"Port {port} on 127.0.0.1 is already in use", run.Output);
        Assert.Contains("leave the port unset", run.Output);
    }

    [Fact]
    public async Task A_missing_emulator_says_how_to_install_it()
    {
        var environment = Isolated();
        environment["AWS_ENDPOINT_URL"] = null;
        environment["MOTO_SERVER"] = Path.Combine(_root, "no-such-moto_server");

        var run = await RunAsync(environment, "--target=Up");

        Assert.Equal(1, run.ExitCode);
        Assert.Contains("was not found on PATH", run.Output);
        Assert.Contains("pip install 'moto[server]==5.2.1'", run.Output);
    }

    [Fact]
    public async Task Dry_run_of_deploy_lists_the_stack_steps_in_order_and_starts_nothing()
    {
        var environment = Isolated();
        environment["AWS_ENDPOINT_URL"] = null;

        var run = await RunAsync(environment, "--target=Deploy", "--dryrun");

        Assert.Equal(0, run.ExitCode);
        var steps = new[] { "ProcessorTests", "Up", "Registry", "Image", "Infrastructure", "terraform/stacks/storage", "terraform/stacks/iam", "terraform/stacks/compute", "Outputs", "Verify" }
            .Select(s => run.Output.IndexOf(s, StringComparison.Ordinal)).ToList();
        Assert.All(steps, p => Assert.True(p >= 0, run.Output));
        Assert.Equal(steps.Order(), steps);
        Assert.False(File.Exists(Path.Combine(_root, "state", "local", "emulator.json")), "a dry run started the emulator");
    }

    private Dictionary<string, string?> Isolated() => new()
    {
        ["CI"] = "true",
        ["DATAPLATFORM_STATE_DIR"] = Path.Combine(_root, "state"),
        ["DATAPLATFORM_ARTIFACTS_DIR"] = Path.Combine(_root, "artifacts"),
    };

    private static Task<BuildShResult> RunAsync(Dictionary<string, string?> environment, params string[] args) =>
        BuildSh.RunAsync(environment, args);

    /// <summary>PATH without the folder that holds <paramref name="tool"/>; what else lived there (dotnet, say) is linked back in.</summary>
    private string PathWithout(string tool)
    {
        var keep = new List<string>();
        var links = Path.Combine(_root, "bin");
        Directory.CreateDirectory(links);
        foreach (var dir in (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries))
        {
            if (!File.Exists(Path.Combine(dir, tool)))
            {
                keep.Add(dir);
                continue;
            }

            foreach (var needed in new[] { "dotnet", "moto_server", "aws", "python3", "setsid" })
            {
                var source = Path.Combine(dir, needed);
                var link = Path.Combine(links, needed);
                if (File.Exists(source) && !File.Exists(link))
                {
                    File.CreateSymbolicLink(link, source);
                }
            }
        }

        Assert.Null(ExecutableSearch.Find(tool, string.Join(Path.PathSeparator, keep.Append(links))));
        return string.Join(Path.PathSeparator, keep.Prepend(links));
    }
}
