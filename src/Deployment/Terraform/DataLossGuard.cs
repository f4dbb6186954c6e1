
namespace DataPlatform.Deployment.Terraform;

/// <summary>Stops a deploy whose plan would destroy or replace something that holds data.</summary>
public static class DataLossGuard
{
    /// <summary>
    /// Resource types whose destruction loses data: lake objects, queued messages, images, and the
    /// KMS key they are encrypted with (once KMS deletes it, none of them can be read again).
    /// </summary>
    public static IReadOnlySet<string> DataHolders { get; } = new HashSet<string>(StringComparer.Ordinal)
    {
        "aws_s3_bucket",
        "aws_sqs_queue",
        "aws_ecr_repository",
        "aws_kms_key",
    };

    public static IReadOnlyList<PlannedChange> Dangerous(PlanResult plan) =>
        plan.Changes.Where(c => c.DestroysExisting && DataHolders.Contains(c.ResourceType)).ToList();

    public static void Check(PlanResult plan, string environment, bool allowDataLoss)
    {
        var dangerous = Dangerous(plan);
        if (dangerous.Count == 0 || allowDataLoss)
        {
            return;
        }

        throw new DeploymentFailedException(
            $"The {plan.Stack} plan for '{environment}' would {string.Join(", ", dangerous.Select(c => $"{c.Action} {c.Address}"))}, " +
            "and that loses data (lake objects, queued messages, images, or the key they are encrypted with). Nothing was applied. " +
            "If that is really what you want, review ./build.sh --target=Plan and re-run with --allow-data-loss.");
    }
}
