namespace DataPlatform.Deployment.Terraform;

/// <summary>One resource a plan would touch, as Terraform's machine-readable output names it.</summary>
public sealed record PlannedChange(string Address, string ResourceType, string Action)
{
    public bool DestroysExisting => Action is "delete" or "replace";
}
