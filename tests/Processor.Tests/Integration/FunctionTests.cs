using System.Text.Json;
using DataPlatform.Emulator;
using DataPlatform.Processor.Tests.Support;

namespace DataPlatform.Processor.Tests.Integration;

[Collection(MotoCollection.Name)]
public sealed class FunctionTests(MotoFixture moto)
{
    [Fact]
    public async Task The_lambda_entry_point_writes_to_s3_and_answers_with_a_batch_response()
    {
        var bucket = await moto.CreateBucketAsync("lake-function");
        // The function takes credentials from its environment, as in Lambda; the emulator's dummy
        // keys are the only ones this test process ever holds.
        using var lambda = ProcessEnvironment.Set(EmulatorCredentials.Environment(moto.Endpoint));

        var function = new Function(moto.Settings(bucket, prefix: "raw/"));
        var events = new SqsEventBuilder().AddEvent("order.created").Add("broken");

        using var response = function.Handle(new MemoryStream(events.ToUtf8()));
        using var json = await JsonDocument.ParseAsync(response);

        Assert.Equal(0, json.RootElement.GetProperty("batchItemFailures").GetArrayLength());
        var keys = (await moto.DownloadAllAsync(bucket)).Keys.Order(StringComparer.Ordinal).ToList();
        Assert.Equal(2, keys.Count);
        Assert.StartsWith("raw/events/event_type=order.created/dt=2024-05-01/hour=10/part-", keys[0], StringComparison.Ordinal);
        Assert.StartsWith("raw/quarantine/dt=2024-05-01/part-", keys[1], StringComparison.Ordinal);
    }
}
