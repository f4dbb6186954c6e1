namespace DataPlatform.Reliability.Tests.Environment;

/// <summary>Every scenario on the deployed environment runs in this collection: one deploy, scenarios one at a time.</summary>
[CollectionDefinition(Name)]
public sealed class DeployedCollection : ICollectionFixture<DeployedEnvironment>
{
    public const string Name = "Deployed local environment";
}
