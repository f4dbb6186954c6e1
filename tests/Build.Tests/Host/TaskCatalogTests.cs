using DataPlatform.Build.Host;
using DataPlatform.Build.Tests.Fakes;

namespace DataPlatform.Build.Tests.Host;

public sealed class TaskCatalogTests
{
    [Fact]
    public void The_real_build_has_the_targets_the_readme_promises_and_Default_runs_the_tests()
    {
        var catalog = TaskCatalog.FromAssembly<BuildContext>(typeof(BuildContext).Assembly);

        foreach (var target in new[] { "Clean", "Restore", "Compile", "Test", "Default" })
        {
            Assert.NotNull(catalog.Find(target));
        }

        Assert.Equal(["Clean", "Restore", "Compile", "Test", "Default"], catalog.ExecutionOrder("Default").Select(t => t.Name));
        Assert.All(catalog.Tasks, t => Assert.False(string.IsNullOrWhiteSpace(t.Description), $"{t.Name} has no description"));
    }

    [Fact]
    public void A_dependency_on_a_class_that_is_not_a_task_of_the_build_is_refused()
    {
        var error = Assert.Throws<InvalidOperationException>(() =>
            TaskCatalog.FromTypes<RecordingContext>([typeof(SecondTask)]));

        Assert.Contains("FirstTask", error.Message);
    }

    [Fact]
    public void A_class_that_is_not_a_task_of_this_context_is_refused() =>
        Assert.Throws<InvalidOperationException>(() => TaskCatalog.FromTypes<RecordingContext>([typeof(string)]));
}
