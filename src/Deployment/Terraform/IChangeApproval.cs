namespace DataPlatform.Deployment.Terraform;

/// <summary>Says yes to a plan before it is applied, or throws to stop the deploy.</summary>
public interface IChangeApproval
{
    void Confirm(PlanResult plan);
}
