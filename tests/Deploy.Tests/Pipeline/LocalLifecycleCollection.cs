namespace DataPlatform.Deploy.Tests.Pipeline;

[CollectionDefinition(Name)]
public sealed class LocalLifecycleCollection : ICollectionFixture<LocalLifecycle>
{
    public const string Name = "local deploy lifecycle";
}
