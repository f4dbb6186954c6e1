using YamlDotNet.RepresentationModel;

namespace DataPlatform.Infrastructure.Tests.Workflows;

/// <summary>A GitHub Actions workflow file: its triggers, top-level permissions and jobs.</summary>
public sealed record Workflow(
    string File,
    IReadOnlyDictionary<string, string>? Permissions,
    IReadOnlyList<string> Events,
    IReadOnlyList<string> PushBranches,
    IReadOnlyList<WorkflowJob> Jobs)
{
    public static IReadOnlyList<Workflow> ReadFolder(string folder) =>
        [.. Directory.EnumerateFiles(folder).Where(f => f.EndsWith(".yml", StringComparison.Ordinal) || f.EndsWith(".yaml", StringComparison.Ordinal))
            .Order(StringComparer.Ordinal).Select(Read)];

    public static Workflow Read(string path)
    {
        var stream = new YamlStream();
        using (var reader = new StreamReader(path))
        {
            stream.Load(reader);
        }

        var root = (YamlMappingNode)stream.Documents[0].RootNode;
        var file = Path.GetFileName(path);
        var (events, branches) = Triggers(Child(root, "on"));
        var jobs = Child(root, "jobs") is YamlMappingNode jobNodes
            ? jobNodes.Children.Select(j => Job(file, ((YamlScalarNode)j.Key).Value!, (YamlMappingNode)j.Value)).ToList()
            : [];
        return new Workflow(file, PermissionsOf(Child(root, "permissions")), events, branches, jobs);
    }

    private static WorkflowJob Job(string workflow, string id, YamlMappingNode job)
    {
        var environment = Child(job, "environment") switch
        {
            YamlScalarNode name => name.Value,
            YamlMappingNode form => (Child(form, "name") as YamlScalarNode)?.Value,
            _ => null,
        };
        var steps = Child(job, "steps") is YamlSequenceNode sequence ? sequence.Children.OfType<YamlMappingNode>().ToList() : [];
        var actions = steps.Select(s => (Child(s, "uses") as YamlScalarNode)?.Value)
            .Append((Child(job, "uses") as YamlScalarNode)?.Value)
            .OfType<string>().ToList();
        var role = steps
            .Where(s => (Child(s, "uses") as YamlScalarNode)?.Value?.StartsWith("aws-actions/configure-aws-credentials@", StringComparison.Ordinal) == true)
            .Select(s => (Child(Child(s, "with"), "role-to-assume") as YamlScalarNode)?.Value)
            .FirstOrDefault(r => r is not null);
        return new WorkflowJob(workflow, id, environment, (Child(job, "if") as YamlScalarNode)?.Value,
            PermissionsOf(Child(job, "permissions")), actions, role);
    }

    /// <summary>The events of <c>on:</c> (a name, a list or a mapping) and the branches its push is limited to.</summary>
    private static (IReadOnlyList<string> Events, IReadOnlyList<string> Branches) Triggers(YamlNode? on) => on switch
    {
        YamlScalarNode single => ([single.Value!], []),
        YamlSequenceNode list => ([.. list.Children.OfType<YamlScalarNode>().Select(e => e.Value!)], []),
        YamlMappingNode map => (
            [.. map.Children.Keys.OfType<YamlScalarNode>().Select(e => e.Value!)],
            Child(Child(map, "push"), "branches") is YamlSequenceNode branches ? [.. branches.Children.OfType<YamlScalarNode>().Select(b => b.Value!)] : []),
        _ => ([], []),
    };

    /// <summary><c>permissions:</c> as scope → access; the shorthand forms (read-all, {}) keep their meaning.</summary>
    private static IReadOnlyDictionary<string, string>? PermissionsOf(YamlNode? node) => node switch
    {
        YamlScalarNode all => new Dictionary<string, string> { ["*"] = all.Value! },
        YamlMappingNode map => map.Children.ToDictionary(p => ((YamlScalarNode)p.Key).Value!, p => ((YamlScalarNode)p.Value).Value!),
        _ => null,
    };

    private static YamlNode? Child(YamlNode? node, string key) =>
        node is YamlMappingNode map && map.Children.TryGetValue(new YamlScalarNode(key), out var value) ? value : null;
}
