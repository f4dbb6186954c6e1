using DataPlatform.Build.Access;

namespace DataPlatform.Build.Tests.Access;

public sealed class GitHubOidcProviderTests
{
    [Fact]
    public void The_account_s_GitHub_provider_is_found_among_others()
    {
        const string list = """{"OpenIDConnectProviderList":[{"Arn":"arn:aws:iam::123456789012:oidc-provider/accounts.google.com"},{"Arn":"arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com"}]}""";

        Assert.Equal("arn:aws:iam::123456789012:oidc-provider/token.actions.githubusercontent.com", GitHubOidcProvider.ArnIn(list));
        Assert.Null(GitHubOidcProvider.ArnIn("""{"OpenIDConnectProviderList":[]}"""));
    }
}
