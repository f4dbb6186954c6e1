using System.Text;
using System.Text.Json;
using DataPlatform.Processor.Configuration;
using DataPlatform.Processor.Events.Sqs;
using DataPlatform.Processor.Lake;
using DataPlatform.Processor.Tests.Support;

namespace DataPlatform.Processor.Tests;

public sealed class BatchProcessorTests
{
    [Fact]
    public async Task Accepted_events_land_once_each_in_their_event_type_partition_with_every_column()
    {
        var lake = new TestLake();
        var events = new SqsEventBuilder()
            .AddEvent("order.created", eventId: "e-1")
            .AddEvent("order.created", eventId: "e-2")
            .AddEvent("user.signed_up", eventId: "e-3");

        var outcome = await lake.ProcessAsync(events);

        Assert.Empty(outcome.Response.BatchItemFailures);
        Assert.Equal(3, outcome.Metrics.EventsAccepted);
        Assert.Equal(
            [
                "events/event_type=order.created/dt=2024-05-01/hour=10/" + ObjectName.ForMessages(["msg-00000", "msg-00001"]),
                "events/event_type=user.signed_up/dt=2024-05-01/hour=10/" + ObjectName.ForMessages(["msg-00002"]),
            ],
            lake.Memory.Objects.Keys.Order(StringComparer.Ordinal));

        var orders = await ParquetRows.ReadAsync(lake.Memory.Objects[outcome.ObjectKeys[0]]);
        Assert.Equal(["e-1", "e-2"], orders.Select(r => (string)r["event_id"]!).Order());
        var first = orders.Single(r => (string)r["event_id"]! == "e-1");
        Assert.Equal("order.created", first["event_type"]);
        Assert.Equal("tests", first["source"]);
        Assert.Equal(new DateTime(2024, 5, 1, 10, 0, 0, DateTimeKind.Utc), ((DateTime)first["occurred_at"]!).ToUniversalTime());
        Assert.Equal(SqsEventBuilder.DefaultSentAt, ((DateTime)first["ingested_at"]!).ToUniversalTime());
        Assert.Equal("""{"amount":12.5,"items":[1,2]}""", first["payload"]);
        Assert.Null(first["attributes"]);
        Assert.Equal("msg-00000", first["sqs_message_id"]);
        Assert.Equal(SqsEventBuilder.DefaultSentAt, ((DateTime)first["sqs_sent_at"]!).ToUniversalTime());
        Assert.Equal(1, first["sqs_receive_count"]);
    }

    [Fact]
    public async Task Verify_canaries_land_beside_the_events_table_never_in_it()
    {
        var lake = new TestLake();
        var events = new SqsEventBuilder()
            .AddEvent(LakeKeys.CanaryEventType, eventId: "canary-1")
            .AddEvent("order.created", eventId: "e-1");

        var outcome = await lake.ProcessAsync(events);

        Assert.Empty(outcome.Response.BatchItemFailures);
        Assert.Equal(
            [
                "canaries/event_type=_canary/dt=2024-05-01/hour=10/" + ObjectName.ForMessages(["msg-00000"]),
                "events/event_type=order.created/dt=2024-05-01/hour=10/" + ObjectName.ForMessages(["msg-00001"]),
            ],
            lake.Memory.Objects.Keys.Order(StringComparer.Ordinal));
        var canary = Assert.Single(await ParquetRows.ReadAsync(lake.Memory.Objects[lake.Memory.Objects.Keys.Single(k => k.StartsWith("canaries/", StringComparison.Ordinal))]));
        Assert.Equal("canary-1", canary["event_id"]);
    }

    [Fact]
    public async Task Event_id_defaults_to_the_sqs_message_id_and_unknown_fields_are_kept_as_attributes()
    {
        var lake = new TestLake();
        var events = new SqsEventBuilder().Add(
            """{"event_type":"page.view","occurred_at":"2024-05-01T10:00:00+02:00","tenant":"acme","score":1.50,"tags":["a"]}""",
            messageId: "sqs-42");

        var outcome = await lake.ProcessAsync(events);

        var row = Assert.Single(await ParquetRows.ReadAsync(lake.Memory.Objects[Assert.Single(outcome.ObjectKeys)]));
        Assert.Equal("sqs-42", row["event_id"]);
        Assert.Null(row["payload"]);
        Assert.Null(row["source"]);
        Assert.Equal("""{"tenant":"acme","score":1.50,"tags":["a"]}""", row["attributes"]);
        Assert.Equal(new DateTime(2024, 5, 1, 8, 0, 0, DateTimeKind.Utc), ((DateTime)row["occurred_at"]!).ToUniversalTime());
    }

    [Fact]
    public async Task Bad_bodies_are_quarantined_with_a_reason_and_acknowledged_while_good_ones_are_written()
    {
        var lake = new TestLake();
        var events = new SqsEventBuilder()
            .AddEvent("order.created")
            .Add("this is not json")
            .Add("[1,2,3]")
            .Add("""{"occurred_at":"2024-05-01T10:00:00Z"}""")
            .Add("""{"event_type":42,"occurred_at":"2024-05-01T10:00:00Z"}""")
            .Add("""{"event_type":"has space","occurred_at":"2024-05-01T10:00:00Z"}""")
            .Add("""{"event_type":"a","occurred_at":"2024-05-01 10:00:00"}""")
            .Add("""{"event_type":"a","occurred_at":"2024-05-01T10:00:00Z","event_id":""}""");

        var outcome = await lake.ProcessAsync(events);

        Assert.Empty(outcome.Response.BatchItemFailures);
        Assert.Equal(1, outcome.Metrics.EventsAccepted);
        Assert.Equal(7, outcome.Metrics.EventsQuarantined);
        var quarantineKey = Assert.Single(outcome.ObjectKeys, k => k.StartsWith("quarantine/dt=2024-05-01/part-", StringComparison.Ordinal));
        var rows = await ParquetRows.ReadAsync(lake.Memory.Objects[quarantineKey]);
        var errors = rows.ToDictionary(r => (string)r["sqs_message_id"]!, r => (string)r["error"]!);
        Assert.Contains("not valid JSON", errors["msg-00001"]);
        Assert.Contains("not an object", errors["msg-00002"]);
        Assert.Contains("'event_type' is missing", errors["msg-00003"]);
        Assert.Contains("must be a string, not a number", errors["msg-00004"]);
        Assert.Contains("A-Z", errors["msg-00005"]);
        Assert.Contains("RFC 3339", errors["msg-00006"]);
        Assert.Contains("event_id", errors["msg-00007"]);
        Assert.Equal("this is not json", rows.Single(r => (string)r["sqs_message_id"]! == "msg-00001")["body"]);
        Assert.All(rows, r => Assert.Null(r["body_base64"]));
        Assert.All(rows, r => Assert.Equal(1, r["sqs_receive_count"]));
        Assert.DoesNotContain("this is not json", lake.Log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_body_over_the_size_limit_is_quarantined_whole()
    {
        var lake = new TestLake(new ProcessorSettings { Bucket = "lake", MaxBodyBytes = 100 });
        var big = $$"""{"event_type":"a","occurred_at":"2024-05-01T10:00:00Z","payload":"{{new string('x', 200)}}"}""";

        var outcome = await lake.ProcessAsync(new SqsEventBuilder().Add(big));

        Assert.Equal(1, outcome.Metrics.EventsQuarantined);
        var row = Assert.Single(await ParquetRows.ReadAsync(lake.Memory.Objects[Assert.Single(outcome.ObjectKeys)]));
        Assert.Equal(big, row["body"]);
        Assert.Contains("over the 100-byte limit (MAX_BODY_BYTES)", (string)row["error"]!);
    }

    [Fact]
    public async Task Invalid_utf8_in_a_body_is_quarantined_with_the_exact_bytes_in_base64()
    {
        var lake = new TestLake();
        var json = Encoding.UTF8.GetString(new SqsEventBuilder().Add("BAD-BODY").AddEvent("ok").ToUtf8());
        var bytes = Encoding.UTF8.GetBytes(json).ToList();
        var at = IndexOf(bytes, "BAD-BODY"u8.ToArray());
        bytes[at + 3] = 0xFF;

        var outcome = await lake.Processor.ProcessAsync(bytes.ToArray());

        Assert.Empty(outcome.Response.BatchItemFailures);
        Assert.Equal(1, outcome.Metrics.EventsAccepted);
        var quarantineKey = Assert.Single(outcome.ObjectKeys, k => k.StartsWith("quarantine/", StringComparison.Ordinal));
        var row = Assert.Single(await ParquetRows.ReadAsync(lake.Memory.Objects[quarantineKey]));
        Assert.Contains("not valid UTF-8", (string)row["error"]!);
        Assert.Equal(new byte[] { (byte)'B', (byte)'A', (byte)'D', 0xFF, (byte)'B', (byte)'O', (byte)'D', (byte)'Y' },
            Convert.FromBase64String((string)row["body_base64"]!));
    }

    [Fact]
    public async Task A_failed_partition_write_reports_exactly_its_messages_and_nothing_else()
    {
        var store = new FailingLakeStore(new InMemoryLakeStore(), key => key.Contains("event_type=user.signed_up", StringComparison.Ordinal));
        var lake = new TestLake(store: store);
        var events = new SqsEventBuilder()
            .AddEvent("order.created")
            .AddEvent("user.signed_up")
            .Add("not json")
            .AddEvent("user.signed_up");

        var outcome = await lake.ProcessAsync(events);

        Assert.Equal(["msg-00001", "msg-00003"], outcome.Response.BatchItemFailures.Select(f => f.ItemIdentifier));
        Assert.Equal(1, outcome.Metrics.EventsAccepted);
        Assert.Equal(1, outcome.Metrics.EventsQuarantined);
        Assert.Equal(2, outcome.Metrics.MessagesFailed);
        Assert.Contains("Writing a partition failed", lake.Log.ToString(), StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_failed_quarantine_write_reports_the_refused_messages_so_they_are_not_lost()
    {
        var store = new FailingLakeStore(new InMemoryLakeStore(), key => key.StartsWith("quarantine/", StringComparison.Ordinal));
        var lake = new TestLake(store: store);

        var outcome = await lake.ProcessAsync(new SqsEventBuilder().AddEvent("a").Add("{").Add("[]"));

        Assert.Equal(["msg-00001", "msg-00002"], outcome.Response.BatchItemFailures.Select(f => f.ItemIdentifier));
        Assert.Equal(1, outcome.Metrics.EventsAccepted);
    }

    [Fact]
    public async Task A_message_delivered_twice_in_one_batch_is_written_once()
    {
        var lake = new TestLake();

        var outcome = await lake.ProcessAsync(new SqsEventBuilder().AddEvent("a", messageId: "same").AddEvent("a", messageId: "same"));

        Assert.Empty(outcome.Response.BatchItemFailures);
        Assert.Single(await ParquetRows.ReadAsync(lake.Memory.Objects[Assert.Single(outcome.ObjectKeys)]));
    }

    [Fact]
    public async Task A_redelivered_batch_overwrites_the_same_keys()
    {
        var lake = new TestLake();
        var first = await lake.ProcessAsync(new SqsEventBuilder().AddEvent("a").AddEvent("b").Add("oops"));
        var again = await lake.ProcessAsync(new SqsEventBuilder().AddEvent("a").AddEvent("b").Add("oops"));

        Assert.Equal(first.ObjectKeys, again.ObjectKeys);
        Assert.Equal(3, lake.Memory.Objects.Count);
    }

    [Fact]
    public async Task Event_time_partitioning_files_events_under_the_hour_they_occurred()
    {
        var lake = new TestLake(new ProcessorSettings { Bucket = "lake", Prefix = "raw/", PartitionTime = PartitionTime.Event });
        var events = new SqsEventBuilder()
            .AddEvent("a", occurredAt: "2023-12-31T23:59:59.999+00:00")
            .AddEvent("a", occurredAt: "2024-01-01T00:30:00-01:00");

        var outcome = await lake.ProcessAsync(events);

        Assert.Equal(
            ["raw/events/event_type=a/dt=2023-12-31/hour=23/", "raw/events/event_type=a/dt=2024-01-01/hour=01/"],
            outcome.ObjectKeys.Select(k => k[..(k.LastIndexOf('/') + 1)]));
    }

    [Fact]
    public async Task Snappy_and_zstd_are_written_as_configured()
    {
        var zstd = new TestLake();
        var snappy = new TestLake(new ProcessorSettings { Bucket = "lake", Compression = ParquetCompression.Snappy });

        var zstdKey = Assert.Single((await zstd.ProcessAsync(new SqsEventBuilder().AddEvent("a"))).ObjectKeys);
        var snappyKey = Assert.Single((await snappy.ProcessAsync(new SqsEventBuilder().AddEvent("a"))).ObjectKeys);

        Assert.Equal("ZSTD", await ParquetRows.CompressionAsync(zstd.Memory.Objects[zstdKey]));
        Assert.Equal("SNAPPY", await ParquetRows.CompressionAsync(snappy.Memory.Objects[snappyKey]));
    }

    [Fact]
    public async Task The_stream_handler_answers_with_a_well_formed_partial_batch_response()
    {
        var store = new FailingLakeStore(new InMemoryLakeStore(), key => key.Contains("event_type=b/", StringComparison.Ordinal));
        var lake = new TestLake(store: store);
        var events = new SqsEventBuilder().AddEvent("a").AddEvent("b");

        await using var response = await lake.Processor.HandleAsync(new MemoryStream(events.ToUtf8()));
        using var json = await JsonDocument.ParseAsync(response);

        var root = json.RootElement;
        Assert.Equal(JsonValueKind.Object, root.ValueKind);
        var failures = root.GetProperty("batchItemFailures");
        var failure = Assert.Single(failures.EnumerateArray());
        Assert.Equal("msg-00001", failure.GetProperty("itemIdentifier").GetString());
        Assert.Single(root.EnumerateObject());
    }

    [Fact]
    public async Task A_fully_successful_batch_answers_with_an_empty_failure_list_not_an_empty_body()
    {
        var lake = new TestLake();

        await using var response = await lake.Processor.HandleAsync(new MemoryStream(new SqsEventBuilder().AddEvent("a").ToUtf8()));

        Assert.Equal("""{"batchItemFailures":[]}""", await new StreamReader(response).ReadToEndAsync());
    }

    [Fact]
    public async Task An_unexpected_failure_reports_every_message_of_the_batch_once()
    {
        var store = new FailingLakeStore(new InMemoryLakeStore(), _ => true);
        var lake = new TestLake(store: store);
        var events = new SqsEventBuilder().AddEvent("a", messageId: "dup").AddEvent("a", messageId: "dup").Add("x", messageId: "q");

        var outcome = await lake.ProcessAsync(events);

        Assert.Equal(["dup", "q"], outcome.Response.BatchItemFailures.Select(f => f.ItemIdentifier));
        Assert.Equal(0, outcome.Metrics.EventsAccepted);
    }

    [Fact]
    public async Task A_payload_that_is_not_an_sqs_event_fails_the_invocation_instead_of_answering()
    {
        var lake = new TestLake();

        await Assert.ThrowsAsync<InvalidSqsEventException>(() => lake.Processor.ProcessAsync("{\"Records\":"u8.ToArray()));
        await Assert.ThrowsAsync<InvalidSqsEventException>(() => lake.Processor.ProcessAsync("{\"detail\":{}}"u8.ToArray()));
        await Assert.ThrowsAsync<InvalidSqsEventException>(() => lake.Processor.ProcessAsync("""{"Records":[{"body":"{}"}]}"""u8.ToArray()));
        Assert.Empty(lake.Memory.Objects);
    }

    [Fact]
    public async Task An_empty_batch_writes_nothing_and_succeeds()
    {
        var lake = new TestLake();

        var outcome = await lake.Processor.ProcessAsync("""{"Records":[]}"""u8.ToArray());

        Assert.Empty(outcome.Response.BatchItemFailures);
        Assert.Empty(lake.Memory.Objects);
    }

    [Fact]
    public async Task Each_batch_publishes_one_embedded_metric_format_line()
    {
        var lake = new TestLake();

        await lake.ProcessAsync(new SqsEventBuilder().AddEvent("a").Add("bad"));

        using var line = JsonDocument.Parse(lake.MetricsOutput.ToString().Trim());
        var root = line.RootElement;
        var definition = root.GetProperty("_aws").GetProperty("CloudWatchMetrics")[0];
        Assert.Equal("DataPlatform/Processor", definition.GetProperty("Namespace").GetString());
        var names = definition.GetProperty("Metrics").EnumerateArray().Select(m => m.GetProperty("Name").GetString()).ToList();
        Assert.Equal(["EventsAccepted", "EventsQuarantined", "MessagesFailed", "BytesWritten", "ObjectsWritten", "BatchLatency"], names);
        Assert.Equal(1, root.GetProperty("EventsAccepted").GetDouble());
        Assert.Equal(1, root.GetProperty("EventsQuarantined").GetDouble());
        Assert.True(root.GetProperty("BytesWritten").GetDouble() > 0);
        Assert.Equal("test-function", root.GetProperty("FunctionName").GetString());
    }

    private static int IndexOf(List<byte> haystack, byte[] needle)
    {
        for (var i = 0; i <= haystack.Count - needle.Length; i++)
        {
            if (haystack.Skip(i).Take(needle.Length).SequenceEqual(needle))
            {
                return i;
            }
        }

        throw new InvalidOperationException("needle not found");
    }
}
