namespace DataPlatform.Deployment.Terraform;

/// <summary>The platform's stacks in the order they are applied.</summary>
public static class StackCatalog
{
    public static Stack Registry { get; } = new("registry", []);

    // The registry stack holds the environment's KMS key (it encrypts the repository too), so
    // every later stack takes kms_key_arn from it.
    public static Stack Storage { get; } = new("storage", ["registry"]);

    public static Stack Iam { get; } = new("iam", ["registry", "storage"]);

    public static Stack Compute { get; } = new("compute", ["registry", "storage", "iam"]);

    /// <summary>
    /// The deploy and plan roles CI assumes. Not in <see cref="All"/>: an administrator applies it
    /// once per account (<c>--target=Access</c>); Deploy never does, and the roles it makes may not.
    /// </summary>
    public static Stack Access { get; } = new("access", []);

    /// <summary>Apply order: every stack after the stacks it depends on.</summary>
    public static IReadOnlyList<Stack> All { get; } = [Registry, Storage, Iam, Compute];

    /// <summary>Destroy order: dependents first.</summary>
    public static IReadOnlyList<Stack> InDestroyOrder { get; } = [.. All.Reverse()];

    public static Stack Get(string name) =>
        All.FirstOrDefault(s => s.Name == name)
        ?? throw new ArgumentException(
            $"There is no stack named '{name}'. The stacks are: {string.Join(", ", All.Select(s => s.Name))}.",
            nameof(name));
}
