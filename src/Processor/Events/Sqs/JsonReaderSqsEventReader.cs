using System.Buffers;
using System.Buffers.Text;
using System.Text.Json;
using System.Text.Unicode;
using DataPlatform.Processor.Events.Json;

namespace DataPlatform.Processor.Events.Sqs;

/// <summary>
/// The general SQS event reader, on Utf8JsonReader: the fallback for anything the fast reader does
/// not vouch for, and the one that says exactly why a payload is not an SQS event.
/// </summary>
internal static class JsonReaderSqsEventReader
{
    /// <summary>Utf8JsonReader's own limit: above <see cref="JsonSkipper.MaxDepth"/>, so this reader never refuses what the fast one takes.</summary>
    private const int MaxDepth = 64;

    public static SqsBatch Read(ReadOnlySpan<byte> eventJson)
    {
        // Unescaped bodies are never longer than their escaped form, so one buffer the size of the
        // event holds them all.
        var arena = ArrayPool<byte>.Shared.Rent(Math.Max(eventJson.Length, 16));
        var messages = new List<SqsMessage>();
        try
        {
            var used = 0;
            var reader = new Utf8JsonReader(eventJson, new JsonReaderOptions { MaxDepth = MaxDepth });
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
            // Utf8JsonReader reports a syntax error only by throwing: this turns it into the event's error.
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
        var fields = new SqsRecordFields();
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var field = SqsRecordFields.Classify(ref reader);
            reader.Read();
            switch (field)
            {
                case SqsRecordField.MessageId:
                    fields.SetMessageId(reader.TokenType == JsonTokenType.String ? reader.GetString() : null);
                    break;
                case SqsRecordField.Body when reader.TokenType == JsonTokenType.String:
                    CopyBody(ref reader, arena, ref used, ref fields);
                    break;
                case SqsRecordField.Body when reader.TokenType != JsonTokenType.Null:
                    fields.SetBody(ReadOnlyMemory<byte>.Empty, "the SQS record's body is not a string");
                    break;
                case SqsRecordField.Attributes when reader.TokenType == JsonTokenType.StartObject:
                    ReadAttributes(ref reader, ref fields);
                    break;
            }

            reader.Skip();
        }

        if (!fields.TryBuild(out var message))
        {
            throw new InvalidSqsEventException(
                $"SQS record {index} has no messageId, so a failure could not be reported for it; the whole batch is retried.");
        }

        return message;
    }

    private static void CopyBody(ref Utf8JsonReader reader, byte[] arena, ref int used, ref SqsRecordFields fields)
    {
        var start = used;
        var raw = reader.ValueSpan;
        if (reader.ValueIsEscaped && JsonUnescaper.HasUnicodeText(raw))
        {
            used += reader.CopyString(arena.AsSpan(start));
            fields.SetBody(arena.AsMemory(start, used - start));
            return;
        }

        // Unescaped, or with no text to unescape to: kept exactly as it arrived, so that it can be
        // inspected and replayed from quarantine.
        raw.CopyTo(arena.AsSpan(start));
        used += raw.Length;
        var body = arena.AsMemory(start, raw.Length);
        if (!reader.ValueIsEscaped)
        {
            fields.SetBody(body);
        }
        else if (!Utf8.IsValid(raw))
        {
            fields.SetBody(body, "the body is not valid UTF-8 text");
        }
        else
        {
            fields.SetBody(body, "the body is not valid Unicode text (unpaired surrogate escape)");
        }
    }

    private static void ReadAttributes(ref Utf8JsonReader reader, ref SqsRecordFields fields)
    {
        while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
        {
            var name = SqsRecordFields.AttributeName(ref reader);
            reader.Read();
            if (!name.IsEmpty)
            {
                // SQS sends these attributes as strings ("1", "1545082649183"); numbers are taken too.
                if (reader.TokenType == JsonTokenType.Number || (reader.TokenType == JsonTokenType.String && !reader.ValueIsEscaped))
                {
                    fields.SetAttribute(name, reader.ValueSpan);
                }
            }

            reader.Skip();
        }
    }
}
