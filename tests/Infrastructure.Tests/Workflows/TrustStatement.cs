using System.Text.Json;
using System.Text.RegularExpressions;

namespace DataPlatform.Infrastructure.Tests.Workflows;

/// <summary>One statement of a trust policy: effect, actions, federated principals and conditions (operator → key → values).</summary>
public sealed record TrustStatement(
    string Effect,
    IReadOnlyList<string> Actions,
    IReadOnlyList<string> FederatedPrincipals,
    IReadOnlyDictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>> Conditions)
{
    /// <summary>(operator, value) of every condition on the token's subject.</summary>
    public IEnumerable<(string Operator, string Value)> SubjectConditions =>
        Conditions.SelectMany(c => c.Value.Where(k => k.Key == RoleTrust.SubjectKey).SelectMany(k => k.Value.Select(v => (c.Key, v))));

    /// <summary>
    /// Whether a web-identity token with this subject and audience sts.amazonaws.com is let in.
    /// StringLike is matched as AWS matches it (* and ?), so a wildcard is seen for what it admits.
    /// </summary>
    public bool Allows(string subject) =>
        Effect == "Allow"
        && Actions.Contains("sts:AssumeRoleWithWebIdentity")
        && FederatedPrincipals.Any(p => p.EndsWith(":oidc-provider/token.actions.githubusercontent.com", StringComparison.Ordinal))
        && Satisfied(RoleTrust.AudienceKey, "sts.amazonaws.com")
        && Satisfied(RoleTrust.SubjectKey, subject);

    private bool Satisfied(string key, string value)
    {
        var tests = Conditions.Where(c => c.Value.ContainsKey(key)).ToList();
        // No condition on a claim admits every value of it: the most dangerous trust of all.
        return tests.Count == 0 || tests.All(c => c.Value[key].Any(expected => c.Key switch
        {
            "StringEquals" => expected == value,
            "StringLike" => Regex.IsMatch(value, "^" + Regex.Escape(expected).Replace("\\*", ".*").Replace("\\?", ".") + "$"),
            _ => false,
        }));
    }

    public static TrustStatement Parse(JsonElement statement)
    {
        var conditions = new Dictionary<string, IReadOnlyDictionary<string, IReadOnlyList<string>>>(StringComparer.Ordinal);
        if (statement.TryGetProperty("Condition", out var condition))
        {
            foreach (var test in condition.EnumerateObject())
            {
                conditions[test.Name] = test.Value.EnumerateObject().ToDictionary(k => k.Name, k => Strings(k.Value), StringComparer.Ordinal);
            }
        }

        var federated = statement.TryGetProperty("Principal", out var principal) && principal.ValueKind == JsonValueKind.Object
            && principal.TryGetProperty("Federated", out var f) ? Strings(f) : [];
        return new TrustStatement(statement.GetProperty("Effect").GetString()!, Strings(statement.GetProperty("Action")), federated, conditions);
    }

    private static IReadOnlyList<string> Strings(JsonElement value) =>
        value.ValueKind == JsonValueKind.Array ? [.. value.EnumerateArray().Select(v => v.GetString()!)] : [value.GetString()!];
}
