using System.Text.Unicode;
using DataPlatform.Processor.Configuration;
using DataPlatform.Processor.Events.Sqs;
using DataPlatform.Processor.Lake;
using ParquetSharp;
using ParquetSharp.Schema;

namespace DataPlatform.Processor.Quarantine;

/// <summary>Encodes a batch's refused messages as one Parquet file. Quarantine is rare, so plain arrays do.</summary>
internal sealed class QuarantineFileEncoder : IDisposable
{
    private readonly WriterProperties _properties;
    private readonly GroupNode _schema;

    public QuarantineFileEncoder(ProcessorSettings settings)
    {
        _properties = ParquetWriterSettings.Create(settings, [], []);
        _schema = QuarantineTable.NativeSchema();
    }

    public MemoryStream Encode(IReadOnlyList<QuarantinedMessage> quarantined, IReadOnlyList<SqsMessage> messages, DateTime quarantinedAt)
    {
        var count = quarantined.Count;
        var ids = new string[count];
        var bodies = new ReadOnlyMemory<byte>?[count];
        var bodiesBase64 = new ReadOnlyMemory<byte>?[count];
        var errors = new string[count];
        var receiveCounts = new int[count];
        var sentAt = new DateTime?[count];
        var quarantinedAtColumn = new DateTime[count];
        for (var i = 0; i < count; i++)
        {
            var message = messages[quarantined[i].MessageIndex];
            var body = message.Body.Span;
            ids[i] = message.MessageId;
            // Invalid UTF-8 is shown as U+FFFD in the text column; the exact bytes go to base64.
            var valid = Utf8.IsValid(body);
            bodies[i] = valid ? message.Body : System.Text.Encoding.UTF8.GetBytes(System.Text.Encoding.UTF8.GetString(body));
            // The cast matters: a bare null would convert through byte[] to an empty, non-null memory.
            bodiesBase64[i] = valid ? (ReadOnlyMemory<byte>?)null : System.Text.Encoding.ASCII.GetBytes(Convert.ToBase64String(body));
            errors[i] = quarantined[i].Error;
            receiveCounts[i] = message.ReceiveCount;
            sentAt[i] = message.SentAt;
            quarantinedAtColumn[i] = quarantinedAt;
        }

        var output = new MemoryStream();
        try
        {
            using (var file = new ParquetFileWriter(output, _schema, _properties, keyValueMetadata: null, leaveOpen: true))
            {
                using var group = file.AppendRowGroup();
                using var columns = new ColumnWriters(group, count);
                columns.Strings(ids);
                columns.Utf8(bodies, nullable: false);
                columns.Utf8(bodiesBase64, nullable: true);
                columns.Strings(errors);
                columns.Integers(receiveCounts);
                columns.NullableTimestamps(sentAt);
                columns.Timestamps(quarantinedAtColumn);
                file.Close();
            }

            output.Position = 0;
            return output;
        }
        catch
        {
            output.Dispose();
            throw;
        }
    }

    public void Dispose()
    {
        _properties.Dispose();
        _schema.Dispose();
    }
}
