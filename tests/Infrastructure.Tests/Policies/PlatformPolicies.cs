using System.Text.Json;
using System.Text.RegularExpressions;

namespace DataPlatform.Infrastructure.Tests.Policies;

/// <summary>
/// The checks a scanner such as Trivy/tfsec or Checkov would run on the platform, over plan JSON.
/// Each returns one sentence per violation, naming the resource; an empty list means compliant.
/// A value the plan does not know is a violation too: a check that cannot see must not pass.
/// </summary>
public static partial class PlatformPolicies
{
    public const int MinimumMaxReceiveCount = 5;
    public const int VisibilityTimeoutFactor = 6;

    /// <summary>No Allow statement grants a wildcard action, NotAction, a "*" resource or NotResource.</summary>
    public static IReadOnlyList<string> IamWithoutWildcards(PlanDocument plan)
    {
        var violations = new List<string>();
        foreach (var resource in plan.Resources.Where(r => r.Type is "aws_iam_role_policy" or "aws_iam_policy"))
        {
            if (resource.String("policy") is not { } json)
            {
                violations.Add($"{resource}: its policy is not known at plan time, so it cannot be checked for wildcards.");
                continue;
            }

            foreach (var statement in Statements(json).Where(s => Text(s, "Effect") == "Allow"))
            {
                var sid = Text(statement, "Sid") ?? "(no Sid)";
                if (statement.TryGetProperty("NotAction", out _) || statement.TryGetProperty("NotResource", out _))
                {
                    violations.Add($"{resource}: statement {sid} uses NotAction/NotResource, which allows everything not listed.");
                }

                foreach (var action in Values(statement, "Action").Where(a => a.Contains('*', StringComparison.Ordinal)))
                {
                    violations.Add($"{resource}: statement {sid} allows the wildcard action \"{action}\".");
                }

                foreach (var target in Values(statement, "Resource").Where(IsWildcardResource))
                {
                    violations.Add($"{resource}: statement {sid} allows the wildcard resource \"{target}\".");
                }
            }
        }

        return violations;
    }

    /// <summary>"*", or an ARN whose partition, service, region, account or resource root is a wildcard.</summary>
    public static bool IsWildcardResource(string resource)
    {
        if (resource == "*")
        {
            return true;
        }

        var parts = resource.Split(':', 6);
        if (parts.Length < 6 || parts[0] != "arn")
        {
            return true;
        }

        var root = parts[5].Split('/', ':')[0];
        return parts[1..5].Any(p => p.Contains('*', StringComparison.Ordinal)) || root.Contains('*', StringComparison.Ordinal);
    }

    /// <summary>Every bucket blocks public access four ways, is encrypted, versioned, and denies plain HTTP.</summary>
    public static IReadOnlyList<string> BucketsLockedDown(PlanDocument plan)
    {
        var violations = new List<string>();
        foreach (var bucket in plan.OfType("aws_s3_bucket"))
        {
            var block = plan.Attached(bucket, "aws_s3_bucket_public_access_block", "bucket", "bucket").FirstOrDefault();
            string[] flags = ["block_public_acls", "block_public_policy", "ignore_public_acls", "restrict_public_buckets"];
            if (block is null)
            {
                violations.Add($"{bucket}: no aws_s3_bucket_public_access_block.");
            }
            else
            {
                violations.AddRange(flags.Where(f => block.Bool(f) != true).Select(f => $"{bucket}: public access block {block.Address} does not set {f} = true."));
            }

            var encryption = plan.Attached(bucket, "aws_s3_bucket_server_side_encryption_configuration", "bucket", "bucket").FirstOrDefault();
            var algorithm = encryption?.Block("rule") is { } rule && rule.TryGetProperty("apply_server_side_encryption_by_default", out var defaults)
                && defaults.ValueKind == JsonValueKind.Array && defaults.GetArrayLength() > 0
                ? Text(defaults[0], "sse_algorithm")
                : null;
            if (algorithm is not ("AES256" or "aws:kms" or "aws:kms:dsse"))
            {
                violations.Add($"{bucket}: no default server-side encryption (AES256 or aws:kms).");
            }

            var versioning = plan.Attached(bucket, "aws_s3_bucket_versioning", "bucket", "bucket").FirstOrDefault();
            if (versioning?.Block("versioning_configuration") is not { } configuration || Text(configuration, "status") != "Enabled")
            {
                violations.Add($"{bucket}: versioning is not Enabled.");
            }

            var policies = plan.Attached(bucket, "aws_s3_bucket_policy", "bucket", "bucket").ToList();
            if (!policies.Any(p => p.String("policy") is { } json && Statements(json).Any(DeniesInsecureTransport)))
            {
                violations.Add($"{bucket}: no bucket policy statement denies requests with aws:SecureTransport = false.");
            }
        }

        return violations;
    }

    /// <summary>Every queue has server-side encryption (SQS-managed or KMS).</summary>
    public static IReadOnlyList<string> QueuesEncrypted(PlanDocument plan) =>
        [.. plan.OfType("aws_sqs_queue")
            .Where(q => q.Bool("sqs_managed_sse_enabled") != true && string.IsNullOrEmpty(q.String("kms_master_key_id")))
            .Select(q => $"{q}: neither sqs_managed_sse_enabled nor kms_master_key_id is set, so messages are stored unencrypted.")];

    /// <summary>
    /// Every queue that is not itself a dead-letter queue sends failures to one that exists in the
    /// plans, after at least <see cref="MinimumMaxReceiveCount"/> receives.
    /// </summary>
    public static IReadOnlyList<string> DeadLetterQueuesWired(PlanDocument plan)
    {
        var queues = plan.OfType("aws_sqs_queue").ToList();
        var redrives = new Dictionary<PlannedResource, (string? Target, double? Count)>();
        foreach (var queue in queues)
        {
            if (queue.String("redrive_policy") is { Length: > 0 } inline)
            {
                redrives[queue] = ReadRedrive(inline);
            }
        }

        foreach (var policy in plan.OfType("aws_sqs_queue_redrive_policy"))
        {
            if (plan.Referenced(policy, "queue_url") is { } queue)
            {
                redrives[queue] = policy.String("redrive_policy") is { } json ? ReadRedrive(json) : (null, null);
            }
        }

        var deadLetterNames = redrives.Values.Select(r => ArnName(r.Target)).Where(n => n is not null).ToHashSet();
        var violations = new List<string>();
        foreach (var queue in queues.Where(q => !deadLetterNames.Contains(q.String("name"))))
        {
            if (!redrives.TryGetValue(queue, out var redrive))
            {
                violations.Add($"{queue}: no redrive policy, so a message that always fails is retried until it expires.");
                continue;
            }

            if (redrive.Count is not { } count || count < MinimumMaxReceiveCount)
            {
                violations.Add($"{queue}: maxReceiveCount is {redrive.Count?.ToString() ?? "unknown"}, below {MinimumMaxReceiveCount}: a briefly failing batch would be parked in the dead-letter queue.");
            }

            if (ArnName(redrive.Target) is not { } target || !queues.Any(q => q.String("name") == target))
            {
                violations.Add($"{queue}: its deadLetterTargetArn ({redrive.Target ?? "unknown"}) is not a queue in the plan.");
            }
        }

        return violations;
    }

    /// <summary>The visibility timeout of every queue a function consumes is at least 6 × that function's timeout.</summary>
    public static IReadOnlyList<string> VisibilityCoversFunctionTimeout(PlanDocument plan)
    {
        var violations = new List<string>();
        foreach (var mapping in plan.OfType("aws_lambda_event_source_mapping"))
        {
            var queue = plan.Referenced(mapping, "event_source_arn")
                ?? plan.OfType("aws_sqs_queue").FirstOrDefault(q => q.String("name") is { } name && ArnName(mapping.String("event_source_arn")) == name);
            var function = plan.Referenced(mapping, "function_name")
                ?? plan.OfType("aws_lambda_function").FirstOrDefault(f => f.String("function_name") == mapping.String("function_name"));
            if (queue is null || function is null)
            {
                violations.Add($"{mapping}: its queue or function is not in the plans, so the visibility timeout cannot be checked.");
                continue;
            }

            var visibility = queue.Number("visibility_timeout_seconds");
            var timeout = function.Number("timeout");
            if (visibility is null || timeout is null || visibility < VisibilityTimeoutFactor * timeout)
            {
                violations.Add($"{queue}: visibility timeout {visibility?.ToString() ?? "unknown"} s is less than {VisibilityTimeoutFactor} × {function.Address}'s timeout ({timeout?.ToString() ?? "unknown"} s).");
            }
        }

        return violations;
    }

    /// <summary>Every repository has immutable tags and scans images on push.</summary>
    public static IReadOnlyList<string> RepositoriesImmutableAndScanned(PlanDocument plan)
    {
        var violations = new List<string>();
        foreach (var repository in plan.OfType("aws_ecr_repository"))
        {
            if (repository.String("image_tag_mutability") != "IMMUTABLE")
            {
                violations.Add($"{repository}: image_tag_mutability is {repository.String("image_tag_mutability") ?? "unset"}, not IMMUTABLE.");
            }

            if (repository.Block("image_scanning_configuration") is not { } scanning
                || !scanning.TryGetProperty("scan_on_push", out var scan) || scan.ValueKind != JsonValueKind.True)
            {
                violations.Add($"{repository}: scan_on_push is not true.");
            }
        }

        return violations;
    }

    /// <summary>Every log group has a retention, and every function's log group is managed (so its retention is ours).</summary>
    public static IReadOnlyList<string> LogRetentionSet(PlanDocument plan)
    {
        var groups = plan.OfType("aws_cloudwatch_log_group").ToList();
        var violations = groups
            .Where(g => g.Number("retention_in_days") is not > 0)
            .Select(g => $"{g}: retention_in_days is {g.Number("retention_in_days")?.ToString() ?? "unset"}, so logs are kept forever.")
            .ToList();
        foreach (var function in plan.OfType("aws_lambda_function"))
        {
            var name = function.String("function_name");
            if (!groups.Any(g => g.String("name") == $"/aws/lambda/{name}"))
            {
                violations.Add($"{function}: no managed log group /aws/lambda/{name}; Lambda would create one that never expires.");
            }
        }

        return violations;
    }

    /// <summary>Every image function references its image by digest, never by a movable tag.</summary>
    public static IReadOnlyList<string> FunctionImagesByDigest(PlanDocument plan) =>
        [.. plan.OfType("aws_lambda_function")
            .Where(f => f.String("package_type") == "Image" && !(f.String("image_uri") is { } uri && DigestReference().IsMatch(uri)))
            .Select(f => $"{f}: image_uri \"{f.String("image_uri") ?? "unknown"}\" is not a digest reference (<repository>@sha256:<64 hex>).")];

    /// <summary>
    /// Every alarm notifies, when it fires and when it recovers, an SNS topic the plans create
    /// (the environment's alarm topic); extra actions may follow it.
    /// </summary>
    public static IReadOnlyList<string> AlarmsNotifyTheTopic(PlanDocument plan)
    {
        var topics = plan.OfType("aws_sns_topic").Select(t => t.String("name")).OfType<string>().ToHashSet();
        var violations = new List<string>();
        foreach (var alarm in plan.OfType("aws_cloudwatch_metric_alarm"))
        {
            foreach (var attribute in (string[])["alarm_actions", "ok_actions"])
            {
                var actions = alarm.Attribute(attribute) is { ValueKind: JsonValueKind.Array } list
                    ? list.EnumerateArray().Select(a => a.GetString()).OfType<string>().ToList()
                    : [];
                if (actions.Count == 0)
                {
                    violations.Add($"{alarm}: {attribute} is empty or not known at plan time, so the alarm changes state and tells nobody.");
                }
                else if (!actions.Any(a => a.Split(':') is [_, _, "sns", ..] && ArnName(a) is { } name && topics.Contains(name)))
                {
                    violations.Add($"{alarm}: {attribute} ({string.Join(", ", actions)}) names no SNS topic the environment creates, so nobody subscribed to its alarm topic hears it.");
                }
            }
        }

        return violations;
    }

    private static bool DeniesInsecureTransport(JsonElement statement) =>
        Text(statement, "Effect") == "Deny"
        && statement.TryGetProperty("Condition", out var condition)
        && condition.TryGetProperty("Bool", out var test)
        && test.TryGetProperty("aws:SecureTransport", out var value)
        && (value.ValueKind == JsonValueKind.String ? [value.GetString()] : value.EnumerateArray().Select(v => v.GetString())).Contains("false");

    private static (string? Target, double? Count) ReadRedrive(string json)
    {
        using var document = JsonDocument.Parse(json);
        var root = document.RootElement;
        var target = Text(root, "deadLetterTargetArn");
        double? count = root.TryGetProperty("maxReceiveCount", out var value)
            ? value.ValueKind == JsonValueKind.Number ? value.GetDouble() : double.TryParse(value.GetString(), out var parsed) ? parsed : null
            : null;
        return (target, count);
    }

    private static string? ArnName(string? arn) => arn?.Split(':') is { Length: 6 } parts ? parts[5] : null;

    internal static IEnumerable<JsonElement> Statements(string policy)
    {
        var root = JsonDocument.Parse(policy).RootElement.Clone();
        var statements = root.GetProperty("Statement");
        return statements.ValueKind == JsonValueKind.Array ? statements.EnumerateArray().ToList() : [statements];
    }

    internal static IEnumerable<string> Values(JsonElement statement, string name) =>
        !statement.TryGetProperty(name, out var value) ? []
        : value.ValueKind == JsonValueKind.String ? [value.GetString()!]
        : value.EnumerateArray().Select(v => v.GetString()!);

    internal static string? Text(JsonElement element, string name) =>
        element.ValueKind == JsonValueKind.Object && element.TryGetProperty(name, out var value) && value.ValueKind == JsonValueKind.String
            ? value.GetString()
            : null;

    [GeneratedRegex("^[a-z0-9.-]+(:[0-9]+)?/[a-z0-9._/-]+@sha256:[0-9a-f]{64}$")]
    private static partial Regex DigestReference();
}
