using System.Diagnostics;
using DataPlatform.Processor.Configuration;
using DataPlatform.Processor.Events;
using DataPlatform.Processor.Lake;

namespace DataPlatform.Processor.Bench;

/// <summary>Where a batch's time goes: reading the event, checking bodies, encoding Parquet.</summary>
internal static class PhaseProfile
{
    public static string Run(byte[] sqsEvent, int rounds, Parquet.CompressionMethod? method = null, int zstdLevel = 3)
    {
        var options = ParquetSettings.Create(new ProcessorSettings { Bucket = "b", ZstdLevel = zstdLevel }, EventTable.DictionaryColumns);
        if (method is { } m)
        {
            options.CompressionMethod = m;
        }

        var encoder = new EventFileEncoder(options);
        double read = 0, parse = 0, encode = 0;
        for (var round = 0; round < rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            using var batch = SqsEventReader.Read(sqsEvent);
            read += clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            var parser = new EventParser(262_144);
            using var text = new TextArena(sqsEvent.Length);
            var groups = new Dictionary<string, List<AcceptedEvent>>();
            for (var i = 0; i < batch.Messages.Count; i++)
            {
                if (parser.TryParse(batch.Messages[i], i, text, out var accepted, out _))
                {
                    if (!groups.TryGetValue(accepted.EventType, out var list))
                    {
                        groups[accepted.EventType] = list = [];
                    }

                    list.Add(accepted);
                }
            }

            parse += clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            foreach (var list in groups.Values)
            {
                using var file = encoder.EncodeAsync(list, batch.Messages, DateTime.UtcNow, CancellationToken.None).GetAwaiter().GetResult();
            }

            encode += clock.Elapsed.TotalMilliseconds;
        }

        return $"read_ms={read / rounds:0.0} parse_ms={parse / rounds:0.0} encode_ms={encode / rounds:0.0}";
    }

    public static string Scan(byte[] sqsEvent, int rounds)
    {
        var clock = Stopwatch.StartNew();
        long tokens = 0;
        for (var round = 0; round < rounds; round++)
        {
            var reader = new System.Text.Json.Utf8JsonReader(sqsEvent);
            while (reader.Read())
            {
                tokens++;
            }
        }

        return $"bare_scan_ms={clock.Elapsed.TotalMilliseconds / rounds:0.0} tokens={tokens / rounds}";
    }
}
