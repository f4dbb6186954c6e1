using System.Text.Json;
using Cake.Core;
using Cake.Core.IO;
using DataPlatform.Build.Host;
using DataPlatform.Build.Image;

namespace DataPlatform.Build.Access;

/// <summary>
/// Finds the account's GitHub OIDC provider through the AWS CLI (AWSSDK.IdentityManagement is not
/// served). An account has at most one provider per issuer URL, so when dev's access stack made it,
/// prod's must use it rather than create a second one (IAM would answer EntityAlreadyExists).
/// </summary>
public sealed class GitHubOidcProvider : CommandLineTool<AwsCliSettings>
{
    public const string IssuerHost = "token.actions.githubusercontent.com";

    public GitHubOidcProvider(ICakeContext context, IReadOnlyDictionary<string, string?> environment, DirectoryPath workingDirectory)
        : base(context, null, environment, workingDirectory)
    {
    }

    /// <summary>The ARN of GitHub's provider in the account, or null when there is none.</summary>
    public string? FindArn()
    {
        var result = Execute(new ProcessArgumentBuilder().Append("iam").Append("list-open-id-connect-providers").Append("--output").Append("json"));
        if (!result.Succeeded)
        {
            throw new BuildFailedException(
                $"Could not list the account's OIDC providers (aws iam list-open-id-connect-providers): {result.LastError}. " +
                "The Access target is for an administrator of the account: run it with credentials that may use IAM.");
        }

        return ArnIn(result.OutputText);
    }

    /// <summary>GitHub's provider among the CLI's answer, or null.</summary>
    public static string? ArnIn(string listJson)
    {
        using var document = JsonDocument.Parse(listJson);
        return document.RootElement.TryGetProperty("OpenIDConnectProviderList", out var list)
            ? list.EnumerateArray().Select(p => p.GetProperty("Arn").GetString()).FirstOrDefault(arn => arn?.EndsWith($":oidc-provider/{IssuerHost}", StringComparison.Ordinal) == true)
            : null;
    }

    protected override string GetToolName() => "AWS CLI";

    protected override IEnumerable<string> GetToolExecutableNames() => ["aws", "aws.exe", "aws.cmd"];
}
