namespace DataPlatform.Infrastructure.Tests.Platform;

[CollectionDefinition(Name)]
public sealed class PlatformCollection : ICollectionFixture<PlatformFixture>
{
    public const string Name = "Applied platform on moto";
}
