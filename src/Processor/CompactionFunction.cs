using System.Globalization;
using System.Text;
using System.Text.Json;
using Amazon.S3;
using DataPlatform.Aws;
using DataPlatform.Compaction;
using DataPlatform.Processor.Configuration;
using DataPlatform.Processor.Telemetry;
using Compression = ParquetSharp.Compression;

namespace DataPlatform.Processor;

/// <summary>
/// The scheduled compaction's entry point, from the processor's image:
/// <c>Processor::DataPlatform.Processor.CompactionFunction::Handle</c>. The lake's location and Parquet settings come
/// from the processor's own variables (one way in for a setting); COMPACTION_* variables tune the run.
/// </summary>
public sealed class CompactionFunction
{
    public const string HandlerString = "Processor::DataPlatform.Processor.CompactionFunction::Handle";

    private readonly CompactionSettings _settings;
    private readonly TimeSpan? _timeout;
    private readonly IAmazonS3 _s3;
    private readonly JsonLog _log;

    public CompactionFunction()
        : this(LoadSettings())
    {
    }

    private CompactionFunction((ProcessorSettings Lake, CompactionSettings Compaction) settings)
        : this(settings.Lake, settings.Compaction)
    {
    }

    public CompactionFunction(ProcessorSettings lake, CompactionSettings settings)
    {
        ArgumentNullException.ThrowIfNull(lake);
        _settings = settings ?? throw new ArgumentNullException(nameof(settings));
        _timeout = lake.FunctionTimeout;
        _log = JsonLog.Console(lake.LogLevel);
        // Lives as long as the execution environment: the runtime never disposes the function.
        _s3 = new AwsClients(ProcessorHost.EndpointFor(lake)).CreateS3();
    }

    /// <summary>The schedule's event in (its content is not needed), the run's summary JSON out.</summary>
    public Stream Handle(Stream scheduledEvent)
    {
        var started = DateTime.UtcNow;
        // An hour is never started in the last half of the timeout: the largest hour the memory holds
        // takes well under that (bench/README.md), so a started hour finishes before Lambda stops it.
        DateTime? stop = _timeout is { } timeout ? started + timeout / 2 : null;
        var progress = new InlineProgress(hour => _log.Information(hour.ToString(),
            new LogField("hour", hour.Hour.ToString("yyyy-MM-ddTHH:mm:ssZ", CultureInfo.InvariantCulture)), new LogField("files", hour.Files),
            new LogField("rowsIn", hour.RowsIn), new LogField("duplicatesDropped", hour.DuplicatesInHour + hour.DuplicatesInLookback),
            new LogField("rowsOut", hour.RowsOut), new LogField("bytesOut", hour.BytesOut), new LogField("seconds", hour.Seconds)));
        var summary = new CompactionRun(_s3, _settings).RunAsync(started, stop, progress, CancellationToken.None).GetAwaiter().GetResult();
        _log.Information(summary.ToString(), new LogField("hours", summary.Hours.Count), new LogField("rowsOut", summary.RowsOut),
            new LogField("rawFilesDeleted", summary.RawFilesDeleted), new LogField("lateFiles", summary.Late?.Files ?? 0));
        return new MemoryStream(Encoding.UTF8.GetBytes(JsonSerializer.Serialize(new
        {
            hours = summary.Hours.Count,
            rows_in = summary.RowsIn,
            duplicates_dropped = summary.DuplicatesDropped,
            rows_out = summary.RowsOut,
            raw_files_deleted = summary.RawFilesDeleted,
            late_files_compacted = summary.Late?.Files ?? 0,
            late_hours_compacted = summary.Late?.Hours ?? 0,
            compacted_through = summary.CompactedThrough,
        })));
    }

    /// <summary>The function's settings from the processor's variables and the COMPACTION_* ones.</summary>
    public static CompactionSettings SettingsFrom(ProcessorSettings lake, Func<string, string?> lookup)
    {
        ArgumentNullException.ThrowIfNull(lake);
        return CompactionSettings.FromVariables(new CompactionSettings
        {
            Bucket = lake.Bucket,
            Prefix = lake.Prefix,
            KmsKeyArn = lake.KmsKeyArn,
            Compression = lake.Compression == ParquetCompression.Snappy ? Compression.Snappy : Compression.Zstd,
            ZstdLevel = lake.ZstdLevel,
            // The image's contracts, the ones the processor enforces: contracted types get typed columns.
            Contracts = lake.Contracts,
        }, lookup);
    }

    private static (ProcessorSettings, CompactionSettings) LoadSettings()
    {
        try
        {
            var lake = ProcessorSettings.FromEnvironment();
            return (lake, SettingsFrom(lake, Environment.GetEnvironmentVariable));
        }
        catch (ConfigurationException exception)
        {
            JsonLog.Console(LogLevel.Error).Error(exception.Message, new LogField("variable", exception.Variable));
            throw;
        }
        catch (CompactionConfigurationException exception)
        {
            JsonLog.Console(LogLevel.Error).Error(exception.Message, new LogField("variable", exception.Variable));
            throw;
        }
    }

    /// <summary>Logs on the run's own thread, in order (<see cref="Progress{T}"/> would post to the thread pool).</summary>
    private sealed class InlineProgress(Action<HourProgress> report) : IProgress<HourProgress>
    {
        public void Report(HourProgress value) => report(value);
    }
}
