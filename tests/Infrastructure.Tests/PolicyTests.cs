using DataPlatform.Infrastructure.Tests.Platform;
using DataPlatform.Infrastructure.Tests.Policies;

namespace DataPlatform.Infrastructure.Tests;

/// <summary>
/// Scanner-style policies over the prod environment's plan (prod settings, planned against the
/// emulator). Each policy passes on prod and is shown to fail on Fixtures/broken_platform, naming
/// the resource that breaks it, so none of them can pass vacuously.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class PolicyTests(PlatformFixture platform)
{
    private static readonly string[] PolicyNames =
    [
        nameof(PlatformPolicies.IamWithoutWildcards),
        nameof(PlatformPolicies.BucketsLockedDown),
        nameof(PlatformPolicies.QueuesEncrypted),
        nameof(PlatformPolicies.DeadLetterQueuesWired),
        nameof(PlatformPolicies.VisibilityCoversFunctionTimeout),
        nameof(PlatformPolicies.RepositoriesImmutableAndScanned),
        nameof(PlatformPolicies.LogRetentionSet),
        nameof(PlatformPolicies.FunctionImagesByDigest),
        nameof(PlatformPolicies.AlarmsNotifyTheTopic),
        nameof(EncryptionPolicies.StoresUseOneCustomerManagedKey),
        nameof(EncryptionPolicies.KmsGrantsOnlyTheStoresKey),
        nameof(EncryptionPolicies.KeysRotated),
    ];

    public static TheoryData<string> Policies() => [.. PolicyNames];

    // What each policy must catch in the broken fixture: the resource and the words of the violation.
    public static TheoryData<string, string, string> BrokenFixtureViolations() => new()
    {
        { nameof(PlatformPolicies.IamWithoutWildcards), "aws_iam_role_policy.broken", "wildcard action \"s3:*\"" },
        { nameof(PlatformPolicies.IamWithoutWildcards), "aws_iam_role_policy.broken", "wildcard resource \"*\"" },
        { nameof(PlatformPolicies.BucketsLockedDown), "aws_s3_bucket.broken", "block_public_policy" },
        { nameof(PlatformPolicies.BucketsLockedDown), "aws_s3_bucket.broken", "server-side encryption" },
        { nameof(PlatformPolicies.BucketsLockedDown), "aws_s3_bucket.broken", "versioning is not Enabled" },
        { nameof(PlatformPolicies.BucketsLockedDown), "aws_s3_bucket.broken", "aws:SecureTransport" },
        { nameof(PlatformPolicies.QueuesEncrypted), "aws_sqs_queue.unencrypted", "unencrypted" },
        { nameof(PlatformPolicies.DeadLetterQueuesWired), "aws_sqs_queue.unencrypted", "no redrive policy" },
        { nameof(PlatformPolicies.DeadLetterQueuesWired), "aws_sqs_queue.ingest", "maxReceiveCount is 1" },
        { nameof(PlatformPolicies.VisibilityCoversFunctionTimeout), "aws_sqs_queue.ingest", "visibility timeout 30 s" },
        { nameof(PlatformPolicies.RepositoriesImmutableAndScanned), "aws_ecr_repository.broken", "not IMMUTABLE" },
        { nameof(PlatformPolicies.RepositoriesImmutableAndScanned), "aws_ecr_repository.broken", "scan_on_push" },
        { nameof(PlatformPolicies.LogRetentionSet), "aws_cloudwatch_log_group.forever", "kept forever" },
        { nameof(PlatformPolicies.LogRetentionSet), "aws_lambda_function.broken", "no managed log group" },
        { nameof(PlatformPolicies.FunctionImagesByDigest), "aws_lambda_function.broken", "not a digest reference" },
        { nameof(PlatformPolicies.AlarmsNotifyTheTopic), "aws_cloudwatch_metric_alarm.silent", "alarm_actions is empty" },
        { nameof(PlatformPolicies.AlarmsNotifyTheTopic), "aws_cloudwatch_metric_alarm.silent", "ok_actions is empty" },
        { nameof(PlatformPolicies.AlarmsNotifyTheTopic), "aws_cloudwatch_metric_alarm.elsewhere", "names no SNS topic the environment creates" },
        { nameof(EncryptionPolicies.StoresUseOneCustomerManagedKey), "aws_s3_bucket.broken", "encrypted with none, not with the environment's customer-managed KMS key" },
        { nameof(EncryptionPolicies.StoresUseOneCustomerManagedKey), "aws_sqs_queue.ingest", "encrypted with SQS-managed" },
        { nameof(EncryptionPolicies.StoresUseOneCustomerManagedKey), "aws_ecr_repository.broken", "encrypted with AES256" },
        { nameof(EncryptionPolicies.StoresUseOneCustomerManagedKey), "aws_sqs_queue.other_key", "while other stores use arn:aws:kms:us-east-1:123456789012:key/logs-key" },
        { nameof(EncryptionPolicies.KmsGrantsOnlyTheStoresKey), "aws_iam_role_policy.broken", "statement SomeoneElsesKey allows KMS on arn:aws:kms:us-east-1:123456789012:key/someone-elses" },
        { nameof(EncryptionPolicies.KeysRotated), "aws_kms_key.unrotated", "never rotates" },
    };

    // Each policy must have something to judge in the prod plan, or passing would prove nothing.
    public static TheoryData<string, string> SubjectsInProd() => new()
    {
        { nameof(PlatformPolicies.IamWithoutWildcards), "aws_iam_role_policy" },
        { nameof(PlatformPolicies.BucketsLockedDown), "aws_s3_bucket" },
        { nameof(PlatformPolicies.QueuesEncrypted), "aws_sqs_queue" },
        { nameof(PlatformPolicies.DeadLetterQueuesWired), "aws_sqs_queue_redrive_policy" },
        { nameof(PlatformPolicies.VisibilityCoversFunctionTimeout), "aws_lambda_event_source_mapping" },
        { nameof(PlatformPolicies.RepositoriesImmutableAndScanned), "aws_ecr_repository" },
        { nameof(PlatformPolicies.LogRetentionSet), "aws_cloudwatch_log_group" },
        { nameof(PlatformPolicies.FunctionImagesByDigest), "aws_lambda_function" },
        { nameof(PlatformPolicies.AlarmsNotifyTheTopic), "aws_cloudwatch_metric_alarm" },
        { nameof(EncryptionPolicies.StoresUseOneCustomerManagedKey), "aws_cloudwatch_log_group" },
        { nameof(EncryptionPolicies.KmsGrantsOnlyTheStoresKey), "aws_iam_role_policy" },
        { nameof(EncryptionPolicies.KeysRotated), "aws_kms_key" },
    };

    [Theory]
    [MemberData(nameof(Policies))]
    public void The_prod_plan_complies(string policy)
    {
        var violations = Check(policy, platform.ProdPlanDocument());

        Assert.True(violations.Count == 0, $"{policy} on the prod plan:\n{string.Join('\n', violations)}");
    }

    [Theory]
    [MemberData(nameof(SubjectsInProd))]
    public void The_prod_plan_holds_what_each_policy_judges(string policy, string type)
    {
        Assert.Contains(policy, PolicyNames);
        Assert.NotEmpty(platform.ProdPlanDocument().OfType(type));
    }

    [Theory]
    [MemberData(nameof(BrokenFixtureViolations))]
    public void The_broken_fixture_fails(string policy, string address, string expected)
    {
        var violations = Check(policy, platform.BrokenPlanDocument());

        Assert.Contains(violations, v => v.Contains(address + ":", StringComparison.Ordinal) && v.Contains(expected, StringComparison.Ordinal));
    }

    [Fact]
    public void The_prod_plan_uses_production_settings()
    {
        var prod = platform.ProdPlanDocument();

        Assert.Single(prod.OfType("aws_s3_bucket_policy"));
        Assert.Single(prod.OfType("aws_sqs_queue_redrive_allow_policy"));
        var mapping = Assert.Single(prod.OfType("aws_lambda_event_source_mapping"));
        Assert.True(mapping.Bool("enabled"));
        var functions = prod.OfType("aws_lambda_function").ToList();
        Assert.Equal(["dp-prod-compaction", "dp-prod-processor"], functions.Select(f => f.String("function_name")).Order(StringComparer.Ordinal));
        Assert.All(functions, function => Assert.NotNull(function.Block("logging_config")));
        Assert.Equal("ENABLED", Assert.Single(prod.OfType("aws_scheduler_schedule")).String("state"));
    }

    [Theory]
    [InlineData("*", true)]
    [InlineData("arn:aws:s3:::*", true)]
    [InlineData("arn:aws:logs:*:*:*", true)]
    [InlineData("arn:aws:sqs:eu-west-1:*:queue", true)]
    [InlineData("not-an-arn", true)]
    [InlineData("arn:aws:s3:::bucket/events/*", false)]
    [InlineData("arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/fn:log-stream:*", false)]
    [InlineData("arn:aws:sqs:eu-west-1:123456789012:queue", false)]
    public void A_resource_is_a_wildcard_when_it_spans_accounts_regions_services_or_a_whole_service(string resource, bool wildcard) =>
        Assert.Equal(wildcard, PlatformPolicies.IsWildcardResource(resource));

    private static IReadOnlyList<string> Check(string policy, PlanDocument plan) => policy switch
    {
        nameof(PlatformPolicies.IamWithoutWildcards) => PlatformPolicies.IamWithoutWildcards(plan),
        nameof(PlatformPolicies.BucketsLockedDown) => PlatformPolicies.BucketsLockedDown(plan),
        nameof(PlatformPolicies.QueuesEncrypted) => PlatformPolicies.QueuesEncrypted(plan),
        nameof(PlatformPolicies.DeadLetterQueuesWired) => PlatformPolicies.DeadLetterQueuesWired(plan),
        nameof(PlatformPolicies.VisibilityCoversFunctionTimeout) => PlatformPolicies.VisibilityCoversFunctionTimeout(plan),
        nameof(PlatformPolicies.RepositoriesImmutableAndScanned) => PlatformPolicies.RepositoriesImmutableAndScanned(plan),
        nameof(PlatformPolicies.LogRetentionSet) => PlatformPolicies.LogRetentionSet(plan),
        nameof(PlatformPolicies.FunctionImagesByDigest) => PlatformPolicies.FunctionImagesByDigest(plan),
        nameof(PlatformPolicies.AlarmsNotifyTheTopic) => PlatformPolicies.AlarmsNotifyTheTopic(plan),
        nameof(EncryptionPolicies.StoresUseOneCustomerManagedKey) => EncryptionPolicies.StoresUseOneCustomerManagedKey(plan),
        nameof(EncryptionPolicies.KmsGrantsOnlyTheStoresKey) => EncryptionPolicies.KmsGrantsOnlyTheStoresKey(plan),
        nameof(EncryptionPolicies.KeysRotated) => EncryptionPolicies.KeysRotated(plan),
        _ => throw new ArgumentException($"There is no policy named {policy}.", nameof(policy)),
    };
}
