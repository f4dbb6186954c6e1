using DataPlatform.Build.Host;

namespace DataPlatform.Build.Tests.Host;

public sealed class SuggestionsTests
{
    [Theory]
    [InlineData("Deplyo", "Deploy")]
    [InlineData("tset", "Test")]
    [InlineData("destory", "Destroy")]
    [InlineData("Pln", "Plan")]
    public void Finds_the_target_a_typo_meant(string typo, string meant) =>
        Assert.Equal(meant, Suggestions.Closest(typo, ["Deploy", "Test", "Destroy", "Plan", "Verify"]));

    [Fact]
    public void Suggests_nothing_for_a_word_far_from_every_target() =>
        Assert.Null(Suggestions.Closest("banana", ["Deploy", "Test", "Plan"]));
}
