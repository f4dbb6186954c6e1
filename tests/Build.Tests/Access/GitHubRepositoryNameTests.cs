using DataPlatform.Build.Access;
using DataPlatform.Build.Host;

namespace DataPlatform.Build.Tests.Access;

public sealed class GitHubRepositoryNameTests
{
    [Theory]
    [InlineData("https://github.com/my-org/data-platform.git", "my-org/data-platform")]
    [InlineData("https://github.com/my-org/data-platform", "my-org/data-platform")]
    [InlineData("git@github.com:my-org/data.platform.git", "my-org/data.platform")]
    [InlineData("ssh://git@github.com/my-org/data-platform.git", "my-org/data-platform")]
    public void The_origin_remote_names_the_repository(string url, string expected) =>
        Assert.Equal(expected, GitHubRepositoryName.Resolve(null, null, url));

    [Fact]
    public void The_flag_wins_over_the_environment_and_the_remote() =>
        Assert.Equal("a/b", GitHubRepositoryName.Resolve("a/b", "c/d", "https://github.com/e/f.git"));

    [Fact]
    public void GitHub_Actions_variable_wins_over_the_remote() =>
        Assert.Equal("c/d", GitHubRepositoryName.Resolve(null, "c/d", "https://github.com/e/f.git"));

    [Theory]
    [InlineData(null)]
    [InlineData("https://gitlab.com/my-org/data-platform.git")]
    public void Without_a_github_remote_it_asks_for_the_flag(string? url)
    {
        var refused = Assert.Throws<BuildUsageException>(() => GitHubRepositoryName.Resolve(null, null, url));

        Assert.Contains("--github-repository=OWNER/NAME", refused.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_url_given_as_the_flag_is_refused_with_the_form_it_wants()
    {
        var refused = Assert.Throws<BuildUsageException>(() => GitHubRepositoryName.Resolve("https://github.com/a/b", null, null));

        Assert.Contains("not OWNER/NAME", refused.Message, StringComparison.Ordinal);
    }
}
