using DataPlatform.Deployment.Terraform;

namespace DataPlatform.Build.Tests.Terraform;

internal static class PlanFixtures
{
    public static PlanResult Plan(string stack, params (string Address, string Type, string Action)[] changes) =>
        new(stack,
            changes.Count(c => c.Action is "create" or "replace"),
            changes.Count(c => c.Action == "update"),
            changes.Count(c => c.Action is "delete" or "replace"),
            changes.Select(c => new PlannedChange(c.Address, c.Type, c.Action)).ToList(),
            "plan.tfplan",
            TimeSpan.FromSeconds(1),
            []);
}
