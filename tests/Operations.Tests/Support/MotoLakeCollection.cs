namespace DataPlatform.Operations.Tests.Support;

/// <summary>Operations tests share one moto server (starting one takes seconds).</summary>
[CollectionDefinition(Name)]
public sealed class MotoLakeCollection : ICollectionFixture<MotoLake>
{
    public const string Name = "operations moto";
}
