using System.Text.Json;
using DataPlatform.Infrastructure.Tests.Platform;
using DataPlatform.Infrastructure.Tests.Policies;
using DataPlatform.Infrastructure.Tests.Terraform;

namespace DataPlatform.Infrastructure.Tests.Compaction;

/// <summary>
/// modules/compaction in the prod plan the platform fixture already makes: the function's role is
/// scoped to the lake's prefixes (deletes only raw files and compacted parts), the schedule may
/// invoke that function and nothing else, and the Glue tables follow the layout and the contracts.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class CompactionPlanTests(PlatformFixture platform)
{
    private const string Bucket = "arn:aws:s3:::dp-prod-lake-123456789012-eu-west-1";
    private const string FunctionArn = "arn:aws:lambda:eu-west-1:123456789012:function:dp-prod-compaction";

    [Fact]
    public void The_compaction_role_reads_both_prefixes_writes_compacted_and_deletes_only_raw_files_and_compacted_parts()
    {
        var statements = Statements("compaction");

        Assert.DoesNotContain(statements.SelectMany(s => PlatformPolicies.Values(s, "Action")), a => a.Contains('*', StringComparison.Ordinal));
        Assert.Equal([$"{Bucket}/compacted/*", $"{Bucket}/events/*"], Resources(statements, "s3:GetObject"));
        Assert.Equal([$"{Bucket}/compacted/*"], Resources(statements, "s3:PutObject"));
        // Raw files once compacted, and parts a crashed run left beyond the new count: never the
        // watermark, the inputs lists, canaries, quarantine or operations.
        Assert.Equal([$"{Bucket}/compacted/events/*", $"{Bucket}/events/*"], Resources(statements, "s3:DeleteObject"));
        Assert.Equal([Bucket], Resources(statements, "s3:ListBucket"));
        var list = Assert.Single(statements, s => PlatformPolicies.Values(s, "Action").Contains("s3:ListBucket"));
        var prefixes = list.GetProperty("Condition").GetProperty("StringLike").GetProperty("s3:prefix");
        Assert.Equal(["compacted/*", "events/*"], prefixes.EnumerateArray().Select(p => p.GetString()!).Order(StringComparer.Ordinal));
        Assert.Equal([platform.ProdKmsKeyArn], Resources(statements, "kms:GenerateDataKey"));
        Assert.Equal(["arn:aws:logs:eu-west-1:123456789012:log-group:/aws/lambda/dp-prod-compaction:log-stream:*"], Resources(statements, "logs:PutLogEvents"));
    }

    [Fact]
    public void The_schedule_runs_the_compaction_function_through_a_role_that_may_invoke_only_it()
    {
        var plan = platform.ProdPlanDocument();
        var schedule = Assert.Single(plan.OfType("aws_scheduler_schedule"));
        var target = schedule.Block("target") ?? throw new InvalidOperationException($"{schedule} has no target.");

        Assert.Equal(FunctionArn, target.GetProperty("arn").GetString());
        Assert.Contains(plan.OfType("aws_lambda_function"), f => f.String("function_name") == "dp-prod-compaction");
        Assert.Equal("cron(15 * * * ? *)", schedule.String("schedule_expression"));
        var invoke = Assert.Single(Statements("invoke-compaction"));
        Assert.Equal(["lambda:InvokeFunction"], PlatformPolicies.Values(invoke, "Action"));
        Assert.Equal([FunctionArn, $"{FunctionArn}:*"], PlatformPolicies.Values(invoke, "Resource").Order(StringComparer.Ordinal));

        var role = Assert.Single(plan.OfType("aws_iam_role"), r => r.String("name") == "dp-prod-compaction-schedule");
        var trust = Assert.Single(PlatformPolicies.Statements(role.String("assume_role_policy")!));
        Assert.Equal("scheduler.amazonaws.com", trust.GetProperty("Principal").GetProperty("Service").GetString());
    }

    [Fact]
    public void The_compaction_function_runs_the_processor_s_image_with_the_compaction_handler_one_run_at_a_time()
    {
        var functions = platform.ProdPlanDocument().OfType("aws_lambda_function").ToDictionary(f => f.String("function_name")!);
        var compaction = functions["dp-prod-compaction"];

        Assert.Equal(functions["dp-prod-processor"].String("image_uri"), compaction.String("image_uri"));
        var command = compaction.Block("image_config")!.Value.GetProperty("command");
        Assert.Equal("Processor::DataPlatform.Processor.CompactionFunction::Handle", Assert.Single(command.EnumerateArray()).GetString());
        Assert.Equal(1, compaction.Number("reserved_concurrent_executions"));
        var variables = compaction.Block("environment")!.Value.GetProperty("variables").EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString());
        // Read back by the engine's own parser: the module once wrote ISO 8601 durations the engine refuses.
        Assert.Equal(TimeSpan.FromHours(1), DataPlatform.Compaction.CompactionSettings.ParseDuration(variables["COMPACTION_GRACE"]!));
        Assert.Equal(TimeSpan.FromHours(24), DataPlatform.Compaction.CompactionSettings.ParseDuration(variables["COMPACTION_LOOKBACK"]!));
        Assert.Equal(TimeSpan.FromHours(6), DataPlatform.Compaction.CompactionSettings.ParseDuration(variables["COMPACTION_RAW_RETENTION"]!));
        Assert.Equal("24", variables["COMPACTION_MAX_HOURS"]);
        Assert.Equal(compaction.Number("timeout")!.Value.ToString(System.Globalization.CultureInfo.InvariantCulture), variables["FUNCTION_TIMEOUT_SECONDS"]);
    }

    [Fact]
    public void The_compacted_table_reads_compacted_events_with_the_raw_table_s_columns_and_projection()
    {
        var tables = Tables();
        var raw = tables["events"];
        var compacted = tables["compacted_events"];

        Assert.Equal("s3://dp-prod-lake-123456789012-eu-west-1/compacted/events/", Location(compacted));
        Assert.Equal(Columns(raw), Columns(compacted));
        var parameters = compacted.Attribute("parameters")!.Value;
        Assert.Equal("s3://dp-prod-lake-123456789012-eu-west-1/compacted/events/event_type=${event_type}/dt=${dt}/hour=${hour}/", parameters.GetProperty("storage.location.template").GetString());
        Assert.Equal("injected", parameters.GetProperty("projection.event_type.type").GetString());
        Assert.Equal("s3://dp-prod-lake-123456789012-eu-west-1/compacted/_watermark/", Location(tables["compaction_watermark"]));
        Assert.Equal("s3://dp-prod-lake-123456789012-eu-west-1/compacted/_inputs/", Location(tables["compaction_inputs"]));
    }

    [Fact]
    public void Each_contract_has_a_table_whose_columns_are_the_envelope_and_its_typed_properties()
    {
        var contracts = ContractColumns.InRepository(RepositoryLayout.Root);
        var tables = Tables();

        Assert.NotEmpty(contracts);
        foreach (var (eventType, contract) in contracts)
        {
            var table = tables.GetValueOrDefault(ContractColumns.TableName(eventType))
                ?? throw new InvalidOperationException($"contracts/{eventType}.json has no Glue table {ContractColumns.TableName(eventType)} in the prod plan.");
            Assert.Equal(ContractColumns.Of(contract), Columns(table));
            Assert.Equal($"s3://dp-prod-lake-123456789012-eu-west-1/compacted/events/event_type={eventType}/", Location(table));
        }

        Assert.Equal(contracts.Count, tables.Keys.Count(name => name.StartsWith("compacted_", StringComparison.Ordinal) && name != "compacted_events"));
    }

    [Fact]
    public void Each_contracts_glue_columns_are_the_ones_the_compactor_writes()
    {
        var contracts = DataPlatform.Contracts.ContractLoader.LoadDirectory(Path.Combine(RepositoryLayout.Root, "contracts"));
        var tables = Tables();

        Assert.NotEqual(0, contracts.Count);
        foreach (var contract in contracts.All)
        {
            var table = tables[ContractColumns.TableName(contract.EventType)];
            // Terraform iterates a contract's properties in lexical order, the compactor in file order; Athena reads
            // Parquet columns by name, so the set of (name, type) pairs is what must agree.
            var written = DataPlatform.Contracts.ContractColumns.For(contract).Select(c => (c.Name, c.GlueType)).Order();
            var declared = Columns(table).Skip(ContractColumns.Envelope.Length).Order();
            Assert.Equal(written, declared);
        }
    }

    private List<JsonElement> Statements(string policyName)
    {
        var policy = Assert.Single(platform.ProdPlanDocument().OfType("aws_iam_role_policy"), p => p.String("name") == policyName);
        return [.. PlatformPolicies.Statements(policy.String("policy") ?? throw new InvalidOperationException($"{policy}: the policy is not known at plan time."))];
    }

    private static string[] Resources(IEnumerable<JsonElement> statements, string action) =>
        [.. statements.Where(s => PlatformPolicies.Values(s, "Action").Contains(action)).SelectMany(s => PlatformPolicies.Values(s, "Resource")).Order(StringComparer.Ordinal)];

    private Dictionary<string, PlannedResource> Tables() =>
        platform.ProdPlanDocument().OfType("aws_glue_catalog_table").ToDictionary(t => t.String("name")!);

    private static JsonElement Descriptor(PlannedResource table) =>
        table.Block("storage_descriptor") ?? throw new InvalidOperationException($"{table} has no storage_descriptor.");

    private static string? Location(PlannedResource table) => Descriptor(table).GetProperty("location").GetString();

    private static List<(string Name, string Type)> Columns(PlannedResource table) =>
        [.. Descriptor(table).GetProperty("columns").EnumerateArray().Select(c => (c.GetProperty("name").GetString()!, c.GetProperty("type").GetString()!))];
}
