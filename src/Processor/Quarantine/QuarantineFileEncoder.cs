using System.Text.Unicode;
using DataPlatform.Processor.Configuration;
using DataPlatform.Processor.Events;
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
        var ids = new ReadOnlyMemory<char>?[count];
        var bodies = new ReadOnlyMemory<char>?[count];
        var bodiesBase64 = new ReadOnlyMemory<char>?[count];
        var errors = new ReadOnlyMemory<char>?[count];
        var receiveCounts = new int[count];
        var sentAt = new DateTime?[count];
        var quarantinedAtColumn = new DateTime[count];
        for (var i = 0; i < count; i++)
        {
            var message = messages[quarantined[i].MessageIndex];
            var body = message.Body.Span;
            ids[i] = message.MessageId.AsMemory();
            bodies[i] = System.Text.Encoding.UTF8.GetString(body).AsMemory();
            // The cast matters: a bare null would convert through char[] to an empty, non-null memory.
            bodiesBase64[i] = Utf8.IsValid(body) ? (ReadOnlyMemory<char>?)null : Convert.ToBase64String(body).AsMemory();
            errors[i] = quarantined[i].Error.AsMemory();
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
                columns.Text(ids, nullable: false);
                columns.Text(bodies, nullable: false);
                columns.Text(bodiesBase64, nullable: true);
                columns.Text(errors, nullable: false);
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
