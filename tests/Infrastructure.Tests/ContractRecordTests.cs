using DataPlatform.Deployment.Contracts;
using DataPlatform.Infrastructure.Tests.Platform;
using DataPlatform.Infrastructure.Tests.Terraform;

namespace DataPlatform.Infrastructure.Tests;

/// <summary>
/// Where Plan finds the deployed contracts: the compute stack, applied with the repository's
/// contracts/, outputs them again from its state, and a breaking edit is found against that record.
/// </summary>
[Collection(PlatformCollection.Name)]
public sealed class ContractRecordTests(PlatformFixture platform)
{
    [Fact]
    public void The_compute_stack_records_the_contracts_it_was_applied_with_and_a_breaking_edit_is_found_against_them()
    {
        var compute = platform.LocalRun("compute").Outputs;
        Assert.True(compute.ContainsKey(RepositoryContracts.StackValue), $"The compute stack has no {RepositoryContracts.StackValue} output. {platform.StartupFailure}");
        var repository = RepositoryContracts.Read(RepositoryLayout.Root);

        var recorded = compute[RepositoryContracts.StackValue].EnumerateObject().ToDictionary(p => p.Name, p => p.Value.GetString()!);
        Assert.Equal(repository.Texts.OrderBy(kv => kv.Key, StringComparer.Ordinal), recorded.OrderBy(kv => kv.Key, StringComparer.Ordinal));
        Assert.Contains("order.created", recorded.Keys);
        Assert.Empty(ContractGuard.Changes(compute, repository));

        var edited = Directory.CreateTempSubdirectory("contracts-edit-").FullName;
        try
        {
            Directory.CreateDirectory(Path.Combine(edited, "contracts"));
            foreach (var (type, text) in repository.Texts)
            {
                File.WriteAllText(Path.Combine(edited, "contracts", type + ".json"),
                    type == "order.created" ? text.Replace("\"amount\": { \"type\": \"number\"", "\"amount\": { \"type\": \"string\"", StringComparison.Ordinal) : text);
            }

            var change = Assert.Single(ContractGuard.Changes(compute, RepositoryContracts.Read(edited)));
            Assert.Equal(("order.created", "amount"), (change.EventType, change.Field));
            Assert.StartsWith("order.created: payload.amount changed from number to string", change.Change, StringComparison.Ordinal);
        }
        finally
        {
            Directory.Delete(edited, recursive: true);
        }
    }
}
