namespace DataPlatform.Operations.Tests.Reconcile;

/// <summary>Reconcile and Query tests share one moto server (starting one takes seconds).</summary>
[CollectionDefinition(Name)]
public sealed class LakeMotoCollection : ICollectionFixture<LakeMoto>
{
    public const string Name = "lake-moto";
}
