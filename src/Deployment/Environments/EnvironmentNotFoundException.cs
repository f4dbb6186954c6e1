namespace DataPlatform.Deployment.Environments;

/// <summary>No environment file of the asked name; the message lists the ones there are.</summary>
public sealed class EnvironmentNotFoundException(string name, IReadOnlyList<string> known)
    : Exception($"There is no environment named '{name}': terraform/environments/{name}.tfvars does not exist.")
{
    public string Name { get; } = name;

    public IReadOnlyList<string> Known { get; } = known;
}
