using System.Text.Json;
using System.Text.Json.Nodes;

namespace DataPlatform.Deploy.Tests.Pipeline;

/// <summary>
/// A sample of the deploy policy's actions, one per row, each with the call a build step makes that
/// needs it: on the lifecycle's deployed environment, the deploy role's inline policy is rewritten
/// without that one action (as the administrator), the step's call is made with the deploy role's
/// session, and the policy is put back. Each call is first made with the whole policy, so a refusal
/// is the missing action's doing. One CLI call per row, not a deploy per row.
/// </summary>
public sealed class DeployPolicySample
{
    public const string RoleName = "dp-local-deploy";
    public const string PolicyName = "deploy";

    public sealed record Row(string Action, string Step, string WithPolicy, string WithoutAction, bool Refused);

    public IReadOnlyList<Row> Rows { get; private init; } = [];

    public static DeployPolicySample Run(IReadOnlyDictionary<string, string> outputs, IReadOnlyDictionary<string, string> administrator,
        IReadOnlyDictionary<string, string> deployRole)
    {
        var repository = outputs["ecr_repository_url"].Split('/', 2)[1];
        var function = outputs["processor_function_name"];
        var steps = new (string Action, string Step, string[] Call)[]
        {
            ("ecr:DescribeRepositories", "registry stack plan: refresh of the repository",
                ["ecr", "describe-repositories", "--repository-names", repository]),
            ("ecr:DescribeImages", "Image: is the content tag in the repository already",
                ["ecr", "describe-images", "--repository-name", repository]),
            ("sqs:GetQueueAttributes", "storage stack plan: refresh of the ingest queue",
                ["sqs", "get-queue-attributes", "--queue-url", outputs["ingest_queue_url"], "--attribute-names", "All"]),
            ("s3:ListBucket", "Verify: list the lake's canary objects",
                ["s3api", "list-objects-v2", "--bucket", outputs["lake_bucket"], "--max-items", "1"]),
            ("sqs:SendMessage", "Verify: send a canary event",
                ["sqs", "send-message", "--queue-url", outputs["ingest_queue_url"], "--message-body",
                    """{"event_type":"_canary","event_id":"policy-sample","occurred_at":"2024-05-01T00:00:00Z","source":"deploy-tests"}"""]),
            ("iam:GetRole", "iam stack plan: refresh of the processor's role",
                ["iam", "get-role", "--role-name", $"{function}-role"]),
            ("lambda:GetFunction", "compute stack plan: refresh of the function",
                ["lambda", "get-function", "--function-name", function]),
            ("logs:DescribeLogGroups", "compute stack plan: refresh of the function's log group",
                ["logs", "describe-log-groups", "--log-group-name-prefix", $"/aws/lambda/{function}"]),
        };

        var document = Policy(administrator);
        var rows = new List<Row>();
        try
        {
            foreach (var (action, step, call) in steps)
            {
                var with = AwsCli.Run(deployRole, call);
                Put(administrator, Without(document, action));
                var without = AwsCli.Run(deployRole, call);
                Put(administrator, document);
                rows.Add(new Row(action, step, with.ExitCode == 0 ? "ok" : FirstLine(with.Error), without.ExitCode == 0 ? "ok" : FirstLine(without.Error),
                    with.ExitCode == 0 && without.ExitCode != 0));
            }
        }
        finally
        {
            Put(administrator, document);
        }

        return new DeployPolicySample { Rows = rows };
    }

    public string Table() =>
        string.Join(Environment.NewLine, new[] { "action | step | with the whole policy | without the action" }
            .Concat(Rows.Select(r => $"{r.Action} | {r.Step} | {r.WithPolicy} | {r.WithoutAction}")));

    private static string Policy(IReadOnlyDictionary<string, string> administrator)
    {
        var (exit, output, error) = AwsCli.Run(administrator, "iam", "get-role-policy", "--role-name", RoleName, "--policy-name", PolicyName, "--output", "json");
        if (exit != 0)
        {
            throw new InvalidOperationException($"Could not read the deploy role's policy: {error}");
        }

        var document = JsonNode.Parse(output)!["PolicyDocument"]!;
        return document is JsonValue text ? text.GetValue<string>() : document.ToJsonString();
    }

    /// <summary>The document without <paramref name="action"/> in any Allow statement (a statement left empty goes).</summary>
    private static string Without(string document, string action)
    {
        var policy = JsonNode.Parse(document)!.AsObject();
        var kept = new JsonArray();
        var removed = false;
        foreach (var statement in policy["Statement"]!.AsArray().Select(s => s!.DeepClone().AsObject()))
        {
            if (statement["Effect"]!.GetValue<string>() == "Allow")
            {
                var actions = statement["Action"] is JsonArray list ? list.Select(a => a!.GetValue<string>()).ToList() : [statement["Action"]!.GetValue<string>()];
                removed |= actions.Remove(action);
                if (actions.Count == 0)
                {
                    continue;
                }

                statement["Action"] = new JsonArray([.. actions.Select(a => (JsonNode)JsonValue.Create(a))]);
            }

            kept.Add(statement);
        }

        if (!removed)
        {
            throw new InvalidOperationException($"The deploy policy does not grant {action} by name, so removing it proves nothing; sample another action.");
        }

        policy["Statement"] = kept;
        return policy.ToJsonString();
    }

    private static void Put(IReadOnlyDictionary<string, string> administrator, string document)
    {
        var (exit, _, error) = AwsCli.Run(administrator, "iam", "put-role-policy", "--role-name", RoleName, "--policy-name", PolicyName, "--policy-document", document);
        if (exit != 0)
        {
            throw new InvalidOperationException($"Could not put the deploy role's policy: {error}");
        }
    }

    private static string FirstLine(string text) => text.Split('\n', StringSplitOptions.RemoveEmptyEntries).FirstOrDefault()?.Trim() ?? "(no message)";
}
