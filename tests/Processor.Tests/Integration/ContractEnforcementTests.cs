using System.Text.Json;
using DataPlatform.Emulator;
using DataPlatform.Processor.Configuration;
using DataPlatform.Processor.Tests.Contracts;
using DataPlatform.Processor.Tests.Support;

namespace DataPlatform.Processor.Tests.Integration;

/// <summary>
/// The Lambda entry point with the repository's contracts (CONTRACTS_DIR, read at cold start as the
/// function reads it): a payload that breaks its type's contract is quarantined with the field and
/// the rule; a valid one lands; a type without a contract is untouched.
/// </summary>
[Collection(MotoCollection.Name)]
public sealed class ContractEnforcementTests(MotoFixture moto)
{
    [Fact]
    public async Task A_payload_that_breaks_its_contract_is_quarantined_naming_the_field_and_valid_or_uncontracted_ones_land()
    {
        var bucket = await moto.CreateBucketAsync("lake-contracts");
        using var lambda = ProcessEnvironment.Set(EmulatorCredentials.Environment(moto.Endpoint));

        var settings = ProcessorSettings.FromVariables(new Dictionary<string, string>
        {
            [ProcessorSettings.BucketVariable] = bucket,
            [ProcessorSettings.EndpointVariable] = moto.Endpoint.ToString(),
            [ProcessorSettings.RegionVariable] = EmulatorCredentials.Region,
            [ProcessorSettings.ContractsVariable] = RepositoryFolder.Contracts,
        });
        var function = new Function(settings);
        var events = new SqsEventBuilder()
            .AddEvent("order.created", eventId: "valid", payload: """{"order_id":"o-1","amount":42.5,"currency":"EUR","note":{"free":"form"}}""")
            .AddEvent("order.created", eventId: "broken", payload: """{"order_id":"o-2","amount":"12","currency":"EUR"}""")
            .AddEvent("page.view", eventId: "free", payload: """{"amount":"anything goes"}""");

        using var response = function.Handle(new MemoryStream(events.ToUtf8()));
        using var json = await JsonDocument.ParseAsync(response);

        Assert.Equal(0, json.RootElement.GetProperty("batchItemFailures").GetArrayLength());
        var files = await moto.DownloadAllAsync(bucket);
        var landed = new List<string>();
        foreach (var (key, bytes) in files.Where(f => f.Key.StartsWith("events/", StringComparison.Ordinal)))
        {
            landed.AddRange((await ParquetRows.ReadAsync(bytes)).Select(row => $"{row["event_type"]}:{row["event_id"]}"));
        }

        Assert.Equal(["order.created:valid", "page.view:free"], landed.Order(StringComparer.Ordinal));
        var quarantine = Assert.Single(files, f => f.Key.StartsWith("quarantine/", StringComparison.Ordinal));
        var row = Assert.Single(await ParquetRows.ReadAsync(quarantine.Value));
        Assert.Equal("contract order.created: payload.amount must be a number (got a string)", row["error"]);
        Assert.Contains("\"broken\"", (string)row["body"]!, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_contract_fails_the_cold_start_with_one_sentence_naming_the_file()
    {
        var directory = Directory.CreateTempSubdirectory("contracts-").FullName;
        try
        {
            File.WriteAllText(Path.Combine(directory, "order.created.json"), """{"type":"object","properties":{"amount":{"type":"money"}}}""");

            var error = Assert.Throws<ConfigurationException>(() => ProcessorSettings.FromVariables(new Dictionary<string, string>
            {
                [ProcessorSettings.BucketVariable] = "lake",
                [ProcessorSettings.ContractsVariable] = directory,
            }));

            Assert.Equal(ProcessorSettings.ContractsVariable, error.Variable);
            Assert.Contains($"{directory}/order.created.json at $.properties.amount.type: the type is \"money\"", error.Message, StringComparison.Ordinal);
            Assert.DoesNotContain('\n', error.Message);
        }
        finally
        {
            Directory.Delete(directory, recursive: true);
        }
    }

    [Fact]
    public void A_named_contracts_folder_that_is_missing_fails_the_cold_start_and_an_unset_one_without_a_folder_means_none()
    {
        var error = Assert.Throws<ConfigurationException>(() => ProcessorSettings.FromVariables(new Dictionary<string, string>
        {
            [ProcessorSettings.BucketVariable] = "lake",
            [ProcessorSettings.ContractsVariable] = "/nonexistent/contracts",
        }));
        Assert.Contains("/nonexistent/contracts does not exist", error.Message, StringComparison.Ordinal);

        // The test binaries have no contracts/ folder beside them, as the image has.
        var settings = ProcessorSettings.FromVariables(new Dictionary<string, string> { [ProcessorSettings.BucketVariable] = "lake" });
        Assert.True(settings.Contracts.IsEmpty);
        Assert.Null(settings.ContractsDirectory);
    }
}
