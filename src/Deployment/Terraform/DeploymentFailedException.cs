namespace DataPlatform.Deployment.Terraform;

/// <summary>A deployment step failed for a reason its message explains to a person; no stack trace needed.</summary>
public sealed class DeploymentFailedException(string message, Exception? inner = null) : Exception(message, inner);
