namespace DataPlatform.Deployment.Terraform;

/// <summary>A root module under <c>terraform/stacks/</c> with its own state.</summary>
/// <param name="Name">The folder name, also the state key.</param>
/// <param name="DependsOn">Stacks whose outputs this one takes as variables.</param>
public sealed record Stack(string Name, IReadOnlyList<string> DependsOn);
