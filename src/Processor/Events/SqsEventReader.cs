using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using System.Text.Unicode;

namespace DataPlatform.Processor.Events;

/// <summary>
/// Reads the Lambda SQS event with a forward-only reader: only the fields the lake needs are
/// kept (message id, body, receive count, sent time), everything else is skipped without
/// allocating. A deserialized object model would cost a UTF-16 string per body.
/// </summary>
internal static class SqsEventReader
{
    /// <param name="eventJson">The invocation payload.</param>
    /// <param name="parallel">Whether a large event may be read by two cores.</param>
    public static SqsBatch Read(ReadOnlyMemory<byte> eventJson, bool parallel = true)
    {
        if (FastSqsEventReader.TryRead(eventJson, parallel ? FastSqsEventReader.SplitMinBytes : int.MaxValue, out var fast))
        {
            return fast!;
        }

        return ReadWithJsonReader(eventJson.Span);
    }

    /// <summary>The general reader: the fallback for anything the fast path does not vouch for, with exact errors.</summary>
    internal static SqsBatch ReadWithJsonReader(ReadOnlySpan<byte> eventJson)
    {
        // Unescaped bodies are never longer than their escaped form, so one buffer the size of the
        // event holds them all.
        var arena = ArrayPool<byte>.Shared.Rent(Math.Max(eventJson.Length, 16));
        var messages = new List<SqsMessage>();
        try
        {
            var used = 0;
            var reader = new Utf8JsonReader(eventJson, new JsonReaderOptions { MaxDepth = 16 });
            if (!reader.Read() || reader.TokenType != JsonTokenType.StartObject)
            {
                throw new InvalidSqsEventException("The invocation payload is not a JSON object, so it is not an SQS event.");
            }

            var sawRecords = false;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                if (!reader.ValueTextEquals("Records"u8))
                {
                    reader.Read();
                    reader.Skip();
                    continue;
                }

                sawRecords = true;
                if (!reader.Read() || reader.TokenType != JsonTokenType.StartArray)
                {
                    throw new InvalidSqsEventException("The SQS event's Records is not an array.");
                }

                while (reader.Read() && reader.TokenType == JsonTokenType.StartObject)
                {
                    messages.Add(ReadRecord(ref reader, arena, ref used, messages.Count));
                }

                if (reader.TokenType != JsonTokenType.EndArray)
                {
                    throw new InvalidSqsEventException($"The SQS event's Records has a {reader.TokenType} where a record object belongs.");
                }
            }

            if (!sawRecords)
            {
                throw new InvalidSqsEventException("The invocation payload has no Records array, so it is not an SQS event.");
            }

            return new SqsBatch(messages, arena);
        }
        catch (JsonException exception)
        {
            ArrayPool<byte>.Shared.Return(arena);
            throw new InvalidSqsEventException(
                $"The invocation payload is not valid JSON (line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1}).", exception);
        }
        catch
        {
            ArrayPool<byte>.Shared.Return(arena);
            throw;
        }
    }

    private static SqsMessage ReadRecord(ref Utf8JsonReader reader, byte[] arena, ref int used, int index)
    {
        string? messageId = null;
        var body = ReadOnlyMemory<byte>.Empty;
        string? bodyError = null;
        var receiveCount = 1;
        DateTime? sentAt = null;

        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("messageId"u8))
            {
                reader.Read();
                messageId = reader.TokenType == JsonTokenType.String ? reader.GetString() : null;
            }
            else if (reader.ValueTextEquals("body"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.String)
                {
                    (body, bodyError) = CopyBody(ref reader, arena, ref used);
                }
                else if (reader.TokenType != JsonTokenType.Null)
                {
                    reader.Skip();
                    bodyError = "the SQS record's body is not a string";
                }
            }
            else if (reader.ValueTextEquals("attributes"u8))
            {
                reader.Read();
                if (reader.TokenType == JsonTokenType.StartObject)
                {
                    ReadAttributes(ref reader, ref receiveCount, ref sentAt);
                }
                else
                {
                    reader.Skip();
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }

        if (string.IsNullOrEmpty(messageId))
        {
            throw new InvalidSqsEventException(
                $"SQS record {index} has no messageId, so a failure could not be reported for it; the whole batch is retried.");
        }

        return new SqsMessage(messageId, body, receiveCount, sentAt, bodyError);
    }

    private static (ReadOnlyMemory<byte> Body, string? Error) CopyBody(ref Utf8JsonReader reader, byte[] arena, ref int used)
    {
        var start = used;
        var destination = arena.AsSpan(start);
        int written;
        if (!reader.ValueIsEscaped)
        {
            reader.ValueSpan.CopyTo(destination);
            written = reader.ValueSpan.Length;
        }
        else
        {
            try
            {
                written = reader.CopyString(destination);
            }
            catch (InvalidOperationException)
            {
                // An escape that decodes to an unpaired surrogate: keep the body exactly as it
                // arrived (still escaped) so that it can be inspected and replayed from quarantine.
                reader.ValueSpan.CopyTo(destination);
                used += reader.ValueSpan.Length;
                return (arena.AsMemory(start, reader.ValueSpan.Length), "the body is not valid Unicode text (unpaired surrogate escape)");
            }
        }

        used += written;
        var body = arena.AsMemory(start, written);
        return Utf8.IsValid(body.Span)
            ? (body, null)
            : (body, "the body is not valid UTF-8 text");
    }

    private static void ReadAttributes(ref Utf8JsonReader reader, ref int receiveCount, ref DateTime? sentAt)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            if (reader.ValueTextEquals("ApproximateReceiveCount"u8))
            {
                reader.Read();
                if (TryReadInteger(ref reader, out var count) && count is > 0 and <= int.MaxValue)
                {
                    receiveCount = (int)count;
                }
            }
            else if (reader.ValueTextEquals("SentTimestamp"u8))
            {
                reader.Read();
                if (TryReadInteger(ref reader, out var millis) && millis > 0)
                {
                    sentAt = DateTime.UnixEpoch.AddMilliseconds(millis);
                }
            }
            else
            {
                reader.Read();
                reader.Skip();
            }
        }
    }

    // SQS sends these attributes as strings ("1", "1545082649183"); accept numbers too.
    private static bool TryReadInteger(ref Utf8JsonReader reader, out long value)
    {
        value = 0;
        return reader.TokenType switch
        {
            JsonTokenType.Number => reader.TryGetInt64(out value),
            JsonTokenType.String when !reader.ValueIsEscaped =>
                Utf8Parser.TryParse(reader.ValueSpan, out value, out var consumed) && consumed == reader.ValueSpan.Length,
            _ => false,
        };
    }
}
