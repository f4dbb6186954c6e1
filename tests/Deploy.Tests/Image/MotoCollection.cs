namespace DataPlatform.Deploy.Tests.Image;

/// <summary>The tests that share the assembly's moto server (they run one after another).</summary>
[CollectionDefinition(Name)]
public sealed class MotoCollection : ICollectionFixture<MotoFixture>
{
    public const string Name = "moto";
}
