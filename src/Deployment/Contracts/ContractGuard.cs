using System.Text.Json;
using DataPlatform.Contracts;
using DataPlatform.Deployment.Terraform;

namespace DataPlatform.Deployment.Contracts;

/// <summary>
/// Stops a Plan or a deploy whose contracts break what is deployed: the repository's contracts
/// against those the compute stack was last applied with (its output <c>event_contracts</c>).
/// Nothing deployed yet, or a deploy from before contracts were recorded, means nothing to compare.
/// </summary>
public static class ContractGuard
{
    public const string AllowFlag = "--allow-breaking-contracts";

    /// <summary>The breaking changes from the contracts in <paramref name="computeOutputs"/> to <paramref name="proposed"/>.</summary>
    public static IReadOnlyList<BreakingChange> Changes(IReadOnlyDictionary<string, JsonElement> computeOutputs, RepositoryContracts proposed)
    {
        ArgumentNullException.ThrowIfNull(computeOutputs);
        ArgumentNullException.ThrowIfNull(proposed);
        return ContractCompatibility.Compare(Deployed(computeOutputs), proposed.Set);
    }

    /// <summary>Throws, with the table, when there is a breaking change and it is not allowed.</summary>
    public static void Check(IReadOnlyList<BreakingChange> changes, string environment, bool allowBreaking)
    {
        ArgumentNullException.ThrowIfNull(changes);
        if (changes.Count == 0 || allowBreaking)
        {
            return;
        }

        throw new DeploymentFailedException(
            $"The contracts in contracts/ break {changes.Count} thing(s) that '{environment}' runs with now:{Environment.NewLine}{BreakingChangeTable.Render(changes)}" +
            "Producers or readers of those types would break (valid events quarantined, or typed columns gone or retyped). Nothing was applied. " +
            $"Make the change compatible (docs/contracts.md says how to evolve a contract), or, when every producer and reader is ready, re-run with {AllowFlag}.");
    }

    /// <summary>The deployed contracts, read with today's loader.</summary>
    public static ContractSet Deployed(IReadOnlyDictionary<string, JsonElement> computeOutputs)
    {
        ArgumentNullException.ThrowIfNull(computeOutputs);
        if (!computeOutputs.TryGetValue(RepositoryContracts.StackValue, out var recorded) || recorded.ValueKind != JsonValueKind.Object)
        {
            return ContractSet.Empty;
        }

        var contracts = new List<EventContract>();
        foreach (var entry in recorded.EnumerateObject())
        {
            var file = $"the deployed contract {entry.Name}.json";
            try
            {
                contracts.Add(ContractLoader.Parse(file, entry.Value.GetString() ?? ""));
            }
            catch (ContractFormatException exception)
            {
                throw new DeploymentFailedException(
                    $"The compute stack's record of the deployed contract of {entry.Name} cannot be read by this kit ({exception.Message}), so the contracts cannot be compared. " +
                    $"Compare contracts/{entry.Name}.json with the deployed one by hand (terraform output event_contracts of the compute stack), then re-run with {AllowFlag}.",
                    exception);
            }
        }

        return new ContractSet(contracts);
    }
}
