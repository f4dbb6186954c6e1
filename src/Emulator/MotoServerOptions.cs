namespace DataPlatform.Emulator;

/// <summary>How to start moto's server.</summary>
public sealed record MotoServerOptions
{
    /// <summary>The loopback port; a free one when null.</summary>
    public int? Port { get; init; }

    /// <summary>Where the server's output goes; discarded when null.</summary>
    public string? LogPath { get; init; }

    /// <summary>
    /// When true the server outlives this process (its own session, output to <see cref="LogPath"/>)
    /// and disposing the handle leaves it running: the build's local environment is reused across
    /// invocations until <c>--target=Down</c>.
    /// </summary>
    public bool Detached { get; init; }

    public TimeSpan StartTimeout { get; init; } = TimeSpan.FromSeconds(60);

    /// <summary>The server executable; <c>MOTO_SERVER</c> overrides the default.</summary>
    public string Executable { get; init; } = System.Environment.GetEnvironmentVariable("MOTO_SERVER") is { Length: > 0 } custom
        ? custom
        : "moto_server";

    /// <summary>
    /// When true every request is checked against the caller's IAM policies, from the first one: the
    /// dummy <c>test</c> keys are refused, and the launcher creates the administrator <c>local-admin</c>
    /// whose keys it writes to <see cref="AdminCredentialsPath"/> (read them with
    /// <see cref="MotoServer.AdminCredentials"/>). Off by default: fixtures that use the dummy keys keep working.
    /// Needs the kit's launcher on moto 5.2.1; without it the start fails rather than run open.
    /// </summary>
    public bool EnforceIam { get; init; }

    /// <summary>Where an enforcing server writes its administrator's keys (file mode 0600); required when <see cref="EnforceIam"/>.</summary>
    public string? AdminCredentialsPath { get; init; }

    /// <summary>
    /// When set on an enforcing server, every policy check is appended to this file as one JSON line
    /// <c>{"principal","action","resource","allowed"}</c> (the launcher's <c>DATAPLATFORM_MOTO_ACCESS_LOG</c>):
    /// what a policy must grant, read from a run.
    /// </summary>
    public string? AccessLogPath { get; init; }

    /// <summary>Extra environment for the server process (moto reads its switches from there).</summary>
    public IReadOnlyDictionary<string, string> Environment { get; init; } = new Dictionary<string, string>();
}
