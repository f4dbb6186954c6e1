using DataPlatform.Deployment.Terraform;

namespace DataPlatform.Build.Tests.Terraform;

/// <summary>Lines as terraform 1.11 prints them with -json.</summary>
public sealed class TerraformJsonLogTests
{
    [Fact]
    public void Collects_planned_changes_and_the_change_summary_and_shows_their_messages()
    {
        var log = new TerraformJsonLog();

        var (change, changeDetail) = log.Read("""{"@level":"info","@message":"module.lake.aws_s3_bucket.this: Plan to replace","@module":"terraform.ui","type":"planned_change","change":{"resource":{"addr":"module.lake.aws_s3_bucket.this","module":"module.lake","resource":"aws_s3_bucket.this","implied_provider":"aws","resource_type":"aws_s3_bucket","resource_name":"this","resource_key":null},"action":"replace","reason":"cannot_update"}}""");
        var (summary, _) = log.Read("""{"@level":"info","@message":"Plan: 1 to add, 2 to change, 1 to destroy.","@module":"terraform.ui","type":"change_summary","changes":{"add":1,"change":2,"import":0,"remove":1,"operation":"plan"}}""");

        Assert.Equal("module.lake.aws_s3_bucket.this: Plan to replace", change);
        Assert.False(changeDetail);
        Assert.Equal("Plan: 1 to add, 2 to change, 1 to destroy.", summary);
        Assert.Equal((1, 2, 1), (log.Add, log.Change, log.Remove));
        var planned = Assert.Single(log.Changes);
        Assert.Equal(("aws_s3_bucket", "replace"), (planned.ResourceType, planned.Action));
    }

    [Fact]
    public void Keeps_error_diagnostics_with_their_detail()
    {
        var log = new TerraformJsonLog();

        var (text, _) = log.Read("""{"@level":"error","@message":"Error: Error acquiring the state lock","type":"diagnostic","diagnostic":{"severity":"error","summary":"Error acquiring the state lock","detail":"Lock Info:\n  ID:        3f1c2a9e-1111-2222-3333-444455556666"}}""");

        Assert.StartsWith("Error: Error acquiring the state lock: Lock Info:", text);
        Assert.Single(log.Errors);
    }

    [Fact]
    public void Refresh_chatter_and_drift_are_detail_and_apply_repeats_of_the_plan_too()
    {
        var plan = new TerraformJsonLog();
        var apply = new TerraformJsonLog(applying: true);
        const string refresh = """{"@level":"info","@message":"aws_sqs_queue.dlq: Refreshing state... [id=x]","type":"refresh_start","hook":{}}""";
        const string drift = """{"@level":"info","@message":"aws_glue_catalog_table.events: Drift detected (update)","type":"resource_drift","change":{"resource":{"addr":"aws_glue_catalog_table.events","resource_type":"aws_glue_catalog_table"},"action":"update"}}""";
        const string planned = """{"@level":"info","@message":"aws_sqs_queue.dlq: Plan to create","type":"planned_change","change":{"resource":{"addr":"aws_sqs_queue.dlq","resource_type":"aws_sqs_queue"},"action":"create"}}""";

        Assert.True(plan.Read(refresh).Detail);
        Assert.True(plan.Read(drift).Detail);
        Assert.False(plan.Read(planned).Detail);
        Assert.True(apply.Read(planned).Detail);
        Assert.Empty(plan.Errors);
    }

    [Fact]
    public void A_plain_text_line_passes_through() =>
        Assert.Equal(("Initializing the backend...", false), new TerraformJsonLog().Read("Initializing the backend..."));
}
