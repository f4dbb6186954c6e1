using System.Text;
using System.Text.Json;

namespace DataPlatform.Processor.Telemetry;

/// <summary>
/// CloudWatch Embedded Metric Format: a log line that CloudWatch turns into metrics, so the
/// function needs no PutMetricData call (and no extra IAM permission or latency) to publish them.
/// </summary>
public sealed class EmbeddedMetrics(TextWriter output, string functionName)
{
    public const string Namespace = "DataPlatform/Processor";

    private readonly Lock _gate = new();

    public static EmbeddedMetrics Console() =>
        new(System.Console.Out, Environment.GetEnvironmentVariable("AWS_LAMBDA_FUNCTION_NAME") is { Length: > 0 } name ? name : "local");

    public string FunctionName { get; } = functionName;

    public void Publish(BatchMetrics metrics, DateTimeOffset timestamp)
    {
        ArgumentNullException.ThrowIfNull(metrics);
        (string Name, string Unit, double Value)[] values =
        [
            ("EventsAccepted", "Count", metrics.EventsAccepted),
            ("EventsQuarantined", "Count", metrics.EventsQuarantined),
            ("MessagesFailed", "Count", metrics.MessagesFailed),
            ("BytesWritten", "Bytes", metrics.BytesWritten),
            ("ObjectsWritten", "Count", metrics.ObjectsWritten),
            ("BatchLatency", "Milliseconds", metrics.BatchLatencyMilliseconds),
        ];

        using var buffer = new MemoryStream(512);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteStartObject("_aws");
            json.WriteNumber("Timestamp", timestamp.ToUnixTimeMilliseconds());
            json.WriteStartArray("CloudWatchMetrics");
            json.WriteStartObject();
            json.WriteString("Namespace", Namespace);
            json.WriteStartArray("Dimensions");
            json.WriteStartArray();
            json.WriteStringValue("FunctionName");
            json.WriteEndArray();
            json.WriteEndArray();
            json.WriteStartArray("Metrics");
            foreach (var (name, unit, _) in values)
            {
                json.WriteStartObject();
                json.WriteString("Name", name);
                json.WriteString("Unit", unit);
                json.WriteEndObject();
            }

            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteEndArray();
            json.WriteEndObject();
            json.WriteString("FunctionName", FunctionName);
            json.WriteNumber("Messages", metrics.Messages);
            foreach (var (name, _, value) in values)
            {
                json.WriteNumber(name, value);
            }

            json.WriteEndObject();
        }

        var line = Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        lock (_gate)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }
}
