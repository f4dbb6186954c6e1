using System.Text.Json;
using DataPlatform.Processor.Configuration;

namespace DataPlatform.Processor.Telemetry;

/// <summary>
/// One JSON object per line on stdout: CloudWatch Logs Insights indexes the fields without a
/// parse pattern. Only counts, ids and error messages are logged, never message bodies, so
/// neither payload data nor anything secret in it reaches the logs.
/// </summary>
public sealed class JsonLog(TextWriter output, LogLevel minimum)
{
    private readonly Lock _gate = new();

    public static JsonLog Console(LogLevel minimum) => new(System.Console.Out, minimum);

    public LogLevel Minimum { get; } = minimum;

    public bool IsEnabled(LogLevel level) => level >= Minimum && level != LogLevel.None;

    public void Write(LogLevel level, string message, params ReadOnlySpan<LogField> fields)
    {
        if (!IsEnabled(level))
        {
            return;
        }

        using var buffer = new MemoryStream(256);
        using (var json = new Utf8JsonWriter(buffer))
        {
            json.WriteStartObject();
            json.WriteString("timestamp", DateTimeOffset.UtcNow);
            json.WriteString("level", level.ToString());
            json.WriteString("message", message);
            foreach (var field in fields)
            {
                WriteValue(json, field.Name, field.Value);
            }

            json.WriteEndObject();
        }

        var line = System.Text.Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length);
        lock (_gate)
        {
            output.WriteLine(line);
            output.Flush();
        }
    }

    public void Information(string message, params ReadOnlySpan<LogField> fields) => Write(LogLevel.Information, message, fields);

    public void Warning(string message, params ReadOnlySpan<LogField> fields) => Write(LogLevel.Warning, message, fields);

    public void Error(string message, params ReadOnlySpan<LogField> fields) => Write(LogLevel.Error, message, fields);

    private static void WriteValue(Utf8JsonWriter json, string name, object? value)
    {
        switch (value)
        {
            case null:
                json.WriteNull(name);
                break;
            case string text:
                json.WriteString(name, text);
                break;
            case bool flag:
                json.WriteBoolean(name, flag);
                break;
            case int number:
                json.WriteNumber(name, number);
                break;
            case long number:
                json.WriteNumber(name, number);
                break;
            case double number:
                json.WriteNumber(name, number);
                break;
            case Exception exception:
                // Type and message only: stack traces of SDK errors can run to hundreds of lines.
                json.WriteString(name, $"{exception.GetType().Name}: {exception.Message}");
                break;
            default:
                json.WriteString(name, value.ToString());
                break;
        }
    }
}
