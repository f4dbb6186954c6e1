namespace DataPlatform.Operations.Tests.Status;

[CollectionDefinition(Name)]
public sealed class StatusLakeCollection : ICollectionFixture<StatusLake>
{
    public const string Name = "Status lake";
}
