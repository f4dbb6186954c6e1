using System.Globalization;
using DataPlatform.Compaction;
using DataPlatform.Contracts;
using DataPlatform.Operations.Query;
using DataPlatform.Operations.Tests.Support;
using DataPlatform.Processor.Configuration;

namespace DataPlatform.Operations.Tests.Query;

/// <summary>
/// The per-type view answers the same before compaction (values extracted from raw payloads), with one hour compacted
/// (typed columns read from the compacted part) and with both: the SQL extraction follows the compactor's rules, so a
/// value the contract refuses (accepted before the contract existed) is NULL in every state.
/// </summary>
[Collection(MotoLakeCollection.Name)]
public sealed class TypedViewCompactionTests(MotoLake moto)
{
    private static readonly DateTime HourA = new(2026, 11, 30, 10, 0, 0, DateTimeKind.Utc);

    private const string Columns = "event_id, order_id, amount, currency, item_count, customer_email, placed_at, gift";

    [Fact]
    public async Task The_typed_view_gives_the_same_rows_and_values_before_during_and_after_compaction()
    {
        var lake = await moto.CreateAsync("typed-view-compaction");
        var contracts = ContractLoader.LoadDirectory(Path.Combine(RepositoryRoot(), "contracts"));
        var mirror = new LakeMirror(moto.S3, lake.Bucket, "", lake.CacheDirectory);
        var settings = moto.Settings(lake.Bucket) with { PartitionTime = PartitionTime.Event };
        string[] bodies =
        [
            Body("t-1", HourA, """{"order_id":"o-1","amount":42.5,"currency":"EUR","item_count":3,"customer_email":"a@example.com","placed_at":"2026-11-30T09:59:00.5+01:00","gift":true}"""),
            // Accepted before the contract existed: every typed column refuses its value; the payload keeps them.
            Body("t-2", HourA, """{"order_id":7,"amount":"12","currency":"JPY","item_count":1.5,"customer_email":"nobody","placed_at":"2026-11-30T09:59:00","gift":"yes"}"""),
            Body("t-3", HourA.AddHours(1), """{"order_id":"o-3","amount":10,"currency":"USD","item_count":9223372036854775807}"""),
            Body("t-4", HourA.AddHours(1), """{"order_id":"o-4","amount":true,"item_count":18446744073709551615,"placed_at":"2026-13-01T00:00:00Z"}"""),
        ];
        foreach (var body in bodies)
        {
            await moto.Sqs.SendMessageAsync(lake.QueueUrl, body);
        }

        await moto.DrainAsync(settings, lake.QueueUrl);
        // t-1 again, in another batch: the view and the compaction keep one copy.
        await moto.Sqs.SendMessageAsync(lake.QueueUrl, bodies[0]);
        await moto.DrainAsync(settings, lake.QueueUrl);

        var before = await TypedRowsAsync(mirror, contracts);
        Assert.Equal(4, before.Count);
        Assert.Equal(["t-1", "o-1", 42.5, "EUR", 3L, "a@example.com", "2026-11-30T08:59:00.5000000Z", true], before[0]);
        Assert.Equal(["t-2", null, null, null, null, null, null, null], before[1]);
        Assert.Equal(["t-3", "o-3", 10.0, "USD", long.MaxValue, null, null, null], before[2]);
        Assert.Equal(["t-4", "o-4", null, null, null, null, null, null], before[3]);

        var compaction = new CompactionSettings { Bucket = lake.Bucket, Contracts = contracts };
        await new CompactionRun(moto.S3, compaction).RunAsync(HourA.AddHours(2), null, null, CancellationToken.None);
        Assert.Equal(HourA.AddHours(1), await WatermarkAsync(mirror));
        Assert.Equal(before, await TypedRowsAsync(mirror, contracts));

        await new CompactionRun(moto.S3, compaction).RunAsync(HourA.AddHours(3), null, null, CancellationToken.None);
        Assert.Equal(HourA.AddHours(2), await WatermarkAsync(mirror));
        Assert.Equal(before, await TypedRowsAsync(mirror, contracts));
        // The compacted parts hold the typed values themselves, not only their payloads.
        var stored = await new LakeQuery(mirror, contracts).RunAsync("SELECT event_id, amount FROM compacted_events ORDER BY event_id", new QueryOptions());
        Assert.Equal([["t-1", 42.5], ["t-2", null], ["t-3", 10.0], ["t-4", null]], stored.Rows);
    }

    private static async Task<List<object?[]>> TypedRowsAsync(LakeMirror mirror, ContractSet contracts)
    {
        var result = await new LakeQuery(mirror, contracts).RunAsync(
            $"SELECT {Columns.Replace("placed_at", "strftime(placed_at AT TIME ZONE 'UTC', '%Y-%m-%dT%H:%M:%S.%fZ')", StringComparison.Ordinal)} " +
            "FROM events_order_created ORDER BY event_id", new QueryOptions());
        return [.. result.Rows.Select(r => r.Select(v => v is string s && s.EndsWith('Z') && s.Contains('T', StringComparison.Ordinal) ? Normalize(s) : v).ToArray())];
    }

    private static object Normalize(string text) =>
        DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal | DateTimeStyles.AssumeUniversal).ToString("O", CultureInfo.InvariantCulture);

    private static async Task<DateTime?> WatermarkAsync(LakeMirror mirror)
    {
        var result = await new LakeQuery(mirror).RunAsync("SELECT max(compacted_through) FROM compaction_watermark", new QueryOptions());
        return result.Rows[0][0] is string text ? DateTime.Parse(text, CultureInfo.InvariantCulture, DateTimeStyles.AdjustToUniversal) : null;
    }

    private static string RepositoryRoot()
    {
        var directory = new DirectoryInfo(AppContext.BaseDirectory);
        while (directory is not null && !File.Exists(Path.Combine(directory.FullName, "DataPlatform.slnx")))
        {
            directory = directory.Parent;
        }

        return directory?.FullName ?? throw new InvalidOperationException("The tests run outside the repository: no DataPlatform.slnx above " + AppContext.BaseDirectory);
    }

    private static string Body(string id, DateTime at, string payload) => string.Create(CultureInfo.InvariantCulture,
        $$"""{"event_id":"{{id}}","event_type":"order.created","occurred_at":"{{at.AddMinutes(5):yyyy-MM-ddTHH:mm:ssZ}}","source":"tests","payload":{{payload}}}""");
}
