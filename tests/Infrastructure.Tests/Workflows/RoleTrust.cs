using System.Text.Json;

namespace DataPlatform.Infrastructure.Tests.Workflows;

/// <summary>A CI role's trust policy, as the access stack's plan will create it.</summary>
/// <param name="Environment">The kit environment whose access stack makes the role.</param>
/// <param name="Name">The role's name (<c>&lt;prefix&gt;-github-deploy</c> or <c>-github-plan</c>).</param>
/// <param name="Statements">The trust policy's statements.</param>
public sealed record RoleTrust(string Environment, string Name, IReadOnlyList<TrustStatement> Statements)
{
    public const string SubjectKey = "token.actions.githubusercontent.com:sub";
    public const string AudienceKey = "token.actions.githubusercontent.com:aud";

    public bool IsDeployRole => Name.EndsWith("-github-deploy", StringComparison.Ordinal);

    public bool IsPlanRole => Name.EndsWith("-github-plan", StringComparison.Ordinal);

    /// <summary>Whether a GitHub token with this subject (and audience sts.amazonaws.com) may assume the role.</summary>
    public bool Trusts(string subject) => Statements.Any(s => s.Allows(subject));

    /// <summary>The <c>aws_iam_role</c> resources of a plan (<c>terraform show -json</c>) and their trust policies.</summary>
    public static IReadOnlyList<RoleTrust> FromPlan(string environment, string planJson)
    {
        using var plan = JsonDocument.Parse(planJson);
        return [.. plan.RootElement.GetProperty("resource_changes").EnumerateArray()
            .Where(c => c.GetProperty("type").GetString() == "aws_iam_role")
            .Select(c => c.GetProperty("change").GetProperty("after"))
            .Select(after => FromPolicy(environment, after.GetProperty("name").GetString()!,
                after.TryGetProperty("assume_role_policy", out var policy) && policy.ValueKind == JsonValueKind.String
                    ? policy.GetString()!
                    : throw new InvalidOperationException($"The plan does not know the trust policy of {after.GetProperty("name").GetString()} (known after apply), so it cannot be checked.")))];
    }

    public static RoleTrust FromPolicy(string environment, string name, string policyJson)
    {
        using var policy = JsonDocument.Parse(policyJson);
        var statements = policy.RootElement.GetProperty("Statement");
        var list = statements.ValueKind == JsonValueKind.Array ? statements.EnumerateArray().ToList() : [statements];
        return new RoleTrust(environment, name, [.. list.Select(TrustStatement.Parse)]);
    }
}
