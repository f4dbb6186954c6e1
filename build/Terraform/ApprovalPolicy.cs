namespace DataPlatform.Build.Terraform;

/// <summary>What decides whether a plan may be applied without a question.</summary>
public sealed record ApprovalPolicy(string Environment, bool IsLocal, bool AutoApprove, bool IsInteractive);
