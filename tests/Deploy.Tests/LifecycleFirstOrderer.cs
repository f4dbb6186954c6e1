using DataPlatform.Deploy.Tests.Pipeline;
using Xunit.Abstractions;

[assembly: TestCollectionOrderer("DataPlatform.Deploy.Tests.LifecycleFirstOrderer", "Deploy.Tests")]

namespace DataPlatform.Deploy.Tests;

/// <summary>
/// Starts the local deploy lifecycle first, then the fresh-plan collection, then the rest by name. xunit starts
/// only as many collections as it has threads (xunit.runner.json), in its orderer's order; with its default order
/// the lifecycle, the longest chain by far (two deploys, a destroy, a rollback), once started seven minutes late,
/// behind collections that could have run beside it.
/// </summary>
public sealed class LifecycleFirstOrderer : ITestCollectionOrderer
{
    private static readonly string[] First = [LocalLifecycleCollection.Name, FreshPlanCollection.Name];

    public IEnumerable<ITestCollection> OrderTestCollections(IEnumerable<ITestCollection> testCollections) =>
        testCollections
            .OrderBy(c => Array.IndexOf(First, c.DisplayName) is var i and >= 0 ? i : First.Length)
            .ThenBy(c => c.DisplayName, StringComparer.Ordinal);
}
