using System.Text.RegularExpressions;
using DataPlatform.Build.Host;

namespace DataPlatform.Build.Access;

/// <summary>
/// The GitHub repository (owner/name) whose workflows get the CI roles: the --github-repository
/// flag, else GITHUB_REPOSITORY (set in every GitHub Actions job), else the origin remote.
/// </summary>
public static partial class GitHubRepositoryName
{
    public static string Resolve(string? flag, string? environmentVariable, string? originUrl)
    {
        if (!string.IsNullOrWhiteSpace(flag))
        {
            return Valid(flag.Trim(), "--github-repository");
        }

        if (!string.IsNullOrWhiteSpace(environmentVariable))
        {
            return Valid(environmentVariable.Trim(), "GITHUB_REPOSITORY");
        }

        return FromRemote(originUrl) ?? throw new BuildUsageException(
            "The Access target needs the GitHub repository whose workflows will assume the roles, and could not tell which: " +
            (originUrl is null ? "this clone has no origin remote" : $"the origin remote ({originUrl}) is not on github.com") +
            ". Pass it as --github-repository=OWNER/NAME.");
    }

    /// <summary>owner/name from an https or ssh GitHub remote URL; null for any other URL.</summary>
    public static string? FromRemote(string? url)
    {
        if (url is null)
        {
            return null;
        }

        var match = RemotePattern().Match(url.Trim());
        return match.Success ? $"{match.Groups[1].Value}/{match.Groups[2].Value}" : null;
    }

    private static string Valid(string value, string source) =>
        OwnerName().IsMatch(value)
            ? value
            : throw new BuildUsageException($"{source} is '{value}', which is not OWNER/NAME as GitHub spells it (for example my-org/data-platform, without https:// or .git).");

    [GeneratedRegex(@"^(?:https://github\.com/|git@github\.com:|ssh://git@github\.com/)([A-Za-z0-9-]+)/([A-Za-z0-9._-]+?)(?:\.git)?/?$")]
    private static partial Regex RemotePattern();

    [GeneratedRegex(@"^[A-Za-z0-9][A-Za-z0-9-]{0,38}/[A-Za-z0-9._-]{1,100}$")]
    private static partial Regex OwnerName();
}
