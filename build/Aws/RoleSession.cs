using Amazon.Runtime;
using Amazon.SecurityToken.Model;
using DataPlatform.Build.Host;

namespace DataPlatform.Build.Aws;

/// <summary>
/// Short-lived keys for a role, from sts:AssumeRole as the caller's session: how CI gets the deploy
/// role's keys, and how Lambda gets the function's.
/// </summary>
public static class RoleSession
{
    /// <summary>An hour: the longest a role session lasts by default, and longer than any one build invocation.</summary>
    public static readonly TimeSpan Duration = TimeSpan.FromHours(1);

    public static async Task<(ImmutableCredentials Credentials, DateTimeOffset Expires)> AssumeAsync(
        AwsSession caller, string roleArn, string sessionName, CancellationToken cancellationToken = default)
    {
        using var sts = caller.CreateSts();
        try
        {
            var response = await sts.AssumeRoleAsync(new AssumeRoleRequest
            {
                RoleArn = roleArn,
                RoleSessionName = sessionName,
                DurationSeconds = (int)Duration.TotalSeconds,
            }, cancellationToken);
            var keys = response.Credentials;
            var expires = keys.Expiration is { } expiration ? new DateTimeOffset(expiration.ToUniversalTime(), TimeSpan.Zero) : DateTimeOffset.UtcNow + Duration;
            return (new ImmutableCredentials(keys.AccessKeyId, keys.SecretAccessKey, keys.SessionToken), expires);
        }
        catch (AmazonServiceException refused)
        {
            throw new BuildFailedException(
                $"Could not assume the role {roleArn} (sts:AssumeRole answered {refused.ErrorCode}: {refused.Message}). " +
                "The role's trust policy must name the caller, and the caller's policy must allow sts:AssumeRole on it. " +
                "On the local environment, ./build.sh --target=Down then a fresh deploy rebuilds both.",
                refused);
        }
    }
}
