using System.Diagnostics;
using DataPlatform.Processor.Configuration;
using DataPlatform.Processor.Events.Sqs;
using DataPlatform.Processor.Lake;

namespace DataPlatform.Processor.Bench;

/// <summary>Where a batch's time goes: reading the event, checking bodies, encoding Parquet (one thread each).</summary>
internal static class PhaseProfile
{
    public static string Run(byte[] sqsEvent, int rounds, ProcessorSettings settings)
    {
        NativeAllocator.KeepFreedMemory();
        using var encoder = new EventFileEncoder(settings);
        double read = 0, check = 0, encode = 0;
        long bytes = 0;
        for (var round = 0; round < rounds; round++)
        {
            var clock = Stopwatch.StartNew();
            using var batch = SqsEventReader.Read(sqsEvent);
            read += clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            using var sorted = BatchSorter.SortInChunks(batch.Messages, settings, DateTime.UtcNow, chunkCount: 1);
            check += clock.Elapsed.TotalMilliseconds;
            clock.Restart();
            bytes = 0;
            foreach (var events in sorted.Partitions.Values)
            {
                using var file = encoder.Encode(events, batch.Messages, DateTime.UtcNow);
                bytes += file.Length;
            }

            encode += clock.Elapsed.TotalMilliseconds;
        }

        return $"read_ms={read / rounds:0.0} check_ms={check / rounds:0.0} encode_ms={encode / rounds:0.0} output_KB={bytes / 1024}";
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
