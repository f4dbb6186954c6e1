using System.Text.Json;

namespace DataPlatform.Infrastructure.Tests.Policies;

/// <summary>One resource a plan creates or keeps, with its planned values and which of them are known only after apply.</summary>
public sealed record PlannedResource(string Plan, string Address, string? ModuleAddress, string Type, string Name, JsonElement After, JsonElement AfterUnknown)
{
    /// <summary>Whether the value at <paramref name="path"/> (attribute names, and indexes into blocks) is known only after apply.</summary>
    public bool UnknownAtPlan(params object[] path)
    {
        var node = AfterUnknown;
        foreach (var step in path)
        {
            var found = step switch
            {
                string name when node.ValueKind == JsonValueKind.Object && node.TryGetProperty(name, out var child) => child,
                int index when node.ValueKind == JsonValueKind.Array && index < node.GetArrayLength() => node[index],
                _ => (JsonElement?)null,
            };
            if (found is not { } next)
            {
                return false;
            }

            node = next;
        }

        return node.ValueKind == JsonValueKind.True;
    }

    /// <summary>A planned attribute, or null when absent, null, or known only after apply.</summary>
    public JsonElement? Attribute(string name) =>
        After.ValueKind == JsonValueKind.Object && After.TryGetProperty(name, out var value) && value.ValueKind != JsonValueKind.Null
            ? value
            : null;

    public string? String(string name) => Attribute(name) is { ValueKind: JsonValueKind.String } value ? value.GetString() : null;

    public bool? Bool(string name) => Attribute(name) is { } value && value.ValueKind is JsonValueKind.True or JsonValueKind.False
        ? value.GetBoolean()
        : null;

    public double? Number(string name) => Attribute(name) is { ValueKind: JsonValueKind.Number } value ? value.GetDouble() : null;

    /// <summary>The first element of a nested block (Terraform plans list blocks as arrays).</summary>
    public JsonElement? Block(string name) =>
        Attribute(name) is { ValueKind: JsonValueKind.Array } list && list.GetArrayLength() > 0 ? list[0] : null;

    public override string ToString() => $"{Plan}: {Address}";
}

/// <summary>
/// The JSON of one or more saved plans (<c>terraform show -json plan</c>), read the way policy scanners
/// read it: planned values, plus the configuration's references to link resources whose keys are only
/// known after apply (a public access block's <c>bucket = aws_s3_bucket.this.id</c>).
/// </summary>
public sealed class PlanDocument
{
    private readonly Dictionary<string, JsonElement> _configurations = [];
    private readonly List<PlannedResource> _resources = [];

    private PlanDocument()
    {
    }

    public IReadOnlyList<PlannedResource> Resources => _resources;

    /// <summary>Reads plans as name → JSON text (one per stack, or a single fixture).</summary>
    public static PlanDocument Parse(IEnumerable<KeyValuePair<string, string>> plans)
    {
        var document = new PlanDocument();
        foreach (var (name, json) in plans)
        {
            var root = JsonDocument.Parse(json).RootElement.Clone();
            document._configurations[name] = root.GetProperty("configuration");
            if (!root.TryGetProperty("resource_changes", out var changes))
            {
                continue;
            }

            foreach (var change in changes.EnumerateArray())
            {
                if (change.GetProperty("mode").GetString() != "managed")
                {
                    continue;
                }

                var actions = change.GetProperty("change").GetProperty("actions").EnumerateArray().Select(a => a.GetString()).ToList();
                if (actions is ["delete"])
                {
                    continue;
                }

                document._resources.Add(new PlannedResource(
                    name,
                    change.GetProperty("address").GetString()!,
                    change.TryGetProperty("module_address", out var module) ? module.GetString() : null,
                    change.GetProperty("type").GetString()!,
                    change.GetProperty("name").GetString()!,
                    change.GetProperty("change").GetProperty("after"),
                    change.GetProperty("change").TryGetProperty("after_unknown", out var unknown) ? unknown : default));
            }
        }

        return document;
    }

    public IEnumerable<PlannedResource> OfType(string type) => _resources.Where(r => r.Type == type);

    /// <summary>
    /// The resource that <paramref name="resource"/>'s <paramref name="attribute"/> refers to in the
    /// configuration (for example <c>bucket = aws_s3_bucket.this.id</c> → the bucket), in the same plan and module.
    /// </summary>
    public PlannedResource? Referenced(PlannedResource resource, string attribute)
    {
        var expressions = ConfigurationOf(resource)?.TryGetProperty("expressions", out var e) == true ? e : (JsonElement?)null;
        if (expressions is not { } exprs || !exprs.TryGetProperty(attribute, out var expression)
            || !expression.TryGetProperty("references", out var references))
        {
            return null;
        }

        foreach (var reference in references.EnumerateArray().Select(r => r.GetString()!))
        {
            var parts = reference.Split('.');
            if (parts.Length < 2 || !parts[0].StartsWith("aws_", StringComparison.Ordinal))
            {
                continue;
            }

            var target = $"{parts[0]}.{StripIndex(parts[1])}";
            var match = _resources.FirstOrDefault(r =>
                r.Plan == resource.Plan && r.ModuleAddress == resource.ModuleAddress && $"{r.Type}.{r.Name}" == target);
            if (match is not null)
            {
                return match;
            }
        }

        return null;
    }

    /// <summary>Resources of <paramref name="type"/> whose <paramref name="attribute"/> points at <paramref name="target"/>, by reference or by known value.</summary>
    public IEnumerable<PlannedResource> Attached(PlannedResource target, string type, string attribute, params string[] targetKeys) =>
        OfType(type).Where(r =>
            ReferenceEquals(Referenced(r, attribute), target)
            || (r.String(attribute) is { } value && targetKeys.Any(k => target.String(k) == value)));

    private JsonElement? ConfigurationOf(PlannedResource resource)
    {
        if (!_configurations.TryGetValue(resource.Plan, out var configuration))
        {
            return null;
        }

        var module = configuration.GetProperty("root_module");
        if (resource.ModuleAddress is { } moduleAddress)
        {
            var segments = moduleAddress.Split('.');
            for (var i = 0; i + 1 < segments.Length; i += 2)
            {
                if (!module.TryGetProperty("module_calls", out var calls)
                    || !calls.TryGetProperty(StripIndex(segments[i + 1]), out var call)
                    || !call.TryGetProperty("module", out module))
                {
                    return null;
                }
            }
        }

        if (!module.TryGetProperty("resources", out var resources))
        {
            return null;
        }

        var address = $"{resource.Type}.{resource.Name}";
        return resources.EnumerateArray()
            .Where(r => r.GetProperty("address").GetString() == address)
            .Select(r => (JsonElement?)r)
            .FirstOrDefault();
    }

    private static string StripIndex(string segment)
    {
        var bracket = segment.IndexOf('[', StringComparison.Ordinal);
        return bracket < 0 ? segment : segment[..bracket];
    }
}
