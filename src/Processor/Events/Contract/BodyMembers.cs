using System.Runtime.InteropServices;
using System.Text.Json;
using DataPlatform.Contracts;
using DataPlatform.Processor.Events.Json;

namespace DataPlatform.Processor.Events.Contract;

/// <summary>
/// The top-level members of one body and where each known field is among them. Found by
/// <see cref="BodyScanner"/>, with Utf8JsonReader as the judge of every body the scanner is unsure
/// of. Not thread-safe, and refilled by each body: one per parser.
/// </summary>
internal sealed class BodyMembers
{
    private readonly List<BodyProperty> _properties = new(16);
    private readonly int[] _fieldIndex = new int[Enum.GetValues<EventField>().Length];
    private byte[] _scratch = new byte[512];

    /// <summary>The members in body order.</summary>
    public ReadOnlySpan<BodyProperty> All => CollectionsMarshal.AsSpan(_properties);

    /// <summary>Reads the members of <paramref name="body"/>, or says why it is not a JSON object with each known field at most once.</summary>
    public bool TryRead(ReadOnlySpan<byte> body, bool fastScan, out string error)
    {
        if (!(fastScan && BodyScanner.TryScan(body, _properties)) && !TryReadWithReader(body, out error))
        {
            return false;
        }

        return TryIndexFields(out error);
    }

    /// <summary>Whether the body has the field; <paramref name="property"/> is where.</summary>
    public bool TryGet(EventField field, out BodyProperty property)
    {
        var index = _fieldIndex[(int)field];
        property = index >= 0 ? _properties[index] : default;
        return index >= 0;
    }

    public bool Has(EventField field) => _fieldIndex[(int)field] >= 0;

    /// <summary>
    /// A string value's text: the raw bytes when unescaped, else unescaped into a scratch buffer that the
    /// next call reuses. False for another JSON type, or a string that escapes an unpaired surrogate.
    /// </summary>
    public bool TryGetString(ReadOnlySpan<byte> body, BodyProperty property, out ReadOnlySpan<byte> value)
    {
        value = default;
        if (property.ValueType != JsonTokenType.String)
        {
            return false;
        }

        var raw = body[(property.ValueStart + 1)..(property.End - 1)];
        if (raw.IndexOf((byte)'\\') < 0)
        {
            value = raw;
            return true;
        }

        if (!JsonUnescaper.HasUnicodeText(raw))
        {
            return false;
        }

        EnsureScratch(raw.Length);
        var reader = new Utf8JsonReader(body[property.ValueStart..property.End]);
        reader.Read();
        value = _scratch.AsSpan(0, reader.CopyString(_scratch));
        return true;
    }

    private static string DuplicateField(EventField field) => $"the body has the field '{EventFieldNames.Name(field)}' more than once";

    /// <summary>Where each known field is in <see cref="_properties"/>; a field named twice is refused.</summary>
    private bool TryIndexFields(out string error)
    {
        Array.Fill(_fieldIndex, -1);
        for (var i = 0; i < _properties.Count; i++)
        {
            var field = _properties[i].Field;
            if (field == EventField.Other)
            {
                continue;
            }

            if (_fieldIndex[(int)field] >= 0)
            {
                error = DuplicateField(field);
                return false;
            }

            _fieldIndex[(int)field] = i;
        }

        error = "";
        return true;
    }

    /// <summary>The general path, and the judge of every body the scanner is unsure of: exact errors with positions.</summary>
    private bool TryReadWithReader(ReadOnlySpan<byte> body, out string error)
    {
        _properties.Clear();
        try
        {
            var reader = new Utf8JsonReader(body, new JsonReaderOptions { MaxDepth = 64 });
            reader.Read();
            if (reader.TokenType != JsonTokenType.StartObject)
            {
                error = $"the body is JSON but not an object (it is {JsonTokenDescription.Describe(reader.TokenType)})";
                return false;
            }

            var seen = 0;
            while (reader.Read() && reader.TokenType == JsonTokenType.PropertyName)
            {
                var start = (int)reader.TokenStartIndex;
                var field = Classify(ref reader);
                reader.Read();
                var valueStart = (int)reader.TokenStartIndex;
                var valueType = reader.TokenType;
                reader.Skip();
                var end = (int)reader.BytesConsumed;
                if (field != EventField.Other)
                {
                    var bit = 1 << (int)field;
                    if ((seen & bit) != 0)
                    {
                        error = DuplicateField(field);
                        return false;
                    }

                    seen |= bit;
                }

                _properties.Add(new BodyProperty(field, start, valueStart, end, valueType));
            }

            // Reading past the object makes the reader reject trailing content (a second value).
            _ = reader.Read();
            error = "";
            return true;
        }
        catch (JsonException exception)
        {
            // Utf8JsonReader reports a syntax error only by throwing. Position only: its message
            // quotes the offending text, which is body content.
            error = $"the body is not valid JSON (line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1})";
            return false;
        }
    }

    /// <summary>A member name as the reader has it; escaped names are compared unescaped.</summary>
    private EventField Classify(ref Utf8JsonReader reader)
    {
        if (!reader.ValueIsEscaped)
        {
            return EventFieldNames.Classify(reader.ValueSpan);
        }

        if (!JsonUnescaper.HasUnicodeText(reader.ValueSpan))
        {
            // No Unicode text (an escaped unpaired surrogate), so not one of the names the parser knows.
            return EventField.Other;
        }

        EnsureScratch(reader.ValueSpan.Length);
        return EventFieldNames.Classify(_scratch.AsSpan(0, reader.CopyString(_scratch)));
    }

    private void EnsureScratch(int length)
    {
        if (_scratch.Length < length)
        {
            _scratch = new byte[Math.Max(length, _scratch.Length * 2)];
        }
    }
}
