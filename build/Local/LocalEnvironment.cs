using System.Text.Json;
using DataPlatform.Build.Aws;
using DataPlatform.Build.Host;
using DataPlatform.Emulator;

namespace DataPlatform.Build.Local;

/// <summary>
/// The embedded local environment: a moto server this build starts on a free loopback port and
/// reuses while it lives, or the emulator AWS_ENDPOINT_URL names (LocalStack, a shared moto).
/// </summary>
public sealed class LocalEnvironment(BuildContext context)
{
    private string Folder => context.EnvironmentStateDirectory;

    private string RecordFile => Path.Combine(Folder, "emulator.json");

    private string LogFile => Path.Combine(Folder, "emulator.log");

    public async Task<AwsSession> UpAsync(CancellationToken cancellationToken = default)
    {
        if (context.Deployment.EndpointUrl is { } external)
        {
            context.Log.Information($"Local environment: using the emulator at AWS_ENDPOINT_URL={external}.");
            if (!await MotoServer.IsAnsweringAsync(external, cancellationToken) && !await AnswersAtAllAsync(external, cancellationToken))
            {
                throw new BuildFailedException(
                    $"Nothing answers at AWS_ENDPOINT_URL={external}. Start that emulator, or unset AWS_ENDPOINT_URL to let the build start its own.");
            }

            return Session(external);
        }

        var record = Read();
        if (record is not null && await MotoServer.AttachAsync(new Uri(record.Endpoint), record.ProcessId, cancellationToken) is not null)
        {
            context.Log.Information($"Local environment: reusing the emulator at {record.Endpoint} (pid {record.ProcessId}, up since {record.StartedAt:HH:mm:ss}).");
            return Session(new Uri(record.Endpoint));
        }

        if (record is not null)
        {
            context.Log.Warning($"The local emulator at {record.Endpoint} is gone; its resources went with it. Starting a fresh one with fresh local Terraform state.");
        }

        ForgetTerraformState();
        Directory.CreateDirectory(Folder);
        context.Log.Information("Local environment: starting moto ...");
        MotoServer server;
        try
        {
            server = await MotoServer.StartAsync(
                new MotoServerOptions { Port = context.EmulatorPort, Detached = true, LogPath = LogFile },
                cancellationToken);
        }
        catch (EmulatorNotAvailableException unavailable)
        {
            throw new BuildFailedException(unavailable.Message, unavailable);
        }

        File.WriteAllText(RecordFile, JsonSerializer.Serialize(new EmulatorRecord(server.Endpoint.ToString().TrimEnd('/'), server.ProcessId, DateTimeOffset.Now)));
        context.Log.Information($"Local environment: moto is up at {server.Endpoint} (pid {server.ProcessId}); ./build.sh --target=Down stops it.");
        return Session(server.Endpoint);
    }

    /// <summary>Stops the emulator this build started; says so when there is none.</summary>
    public async Task DownAsync(CancellationToken cancellationToken = default)
    {
        var record = Read();
        if (record is null)
        {
            context.Log.Information("Local environment: no emulator was started by this build; nothing to stop.");
            return;
        }

        var server = await MotoServer.AttachAsync(new Uri(record.Endpoint), record.ProcessId, cancellationToken);
        server?.Stop();
        File.Delete(RecordFile);
        ForgetTerraformState();
        context.Log.Information(server is null
            ? $"Local environment: the emulator at {record.Endpoint} had already stopped."
            : $"Local environment: stopped the emulator at {record.Endpoint} (pid {record.ProcessId}).");
    }

    private AwsSession Session(Uri endpoint)
    {
        // Nothing in this process may pick up a developer's real credentials while it talks to the emulator.
        foreach (var name in EmulatorCredentials.VariablesToClear)
        {
            Environment.SetEnvironmentVariable(name, null);
        }

        return new AwsSession(context.Deployment.Region, endpoint, isEmulator: true, profile: null);
    }

    private EmulatorRecord? Read()
    {
        if (!File.Exists(RecordFile))
        {
            return null;
        }

        try
        {
            return JsonSerializer.Deserialize<EmulatorRecord>(File.ReadAllText(RecordFile));
        }
        catch (JsonException)
        {
            return null;
        }
    }

    /// <summary>The state described resources of an emulator that no longer exists: start the stacks from nothing.</summary>
    private void ForgetTerraformState()
    {
        var terraform = Path.Combine(Folder, "terraform");
        if (!Directory.Exists(terraform))
        {
            return;
        }

        // Only each stack's own state and plan: the terraform.tfstate inside .terraform/ is the
        // backend configuration, which stays valid.
        foreach (var stack in Directory.EnumerateDirectories(terraform))
        {
            foreach (var file in Directory.EnumerateFiles(stack, "terraform.tfstate*").Concat(Directory.EnumerateFiles(stack, "*.tfplan")))
            {
                File.Delete(file);
            }
        }
    }

    private static async Task<bool> AnswersAtAllAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(5) };
        try
        {
            using var _ = await http.GetAsync(endpoint, cancellationToken);
            return true;
        }
        catch (HttpRequestException)
        {
            return false;
        }
        catch (TaskCanceledException) when (!cancellationToken.IsCancellationRequested)
        {
            return false;
        }
    }
}
