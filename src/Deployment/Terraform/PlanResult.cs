namespace DataPlatform.Deployment.Terraform;

/// <summary>What one stack's plan would do.</summary>
public sealed record PlanResult(
    string Stack,
    int Add,
    int Change,
    int Remove,
    IReadOnlyList<PlannedChange> Changes,
    string PlanFile,
    TimeSpan Duration,
    IReadOnlyList<string> PlaceholderInputs)
{
    public bool HasChanges => Add + Change + Remove > 0 || Changes.Count > 0;

    /// <summary>The one-line summary: <c>+3 ~1 -0</c>.</summary>
    public string Summary => $"+{Add} ~{Change} -{Remove}";
}
