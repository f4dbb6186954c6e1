using System.Text.Json;
using DataPlatform.Deployment.Contracts;
using DataPlatform.Deployment.Terraform;

namespace DataPlatform.Build.Tests.Terraform;

/// <summary>Plan's and Deploy's contract check: the repository's contracts/ against the compute stack's output event_contracts.</summary>
public sealed class ContractGuardTests : IDisposable
{
    private const string Deployed = """{"type":"object","required":["order_id"],"properties":{"order_id":{"type":"string"},"amount":{"type":"number"}}}""";

    private readonly string _root = Directory.CreateTempSubdirectory("contract-guard-").FullName;

    [Fact]
    public void A_breaking_change_stops_with_a_table_naming_type_field_and_change_unless_allowed()
    {
        var proposed = Repository("""{"type":"object","required":["order_id"],"properties":{"order_id":{"type":"string"},"amount":{"type":"string"}}}""");

        var changes = ContractGuard.Changes(Outputs(("order.created", Deployed)), proposed);

        var error = Assert.Throws<DeploymentFailedException>(() => ContractGuard.Check(changes, "prod", allowBreaking: false));
        var table = error.Message.Split('\n').Select(l => l.TrimEnd('\r')).ToList();
        Assert.Contains(table, l => l.StartsWith("Event type     Field   Change", StringComparison.Ordinal));
        Assert.Contains(table, l => l.StartsWith("order.created  amount  order.created: payload.amount changed from number to string", StringComparison.Ordinal));
        Assert.Contains("--allow-breaking-contracts", error.Message, StringComparison.Ordinal);
        Assert.Contains("Nothing was applied", error.Message, StringComparison.Ordinal);
        ContractGuard.Check(changes, "prod", allowBreaking: true);
    }

    [Fact]
    public void An_optional_property_added_passes_and_nothing_deployed_means_nothing_to_compare()
    {
        var proposed = Repository("""{"type":"object","required":["order_id"],"properties":{"order_id":{"type":"string"},"amount":{"type":"number"},"coupon":{"type":"string"}}}""");

        Assert.Empty(ContractGuard.Changes(Outputs(("order.created", Deployed)), proposed));
        Assert.Empty(ContractGuard.Changes(new Dictionary<string, JsonElement>(), proposed));
        Assert.Equal(proposed.Set.All.Select(c => c.EventType), proposed.Texts.Keys);
    }

    [Fact]
    public void A_deleted_contract_file_is_breaking()
    {
        var proposed = Repository(null);

        var change = Assert.Single(ContractGuard.Changes(Outputs(("order.created", Deployed)), proposed));
        Assert.Equal(("order.created", "*"), (change.EventType, change.Field));
    }

    [Fact]
    public void A_malformed_repository_contract_stops_the_run_naming_the_file()
    {
        var error = Assert.Throws<DeploymentFailedException>(() => Repository("""{"type":"object","properties":{"amount":{"type":"decimal"}}}"""));

        Assert.StartsWith("contracts/order.created.json at $.properties.amount.type:", error.Message, StringComparison.Ordinal);
    }

    public void Dispose() => Directory.Delete(_root, recursive: true);

    private RepositoryContracts Repository(string? orderCreated)
    {
        var folder = Path.Combine(_root, "contracts");
        Directory.CreateDirectory(folder);
        if (orderCreated is not null)
        {
            File.WriteAllText(Path.Combine(folder, "order.created.json"), orderCreated);
        }

        File.WriteAllText(Path.Combine(folder, "page.view.json"), """{"type":"object","properties":{"url":{"type":"string"}}}""");
        return RepositoryContracts.Read(_root);
    }

    private static Dictionary<string, JsonElement> Outputs(params (string Type, string Text)[] contracts) => new()
    {
        [RepositoryContracts.StackValue] = JsonSerializer.SerializeToElement(contracts.ToDictionary(c => c.Type, c => c.Text)),
    };
}
