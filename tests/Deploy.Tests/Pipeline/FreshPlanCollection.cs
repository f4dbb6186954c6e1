namespace DataPlatform.Deploy.Tests.Pipeline;

[CollectionDefinition(Name)]
public sealed class FreshPlanCollection : ICollectionFixture<FreshPlan>
{
    public const string Name = "plan on a fresh environment";
}
