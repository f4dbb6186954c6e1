namespace DataPlatform.Deployment.Terraform;

/// <summary>What decides whether a plan may be applied without a question.</summary>
public sealed record ApprovalPolicy(string Environment, bool UsesEmbeddedEmulator, bool AutoApprove, bool IsInteractive);
