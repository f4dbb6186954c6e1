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

    /// <summary>Every IAM check of the enforcing emulator, allowed or denied, one JSON line each: where to look when a step is refused.</summary>
    public string AccessLogFile => Path.Combine(Folder, "iam-access.jsonl");

    /// <summary>The enforcing emulator's administrator keys, written by the launcher (0600); never printed.</summary>
    public string AdminCredentialsFile => Path.Combine(Folder, "admin-credentials.json");

    /// <summary>The deploy role's session keys, kept (0600) while they are fresh so each build invocation need not assume it again.</summary>
    private string DeployKeysFile => Path.Combine(Folder, "deploy-session.json");

    public async Task<AwsSession> UpAsync(CancellationToken cancellationToken = default)
    {
        if (context.Deployment.EndpointUrl is { } external)
        {
            context.Log.Information(
                $"Local environment: using the emulator at AWS_ENDPOINT_URL={external}. IAM enforcement is off there: the build did not start it, " +
                "so it holds no administrator keys to create the deploy identity with, and every call goes with the dummy keys.");
            if (!await MotoServer.IsAnsweringAsync(external, cancellationToken) && !await AnswersAtAllAsync(external, cancellationToken))
            {
                throw new BuildFailedException(
                    $"Nothing answers at AWS_ENDPOINT_URL={external}. Start that emulator, or unset AWS_ENDPOINT_URL to let the build start its own.");
            }

            return Session(external);
        }

        var enforce = context.IamEnforcement;
        if (!enforce)
        {
            LocalIamEnforcement.WarnOff(context.Log);
        }

        var record = Read();
        if (record is not null && await MotoServer.AttachAsync(new Uri(record.Endpoint), record.ProcessId, cancellationToken) is not null)
        {
            if (record.IamEnforced != enforce)
            {
                throw new BuildFailedException(LocalIamEnforcement.MismatchMessage(record, enforce));
            }

            context.Log.Information(
                $"Local environment: reusing the emulator at {record.Endpoint} (pid {record.ProcessId}, up since {record.StartedAt:HH:mm:ss}" +
                $"{(enforce ? ", IAM enforced" : ", IAM NOT enforced")}).");
            return enforce ? await DeploySessionAsync(new Uri(record.Endpoint), cancellationToken) : Session(new Uri(record.Endpoint));
        }

        if (record is not null)
        {
            context.Log.Warning($"The local emulator at {record.Endpoint} is gone; its resources went with it. Starting a fresh one with fresh local Terraform state.");
        }

        ForgetTerraformState();
        Directory.CreateDirectory(Folder);
        ForgetKeys();
        File.Delete(AccessLogFile);
        context.Log.Information($"Local environment: starting moto{(enforce ? " with IAM enforcement" : "")} ...");
        MotoServer server;
        try
        {
            server = await MotoServer.StartAsync(
                new MotoServerOptions
                {
                    Port = context.EmulatorPort,
                    Detached = true,
                    LogPath = LogFile,
                    EnforceIam = enforce,
                    AdminCredentialsPath = enforce ? AdminCredentialsFile : null,
                    AccessLogPath = enforce ? AccessLogFile : null,
                },
                cancellationToken);
        }
        catch (EmulatorNotAvailableException unavailable)
        {
            throw new BuildFailedException(unavailable.Message, unavailable);
        }

        File.WriteAllText(RecordFile, JsonSerializer.Serialize(new EmulatorRecord(server.Endpoint.ToString().TrimEnd('/'), server.ProcessId, DateTimeOffset.Now, enforce)));
        context.Log.Information($"Local environment: moto is up at {server.Endpoint} (pid {server.ProcessId}); ./build.sh --target=Down stops it." +
            (enforce ? $" Every IAM check it makes, allowed or denied, is a line of {Shown(AccessLogFile)}." : ""));
        return enforce ? await DeploySessionAsync(server.Endpoint, cancellationToken) : Session(server.Endpoint);
    }

    /// <summary>
    /// The credentials the local runner processes with: the function's execution role, assumed as
    /// Lambda assumes it (here by the emulator's administrator, whom the iam stack's trust names on
    /// local only: moto cannot take a call from Lambda's service principal). Without enforcement, the session itself.
    /// </summary>
    public async Task<AwsSession> ProcessorSessionAsync(AwsSession deploySession, string roleArn, CancellationToken cancellationToken = default)
    {
        if (!IsEnforcing(deploySession))
        {
            return deploySession;
        }

        var (keys, _) = await RoleSession.AssumeAsync(Administrator(deploySession), roleArn, "local-runner", cancellationToken);
        context.Log.Information($"Local runner: processing as the function's execution role {roleArn} (sts:AssumeRole).");
        return deploySession.As(keys);
    }

    /// <summary>
    /// The emulator's administrator, for what an account's administrator does and the deploy role may
    /// not (emptying the lake before Destroy: the deploy identity never deletes data). Without
    /// enforcement, the session itself.
    /// </summary>
    public AwsSession Administrator(AwsSession session) => IsEnforcing(session) ? session.As(AdminKeys()) : session;

    /// <summary>
    /// After Destroy: the deploy role goes too (as the administrator) with its kept keys, so a destroyed local
    /// environment holds nothing the build made. Without enforcement there is no such role.
    /// </summary>
    public async Task RemoveDeployIdentityAsync(AwsSession session, CancellationToken cancellationToken = default)
    {
        if (!IsEnforcing(session))
        {
            return;
        }

        await Task.Run(() => DeployIdentity.Destroy(context, Administrator(session)), cancellationToken);
        File.Delete(DeployKeysFile);
    }

    private bool IsEnforcing(AwsSession session) =>
        session.IsEmulator && context.Deployment.EndpointUrl is null && Read() is { IamEnforced: true };

    /// <summary>
    /// The deploy role's session on the enforcing emulator: kept keys while fresh, otherwise the deploy
    /// identity is brought to its configuration (the access stack, applied as the administrator) and assumed.
    /// </summary>
    private async Task<AwsSession> DeploySessionAsync(Uri endpoint, CancellationToken cancellationToken)
    {
        var anonymous = Session(endpoint);
        var admin = anonymous.As(AdminKeys());
        var roleArn = DeployIdentity.RoleArn(context);
        var configuration = DeployIdentity.Configuration(context);
        if (SecretFile.Read<RoleKeys>(DeployKeysFile) is { } kept && kept.IsFreshFor(roleArn, configuration, DateTimeOffset.UtcNow))
        {
            context.Log.Information($"Local environment: IAM enforced; acting as the deploy role {roleArn}.");
            return anonymous.As(kept.Credentials);
        }

        roleArn = await DeployIdentity.EnsureAsync(context, admin, cancellationToken);
        var (keys, expires) = await RoleSession.AssumeAsync(admin, roleArn, "local-deploy", cancellationToken);
        SecretFile.Write(DeployKeysFile, RoleKeys.From(roleArn, keys, expires, configuration));
        context.Log.Information($"Local environment: IAM enforced; acting as the deploy role {roleArn} (sts:AssumeRole, until {expires.ToLocalTime():HH:mm}).");
        return anonymous.As(keys);
    }

    private Amazon.Runtime.ImmutableCredentials AdminKeys()
    {
        try
        {
            var admin = MotoAdminCredentials.Read(AdminCredentialsFile);
            return new Amazon.Runtime.ImmutableCredentials(admin.AccessKeyId, admin.SecretAccessKey, null);
        }
        catch (EmulatorNotAvailableException missing)
        {
            throw new BuildFailedException(missing.Message + " With the build's own emulator: ./build.sh --target=Down, then run again.", missing);
        }
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
        ForgetKeys();
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

    /// <summary>Keys of an emulator that is gone open nothing, but they are secrets: they go with it.</summary>
    private void ForgetKeys()
    {
        File.Delete(AdminCredentialsFile);
        File.Delete(DeployKeysFile);
    }

    /// <summary>A path as a person finds it: relative to the repository when inside it.</summary>
    private string Shown(string path)
    {
        var relative = Path.GetRelativePath(context.RepositoryRoot, path);
        return relative.StartsWith("..", StringComparison.Ordinal) ? path : relative;
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
