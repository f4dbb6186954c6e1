using System.Text.Json;

namespace DataPlatform.Deploy.Tests.Emulator;

/// <summary>
/// The launcher gives moto the resource of requests it checked against "*" (MotoPatches/moto-5.2.1/
/// iam_resources.py), so a statement scoped to ARNs is enforced: for each service covered, a user allowed
/// on <c>dp-*</c> gets through with a dp- name and is denied with another. Without the patch both are denied.
/// </summary>
public sealed class ResourceArnTests(EnforcingMotoFixture fixture) : IClassFixture<EnforcingMotoFixture>
{
    [Theory]
    [InlineData("logs create-log-group --log-group-name {0}", "dp-logs", "other-logs")]
    [InlineData("sqs create-queue --queue-name {0}", "dp-queue", "other-queue")]
    [InlineData("ecr create-repository --repository-name {0}", "dp-repo", "other-repo")]
    [InlineData("sns create-topic --name {0}", "dp-topic", "other-topic")]
    [InlineData("cloudwatch put-metric-alarm --alarm-name {0} --metric-name Errors --namespace AWS/Lambda --statistic Sum --period 60 --evaluation-periods 1 --threshold 1 --comparison-operator GreaterThanThreshold", "dp-alarm", "other-alarm")]
    [InlineData("glue create-database --database-input Name={0}", "dp_db", "other_db")]
    [InlineData("events put-rule --event-pattern {{\"source\":[\"dp\"]}} --name {0}", "dp-rule", "other-rule")]
    [InlineData("scheduler create-schedule --schedule-expression at(2030-01-01T00:00:00) --flexible-time-window Mode=OFF --target Arn=arn:aws:lambda:us-east-1:123456789012:function:dp-f,RoleArn=arn:aws:iam::123456789012:role/dp-r --name {0}", "dp-schedule", "other-schedule")]
    [InlineData("iam create-role --assume-role-policy-document {{\"Version\":\"2012-10-17\",\"Statement\":[]}} --role-name {0}", "dp-role", "other-role")]
    public void A_scoped_statement_allows_its_resources_and_denies_others(string command, string allowed, string denied)
    {
        var granted = fixture.Scoped.Try(Arguments(command, allowed));
        Assert.True(granted.Succeeded, $"{string.Format(command, allowed)} was refused: {granted.Error}");
        AssertDenied(fixture.Scoped.Try(Arguments(command, denied)));
    }

    [Theory]
    [InlineData("lambda get-function --function-name {0}")]
    [InlineData("lambda invoke --function-name {0} /dev/null")]
    public void A_lambda_function_is_known_by_the_name_in_the_path(string command)
    {
        // No function exists: an allowed request reaches Lambda and is told so; a denied one never does.
        var granted = fixture.Scoped.Try(Arguments(command, "dp-function"));
        Assert.Contains("ResourceNotFoundException", granted.Error, StringComparison.Ordinal);
        AssertDenied(fixture.Scoped.Try(Arguments(command, "other-function")));
    }

    [Theory]
    [InlineData("lambda list-tags --resource arn:aws:lambda:us-east-1:123456789012:function:{0}", "dp-function", "other-function")]
    [InlineData("ecr list-tags-for-resource --resource-arn arn:aws:ecr:us-east-1:123456789012:repository/{0}", "dp-repo", "other-repo")]
    [InlineData("glue get-tags --resource-arn arn:aws:glue:us-east-1:123456789012:database/{0}", "dp_db", "other_db")]
    [InlineData("scheduler list-tags-for-resource --resource-arn arn:aws:scheduler:us-east-1:123456789012:schedule/default/{0}", "dp-schedule", "other-schedule")]
    public void A_tag_call_is_known_by_the_arn_it_names(string command, string allowed, string denied)
    {
        // Nothing by these names need exist: an allowed request reaches the service (which may say so);
        // a denied one never does. Lambda's and Scheduler's ARNs travel escaped in the path, which moto
        // once signed decoded (SignatureDoesNotMatch, iam_signatures.py).
        var granted = fixture.Scoped.Try(Arguments(command, allowed));
        Assert.DoesNotContain("AccessDenied", granted.Error, StringComparison.Ordinal);
        Assert.DoesNotContain("SignatureDoesNotMatch", granted.Error, StringComparison.Ordinal);
        AssertDenied(fixture.Scoped.Try(Arguments(command, denied)));
    }

    [Fact]
    public void Head_bucket_is_authorised_as_list_bucket()
    {
        fixture.Admin.Run("s3api", "create-bucket", "--bucket", "dp-head");
        fixture.Admin.Run("s3api", "create-bucket", "--bucket", "other-head");
        Assert.True(fixture.Scoped.Try("s3api", "head-bucket", "--bucket", "dp-head").Succeeded);
        var denied = fixture.Scoped.Try("s3api", "head-bucket", "--bucket", "other-head");
        Assert.False(denied.Succeeded, "HeadBucket succeeded on a bucket the caller may not list.");
        Assert.Contains("403", denied.Error, StringComparison.Ordinal);
    }

    [Fact]
    public void A_kms_key_is_known_by_its_arn_whether_named_by_id_or_alias()
    {
        Assert.True(fixture.Scoped.Try("kms", "describe-key", "--key-id", "alias/dp-data").Succeeded);
        Assert.True(fixture.Scoped.Try("kms", "generate-data-key", "--key-id", fixture.DataKeyId, "--key-spec", "AES_256").Succeeded);
        AssertDenied(fixture.Scoped.Try("kms", "generate-data-key", "--key-id", fixture.OtherKeyId, "--key-spec", "AES_256"));
        AssertDenied(fixture.Scoped.Try("kms", "create-key"));
    }

    [Fact]
    public void Every_policy_check_is_recorded_with_its_principal_action_resource_and_answer()
    {
        fixture.Scoped.Try("logs", "create-log-group", "--log-group-name", "dp-recorded");
        fixture.Scoped.Try("logs", "create-log-group", "--log-group-name", "not-recorded-as-allowed");

        var checks = File.ReadAllLines(fixture.AccessLogPath).Select(line => JsonDocument.Parse(line).RootElement).ToList();
        var logGroup = $"arn:aws:logs:{EnforcingMotoFixture.Region}:{EnforcingMotoFixture.Account}:log-group:";
        Assert.Contains(checks, check => Is(check, fixture.ScopedArn, "logs:CreateLogGroup", $"{logGroup}dp-recorded:log-stream:", true));
        Assert.Contains(checks, check => Is(check, fixture.ScopedArn, "logs:CreateLogGroup", $"{logGroup}not-recorded-as-allowed:log-stream:", false));
        Assert.Contains(checks, check => check.GetProperty("principal").GetString() == fixture.Moto.AdminCredentials!.Arn);
    }

    private static bool Is(JsonElement check, string principal, string action, string resource, bool allowed) =>
        check.GetProperty("principal").GetString() == principal
        && check.GetProperty("action").GetString() == action
        && check.GetProperty("resource").GetString() == resource
        && check.GetProperty("allowed").GetBoolean() == allowed;

    private static string[] Arguments(string command, string name) =>
        [.. command.Split(' ').Select(part => string.Format(System.Globalization.CultureInfo.InvariantCulture, part, name))];

    private static void AssertDenied((bool Succeeded, JsonElement Output, string Error) result)
    {
        Assert.False(result.Succeeded, "The request succeeded, but the caller's policy does not grant it.");
        Assert.Contains("AccessDenied", result.Error, StringComparison.Ordinal);
    }
}
