using System.Text;
using System.Text.Json.Nodes;
using Amazon.KeyManagementService.Model;
using Amazon.Runtime;
using Amazon.S3.Model;
using DataPlatform.Processor.Tests.Support;
using Xunit.Abstractions;

namespace DataPlatform.Processor.Tests.Integration.Access;

/// <summary>
/// The processor's role (modules/processor_iam, applied by terraform) proven on an emulator that enforces
/// IAM: assumed with sts:AssumeRole, it drains the queue into the lake; every probe outside its job is
/// denied; and each action of its policy is needed: without it, a named step of the processing fails.
/// Run with <c>--logger "console;verbosity=detailed"</c> to see the tables.
/// </summary>
public sealed class ProcessorLeastPrivilegeTests(ProcessorRoleFixture fixture, ITestOutputHelper output) : IClassFixture<ProcessorRoleFixture>
{
    private static readonly string[] Bodies = [SyntheticEvents.Valid(1), SyntheticEvents.Valid(2), SyntheticEvents.Valid(3), SyntheticEvents.Broken(0)];

    [Fact]
    public async Task The_assumed_role_drains_the_queue_into_events_and_quarantine_and_ships_its_logs()
    {
        var events = (await fixture.LakeKeysAsync("events/")).Count;
        var quarantine = (await fixture.LakeKeysAsync("quarantine/")).Count;
        await fixture.RefillAsync(Bodies);
        var session = await fixture.AssumeRoleAsync();

        var drain = await session.DrainAsync(Bodies.Length);
        Assert.True(drain is null, $"{drain?.Step}: {drain?.Error}");
        var logs = session.ShipLogs();
        Assert.True(logs is null, $"{logs?.Step}: {logs?.Error}");

        Assert.True((await fixture.LakeKeysAsync("events/")).Count > events, "No event object landed in the lake.");
        Assert.Equal(quarantine + 1, (await fixture.LakeKeysAsync("quarantine/")).Count);
        var left = await fixture.AdminSqs.GetQueueAttributesAsync(fixture.QueueUrl, ["ApproximateNumberOfMessages", "ApproximateNumberOfMessagesNotVisible"]);
        Assert.Equal(0, left.ApproximateNumberOfMessages + left.ApproximateNumberOfMessagesNotVisible);
    }

    [Fact]
    public async Task Every_probe_outside_the_processors_job_is_denied()
    {
        await fixture.AdminS3.PutObjectAsync(new PutObjectRequest { BucketName = ProcessorRoleFixture.LakeBucket, Key = "events/probe.parquet", ContentBody = "x" });
        var session = await fixture.AssumeRoleAsync();
        using var s3 = session.Clients.CreateS3();
        using var sqs = session.Clients.CreateSqs();
        using var kms = fixture.Kms(session.Credentials);
        const string lake = ProcessorRoleFixture.LakeBucket;

        // What the role is for succeeds, so the denials below are the policy's and not a broken session's.
        foreach (var prefix in new[] { "events/", "quarantine/", "canaries/" })
        {
            await s3.PutObjectAsync(new PutObjectRequest { BucketName = lake, Key = $"{prefix}control.parquet", ContentBody = "x" });
        }

        var probes = new (string Probe, Func<Task> Call)[]
        {
            ("s3:GetObject of a lake object", () => s3.GetObjectAsync(lake, "events/probe.parquet")),
            ("s3:ListObjectsV2 of the lake", () => s3.ListObjectsV2Async(new ListObjectsV2Request { BucketName = lake, Prefix = "events/" })),
            ("s3:PutObject outside events/, quarantine/, canaries/", () => s3.PutObjectAsync(new PutObjectRequest { BucketName = lake, Key = "other/x.parquet", ContentBody = "x" })),
            ("s3:PutObject to another bucket", () => s3.PutObjectAsync(new PutObjectRequest { BucketName = ProcessorRoleFixture.OtherBucket, Key = "events/x.parquet", ContentBody = "x" })),
            ("s3:PutObject to events/ encrypted with another key", () => s3.PutObjectAsync(new PutObjectRequest
            {
                BucketName = lake, Key = "events/other-key.parquet", ContentBody = "x",
                ServerSideEncryptionMethod = Amazon.S3.ServerSideEncryptionMethod.AWSKMS, ServerSideEncryptionKeyManagementServiceKeyId = fixture.OtherKeyArn,
            })),
            ("s3:DeleteObject of a lake object", () => s3.DeleteObjectAsync(lake, "events/probe.parquet")),
            ("sqs:SendMessage to the ingest queue", () => sqs.SendMessageAsync(fixture.QueueUrl, "forged")),
            ("sqs:SendMessage to the DLQ", () => sqs.SendMessageAsync(fixture.DlqUrl, "forged")),
            ("kms:GenerateDataKey with another key", () => kms.GenerateDataKeyAsync(new GenerateDataKeyRequest { KeyId = fixture.OtherKeyArn, KeySpec = Amazon.KeyManagementService.DataKeySpec.AES_256 })),
            ("kms:Decrypt with another key", async () =>
            {
                using var adminKms = fixture.Kms(fixture.Admin.Endpoint.Credentials!);
                var blob = (await adminKms.EncryptAsync(new EncryptRequest { KeyId = fixture.OtherKeyArn, Plaintext = new MemoryStream("secret"u8.ToArray()) })).CiphertextBlob;
                await kms.DecryptAsync(new DecryptRequest { CiphertextBlob = blob });
            }),
            ("iam:PutRolePolicy on its own role", () => Cli(session, "iam", "put-role-policy", "--role-name", fixture.RoleName, "--policy-name", "escalate",
                "--policy-document", """{"Version":"2012-10-17","Statement":[{"Effect":"Allow","Action":"*","Resource":"*"}]}""")),
            ("iam:ListRoles", () => Cli(session, "iam", "list-roles")),
        };

        var table = new StringBuilder("probe | answer\n---|---\n");
        var allowed = new List<string>();
        foreach (var (probe, call) in probes)
        {
            var answer = await AnswerAsync(call);
            table.Append(probe).Append(" | ").Append(answer).Append('\n');
            if (answer != "AccessDenied")
            {
                allowed.Add($"{probe}: {answer}");
            }
        }

        output.WriteLine(table.ToString());
        Assert.True(allowed.Count == 0, "The processor's role may do more than its job:\n" + string.Join('\n', allowed));
    }

    [Fact]
    public async Task Without_any_one_action_of_its_policy_a_named_step_of_the_processing_fails()
    {
        var policy = JsonNode.Parse(fixture.PolicyJson)!;
        var actions = Statements(policy).SelectMany(Actions).ToList();
        Assert.Equal(8, actions.Count);

        var table = new StringBuilder("action | step that fails without it | error | denied check (access log)\n---|---|---|---\n");
        var unproven = new List<string>();
        try
        {
            foreach (var action in actions)
            {
                fixture.PutRolePolicy(Without(policy, action));
                await fixture.RefillAsync(Bodies);
                var checksBefore = fixture.AccessChecks().Count;
                var session = await fixture.AssumeRoleAsync();

                var failure = await session.DrainAsync(Bodies.Length) ?? session.ShipLogs();

                var denied = fixture.AccessChecks().Skip(checksBefore)
                    .Where(check => !check.Allowed && check.Principal.Contains($"assumed-role/{fixture.RoleName}/", StringComparison.Ordinal))
                    .Select(check => check.Action).Distinct().ToList();
                table.Append($"`{action}` | {failure?.Step ?? "none"} | {OneLine(failure?.Error)} | {string.Join(", ", denied)}\n");
                if (failure is null || !denied.Contains(action))
                {
                    unproven.Add($"{action}: step {failure?.Step ?? "none failed"}, denied {string.Join(", ", denied)}");
                }
            }
        }
        finally
        {
            fixture.PutRolePolicy(fixture.PolicyJson);
        }

        output.WriteLine(table.ToString());
        Assert.True(unproven.Count == 0, "These actions are granted, but the processing did not need them here:\n" + string.Join('\n', unproven) + "\n" + table);
    }

    private static IEnumerable<JsonObject> Statements(JsonNode policy) => policy["Statement"]!.AsArray().Select(node => node!.AsObject());

    private static IEnumerable<string> Actions(JsonObject statement) =>
        statement["Action"] is JsonArray list ? list.Select(a => a!.GetValue<string>()) : [statement["Action"]!.GetValue<string>()];

    /// <summary>The policy with <paramref name="action"/> taken out of its statement (and the statement dropped when left empty).</summary>
    private static string Without(JsonNode policy, string action)
    {
        var copy = JsonNode.Parse(policy.ToJsonString())!;
        var kept = new JsonArray();
        foreach (var statement in Statements(copy).ToList())
        {
            var rest = Actions(statement).Where(a => a != action).ToList();
            if (rest.Count == 0)
            {
                continue;
            }

            var trimmed = JsonNode.Parse(statement.ToJsonString())!.AsObject();
            trimmed["Action"] = new JsonArray([.. rest.Select(a => JsonValue.Create(a))]);
            kept.Add(trimmed);
        }

        copy["Statement"] = kept;
        return copy.ToJsonString();
    }

    private static async Task<string> AnswerAsync(Func<Task> call)
    {
        try
        {
            await call();
            return "allowed";
        }
        catch (AmazonServiceException exception)
        {
            return exception.ErrorCode ?? $"{(int)exception.StatusCode} {exception.Message}";
        }
        catch (InvalidOperationException exception) when (exception.Message.Contains("AccessDenied", StringComparison.Ordinal))
        {
            return "AccessDenied";
        }
    }

    private static Task Cli(ProcessorSession session, params string[] arguments)
    {
        session.Cli.Run(arguments);
        return Task.CompletedTask;
    }

    private static string OneLine(string? text)
    {
        var line = string.Join(' ', (text ?? "").Split('\n', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)).Replace("|", "/", StringComparison.Ordinal);
        return line.Length > 160 ? line[..160] + "…" : line;
    }
}
