namespace DataPlatform.Deployment.Terraform;

/// <summary>The platform's stacks in the order they are applied.</summary>
public static class StackCatalog
{
    public static Stack Registry { get; } = new("registry", [], HoldsData: true);

    public static Stack Storage { get; } = new("storage", [], HoldsData: true);

    public static Stack Iam { get; } = new("iam", ["storage"], HoldsData: false);

    public static Stack Compute { get; } = new("compute", ["registry", "storage", "iam"], HoldsData: false);

    /// <summary>Apply order: every stack after the stacks it depends on.</summary>
    public static IReadOnlyList<Stack> All { get; } = [Registry, Storage, Iam, Compute];

    /// <summary>Destroy order: dependents first.</summary>
    public static IReadOnlyList<Stack> InDestroyOrder { get; } = [.. All.Reverse()];

    public static Stack Get(string name) =>
        All.FirstOrDefault(s => s.Name == name)
        ?? throw new ArgumentException(
            $"There is no stack named '{name}'. The stacks are: {string.Join(", ", All.Select(s => s.Name))}.",
            nameof(name));

    /// <summary>
    /// Stacks grouped into waves: each wave depends only on earlier waves, so the stacks of one
    /// wave can be planned side by side.
    /// </summary>
    public static IReadOnlyList<IReadOnlyList<Stack>> Waves(IEnumerable<Stack>? stacks = null)
    {
        var remaining = (stacks ?? All).ToList();
        var names = remaining.Select(s => s.Name).ToHashSet();
        var done = new HashSet<string>();
        var waves = new List<IReadOnlyList<Stack>>();
        while (remaining.Count > 0)
        {
            var wave = remaining.Where(s => s.DependsOn.All(d => done.Contains(d) || !names.Contains(d))).ToList();
            if (wave.Count == 0)
            {
                throw new InvalidOperationException("The stack dependencies form a cycle.");
            }

            waves.Add(wave);
            remaining.RemoveAll(wave.Contains);
            done.UnionWith(wave.Select(s => s.Name));
        }

        return waves;
    }
}
