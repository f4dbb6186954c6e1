namespace DataPlatform.Processor.Tests.Support;

/// <summary>Tests that talk to AWS APIs share one moto server (starting one takes seconds).</summary>
[CollectionDefinition(Name)]
public sealed class MotoCollection : ICollectionFixture<MotoFixture>
{
    public const string Name = "moto";
}
