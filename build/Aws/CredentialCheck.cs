using Amazon.Runtime;
using Amazon.SecurityToken.Model;
using DataPlatform.Build.Host;

namespace DataPlatform.Build.Aws;

/// <summary>Asks STS who we are before anything slow starts, so missing credentials fail in seconds.</summary>
public static class CredentialCheck
{
    public static async Task<string> WhoAmIAsync(AwsSession aws, string environment, CancellationToken cancellationToken = default)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(cancellationToken);
        timeout.CancelAfter(TimeSpan.FromSeconds(20));
        try
        {
            using var sts = aws.CreateSts();
            var identity = await sts.GetCallerIdentityAsync(new GetCallerIdentityRequest(), timeout.Token);
            return $"{identity.Arn} (account {identity.Account})";
        }
        catch (Exception failure) when (failure is AmazonClientException or OperationCanceledException or HttpRequestException)
        {
            throw new BuildFailedException(
                $"No usable AWS credentials for the '{environment}' environment (region {aws.Region}): {FirstLine(failure.Message)}" + Environment.NewLine +
                "Give the build credentials in one of the usual ways: `aws sso login --profile NAME` then --profile=NAME (or AWS_PROFILE); " +
                "AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY; or, in GitHub Actions, the OIDC role described in the README. " +
                "To try the kit without an AWS account, leave out --env: the default is the local environment.",
                failure);
        }
    }

    private static string FirstLine(string text) => text.Split('\n')[0].Trim();
}
