using System.Text;
using System.Text.Unicode;
using DataPlatform.Processor.Events;
using Parquet;

namespace DataPlatform.Processor.Quarantine;

/// <summary>Encodes a batch's refused messages as one Parquet file. Quarantine is rare, so plain arrays do.</summary>
internal sealed class QuarantineFileEncoder(ParquetOptions options)
{
    public async Task<MemoryStream> EncodeAsync(
        IReadOnlyList<QuarantinedMessage> quarantined,
        IReadOnlyList<SqsMessage> messages,
        DateTime quarantinedAt,
        CancellationToken cancellationToken)
    {
        var count = quarantined.Count;
        var ids = new string[count];
        var bodies = new string[count];
        var bodiesBase64 = new string?[count];
        var errors = new string[count];
        var receiveCounts = new int[count];
        var sentAt = new DateTime?[count];
        var quarantinedAtColumn = new DateTime[count];
        for (var i = 0; i < count; i++)
        {
            var message = messages[quarantined[i].MessageIndex];
            var body = message.Body.Span;
            ids[i] = message.MessageId;
            bodies[i] = Encoding.UTF8.GetString(body);
            bodiesBase64[i] = Utf8.IsValid(body) ? null : Convert.ToBase64String(body);
            errors[i] = quarantined[i].Error;
            receiveCounts[i] = message.ReceiveCount;
            sentAt[i] = message.SentAt;
            quarantinedAtColumn[i] = quarantinedAt;
        }

        var output = new MemoryStream();
        try
        {
            await using (var writer = await ParquetWriter.CreateAsync(QuarantineTable.Schema, output, options, cancellationToken: cancellationToken)
                             .ConfigureAwait(false))
            {
                using var group = writer.CreateRowGroup();
                await group.WriteAsync(QuarantineTable.SqsMessageId, ids).ConfigureAwait(false);
                await group.WriteAsync(QuarantineTable.Body, bodies).ConfigureAwait(false);
                await group.WriteAsync(QuarantineTable.BodyBase64, bodiesBase64).ConfigureAwait(false);
                await group.WriteAsync(QuarantineTable.Error, errors).ConfigureAwait(false);
                await group.WriteAsync<int>(QuarantineTable.SqsReceiveCount, receiveCounts.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
                await group.WriteAsync(QuarantineTable.SqsSentAt, (ReadOnlyMemory<DateTime?>)sentAt.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
                await group.WriteAsync<DateTime>(QuarantineTable.QuarantinedAt, quarantinedAtColumn.AsMemory(), cancellationToken: cancellationToken).ConfigureAwait(false);
                group.CompleteValidate();
            }

            output.Position = 0;
            return output;
        }
        catch
        {
            await output.DisposeAsync().ConfigureAwait(false);
            throw;
        }
    }
}
