using DataPlatform.Deployment.Contracts;
using DataPlatform.Deployment.Environments;

namespace DataPlatform.Deployment.Terraform;

/// <summary>What a <see cref="StackPipeline"/> needs: where the code and state are, the environment, and the callbacks.</summary>
public sealed record StackPipelineOptions
{
    /// <summary>The folder that holds <c>terraform/</c>.</summary>
    public required string RepositoryRoot { get; init; }

    /// <summary>Machine-local state (<c>.state</c>): each environment's working copy, terraform data and local state.</summary>
    public required string StateRoot { get; init; }

    public required EnvironmentSettings Environment { get; init; }

    public required AwsConnection Aws { get; init; }

    public required TerraformCli Terraform { get; init; }

    public required IDeploymentLog Log { get; init; }

    /// <summary>Asked before every apply that changes something.</summary>
    public required IChangeApproval Approval { get; init; }

    /// <summary>Lets an apply destroy or replace something that holds data.</summary>
    public bool AllowDataLoss { get; init; }

    /// <summary>The repository's event contracts, recorded by the compute stack and checked before it is applied.</summary>
    public RepositoryContracts EventContracts { get; init; } = RepositoryContracts.Empty;

    /// <summary>Lets an apply record contracts that break the deployed ones.</summary>
    public bool AllowBreakingContracts { get; init; }

    /// <summary>The image the compute stack deploys, asked when its inputs are made (the build may know it late).</summary>
    public Func<string?> ImageUri { get; init; } = () => null;
}
