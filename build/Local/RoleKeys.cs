using Amazon.Runtime;

namespace DataPlatform.Build.Local;

/// <summary>
/// A role session's keys as the build keeps them between invocations (in a <see cref="SecretFile"/>),
/// with the role they are for and the fingerprint of the configuration that made the role.
/// </summary>
public sealed record RoleKeys(string RoleArn, string AccessKeyId, string SecretAccessKey, string SessionToken, DateTimeOffset Expires, string Configuration)
{
    /// <summary>Keys that expire within this margin are not reused: one build step may take that long.</summary>
    public static readonly TimeSpan ReuseMargin = TimeSpan.FromMinutes(20);

    public ImmutableCredentials Credentials => new(AccessKeyId, SecretAccessKey, SessionToken);

    /// <summary>Still usable for the role as <paramref name="configuration"/> makes it (a changed policy must be applied first).</summary>
    public bool IsFreshFor(string roleArn, string configuration, DateTimeOffset now) =>
        RoleArn == roleArn && Configuration == configuration && Expires - now > ReuseMargin;

    public static RoleKeys From(string roleArn, ImmutableCredentials credentials, DateTimeOffset expires, string configuration) =>
        new(roleArn, credentials.AccessKey, credentials.SecretKey, credentials.Token, expires, configuration);

    // The default record ToString would print the secret into any log or assertion message that shows a record.
    public override string ToString() => $"{RoleArn} session (access key {AccessKeyId}, expires {Expires:HH:mm:ss})";
}
