using System.Text.Json;

namespace DataPlatform.Infrastructure.Tests.Policies;

/// <summary>
/// Customer-managed encryption over plan JSON: every store under one rotated key of the account,
/// and the role allowed to use that key only. Like <see cref="PlatformPolicies"/>, each returns one
/// sentence per violation naming the resource; a value the plan does not know is a violation.
/// </summary>
public static class EncryptionPolicies
{
    /// <summary>The stores of data the plans create, and how each is encrypted.</summary>
    public static IReadOnlyList<StoreEncryption> Stores(PlanDocument plan)
    {
        var stores = new List<StoreEncryption>();
        foreach (var bucket in plan.OfType("aws_s3_bucket"))
        {
            var configuration = plan.Attached(bucket, "aws_s3_bucket_server_side_encryption_configuration", "bucket", "bucket").FirstOrDefault();
            var rule = configuration?.Block("rule");
            var defaults = rule is { } r && r.TryGetProperty("apply_server_side_encryption_by_default", out var d) && d.ValueKind == JsonValueKind.Array && d.GetArrayLength() > 0
                ? d[0]
                : (JsonElement?)null;
            var algorithm = defaults is { } known ? PlatformPolicies.Text(known, "sse_algorithm") : null;
            var key = defaults is { } withKey ? PlatformPolicies.Text(withKey, "kms_master_key_id") : null;
            var unknown = configuration?.UnknownAtPlan("rule", 0, "apply_server_side_encryption_by_default", 0, "kms_master_key_id") == true;
            stores.Add(new StoreEncryption(bucket, algorithm ?? "none", key, algorithm == "aws:kms" && (key is not null || unknown), unknown));
        }

        foreach (var queue in plan.OfType("aws_sqs_queue"))
        {
            var key = queue.String("kms_master_key_id");
            var unknown = queue.UnknownAtPlan("kms_master_key_id");
            var encryption = key is not null || unknown ? "aws:kms" : queue.Bool("sqs_managed_sse_enabled") == true ? "SQS-managed" : "none";
            stores.Add(new StoreEncryption(queue, encryption, key, key is not null || unknown, unknown));
        }

        foreach (var group in plan.OfType("aws_cloudwatch_log_group"))
        {
            var key = group.String("kms_key_id");
            var unknown = group.UnknownAtPlan("kms_key_id");
            stores.Add(new StoreEncryption(group, key is not null || unknown ? "aws:kms" : "CloudWatch Logs-managed", key, key is not null || unknown, unknown));
        }

        foreach (var repository in plan.OfType("aws_ecr_repository"))
        {
            var configuration = repository.Block("encryption_configuration");
            var type = configuration is { } c ? PlatformPolicies.Text(c, "encryption_type") : null;
            var key = configuration is { } k ? PlatformPolicies.Text(k, "kms_key") : null;
            var unknown = repository.UnknownAtPlan("encryption_configuration", 0, "kms_key");
            // The registry module picks KMS when it is given a key; when that key is created in the
            // same plan, its ARN and so the choice are known only after apply. Both unknown is
            // accepted only with a key created in the same plan (checked below). KMS without a key
            // of its own is the AWS-managed aws/ecr key.
            var typeUnknown = type is null && unknown && repository.UnknownAtPlan("encryption_configuration", 0, "encryption_type");
            stores.Add(new StoreEncryption(
                repository, type ?? (typeUnknown ? "KMS (decided at apply)" : "AES256"), key, (type == "KMS" || typeUnknown) && (key is not null || unknown), unknown));
        }

        return stores;
    }

    /// <summary>
    /// Every store is encrypted with a customer-managed key, all with the same one, buckets with a
    /// bucket key; a key not known at plan time must be one the same plan creates.
    /// </summary>
    public static IReadOnlyList<string> StoresUseOneCustomerManagedKey(PlanDocument plan)
    {
        var stores = Stores(plan);
        var violations = new List<string>();
        foreach (var store in stores.Where(s => !s.CustomerManaged))
        {
            violations.Add($"{store.Store}: encrypted with {store.Encryption}, not with the environment's customer-managed KMS key.");
        }

        foreach (var store in stores.Where(s => s.KeyKnownAfterApply && !plan.OfType("aws_kms_key").Any(k => k.Plan == s.Store.Plan)))
        {
            violations.Add($"{store.Store}: its KMS key is known only after apply, and its plan creates no key, so which key it is cannot be checked.");
        }

        var keys = stores.Where(s => s.KeyArn is not null).Select(s => s.KeyArn!).Distinct(StringComparer.Ordinal).ToList();
        if (keys.Count > 1)
        {
            violations.AddRange(stores.Where(s => s.KeyArn is not null).Select(s =>
                $"{s.Store}: encrypted with {s.KeyArn}, while other stores use {string.Join(", ", keys.Where(k => k != s.KeyArn))}: the environment has one key."));
        }

        foreach (var bucket in stores.Where(s => s.Store.Type == "aws_s3_bucket" && s.CustomerManaged))
        {
            var configuration = plan.Attached(bucket.Store, "aws_s3_bucket_server_side_encryption_configuration", "bucket", "bucket").First();
            if (configuration.Block("rule") is not { } rule || !rule.TryGetProperty("bucket_key_enabled", out var enabled) || enabled.ValueKind != JsonValueKind.True)
            {
                violations.Add($"{bucket.Store}: SSE-KMS without a bucket key, so every object written or read is a KMS request.");
            }
        }

        return violations;
    }

    /// <summary>Every IAM statement that allows a KMS action names only the key the stores are encrypted with.</summary>
    public static IReadOnlyList<string> KmsGrantsOnlyTheStoresKey(PlanDocument plan)
    {
        var keys = Stores(plan).Where(s => s.KeyArn is not null).Select(s => s.KeyArn!).ToHashSet(StringComparer.Ordinal);
        var violations = new List<string>();
        foreach (var resource in plan.Resources.Where(r => r.Type is "aws_iam_role_policy" or "aws_iam_policy"))
        {
            if (resource.String("policy") is not { } json)
            {
                violations.Add($"{resource}: its policy is not known at plan time, so its KMS grants cannot be checked.");
                continue;
            }

            foreach (var statement in PlatformPolicies.Statements(json).Where(s => PlatformPolicies.Text(s, "Effect") == "Allow"))
            {
                if (!PlatformPolicies.Values(statement, "Action").Any(a => a.StartsWith("kms:", StringComparison.OrdinalIgnoreCase) || a == "*"))
                {
                    continue;
                }

                var sid = PlatformPolicies.Text(statement, "Sid") ?? "(no Sid)";
                foreach (var target in PlatformPolicies.Values(statement, "Resource").Where(t => !keys.Contains(t)))
                {
                    violations.Add($"{resource}: statement {sid} allows KMS on {target}, which is not the key the stores are encrypted with ({(keys.Count == 0 ? "none" : string.Join(", ", keys))}).");
                }
            }
        }

        return violations;
    }

    /// <summary>Every customer-managed key rotates its material automatically.</summary>
    public static IReadOnlyList<string> KeysRotated(PlanDocument plan) =>
        [.. plan.OfType("aws_kms_key")
            .Where(k => k.Bool("enable_key_rotation") != true)
            .Select(k => $"{k}: enable_key_rotation is {k.Bool("enable_key_rotation")?.ToString() ?? "unset"}, so the key material never rotates.")];
}
