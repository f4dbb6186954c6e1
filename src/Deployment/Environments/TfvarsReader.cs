using System.Globalization;
using System.Text;
using System.Text.Json;

namespace DataPlatform.Deployment.Environments;

/// <summary>
/// Reads a <c>.tfvars</c> file of plain values: strings, numbers, bools, null, lists and maps,
/// with <c>#</c> and <c>//</c> comments. Anything Terraform would have to evaluate (references,
/// functions, <c>${…}</c>) is refused with the file and line, so the build never guesses a value.
/// </summary>
public sealed class TfvarsReader
{
    private readonly string _text;
    private readonly string _file;
    private int _position;

    private TfvarsReader(string text, string file)
    {
        _text = text;
        _file = file;
    }

    public static IReadOnlyDictionary<string, JsonElement> ReadFile(string path) => Read(File.ReadAllText(path), path);

    /// <param name="file">Names the source in error messages.</param>
    public static IReadOnlyDictionary<string, JsonElement> Read(string text, string file)
    {
        var reader = new TfvarsReader(text, file);
        var values = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        while (reader.SkipSpace(newlines: true))
        {
            var line = reader.Line;
            var name = reader.Name();
            if (values.ContainsKey(name))
            {
                throw reader.Error($"'{name}' is set twice (again on line {line})", line);
            }

            reader.Expect('=');
            values[name] = reader.Element();
            reader.SkipSpace(newlines: false);
            if (reader._position < reader._text.Length && reader._text[reader._position] != '\n')
            {
                throw reader.Error($"unexpected '{reader._text[reader._position]}' after the value of '{name}'");
            }
        }

        return values;
    }

    private int Line => _text.AsSpan(0, _position).Count('\n') + 1;

    private JsonElement Element()
    {
        using var buffer = new MemoryStream();
        using (var writer = new Utf8JsonWriter(buffer))
        {
            Value(writer);
        }

        return JsonDocument.Parse(buffer.ToArray()).RootElement.Clone();
    }

    private void Value(Utf8JsonWriter writer)
    {
        SkipSpace(newlines: false);
        var c = Peek();
        if (c == '"')
        {
            writer.WriteStringValue(QuotedString());
        }
        else if (c == '[')
        {
            List(writer);
        }
        else if (c == '{')
        {
            Map(writer);
        }
        else if (c == '-' || char.IsAsciiDigit(c))
        {
            var start = _position++;
            while (_position < _text.Length && (char.IsAsciiDigit(_text[_position]) || _text[_position] is '.' or 'e' or 'E' or '+' or '-'))
            {
                _position++;
            }

            var number = _text[start.._position];
            if (!decimal.TryParse(number, NumberStyles.Float, CultureInfo.InvariantCulture, out var parsed))
            {
                throw Error($"'{number}' is not a number");
            }

            writer.WriteNumberValue(parsed);
        }
        else
        {
            var word = Word();
            switch (word)
            {
                case "true":
                    writer.WriteBooleanValue(true);
                    break;
                case "false":
                    writer.WriteBooleanValue(false);
                    break;
                case "null":
                    writer.WriteNullValue();
                    break;
                default:
                    throw Error($"'{(word.Length > 0 ? word : c.ToString())}' is not a plain value (a quoted string, number, true/false, null, [list] or {{map}})");
            }
        }
    }

    private void List(Utf8JsonWriter writer)
    {
        _position++;
        writer.WriteStartArray();
        while (SkipSpace(newlines: true) && Peek() != ']')
        {
            Value(writer);
            SkipSpace(newlines: true);
            if (Peek() == ',')
            {
                _position++;
            }
        }

        Expect(']');
        writer.WriteEndArray();
    }

    private void Map(Utf8JsonWriter writer)
    {
        _position++;
        writer.WriteStartObject();
        while (SkipSpace(newlines: true) && Peek() != '}')
        {
            writer.WritePropertyName(Peek() == '"' ? QuotedString() : Name());
            SkipSpace(newlines: false);
            if (Peek() is not ('=' or ':'))
            {
                throw Error("a map key must be followed by = or :");
            }

            _position++;
            Value(writer);
            SkipSpace(newlines: true);
            if (Peek() == ',')
            {
                _position++;
            }
        }

        Expect('}');
        writer.WriteEndObject();
    }

    private string QuotedString()
    {
        var line = Line;
        _position++;
        var text = new StringBuilder();
        while (_position < _text.Length && _text[_position] is not ('"' or '\n'))
        {
            var c = _text[_position++];
            if (c == '\\' && _position < _text.Length)
            {
                var escaped = _text[_position++];
                text.Append(escaped switch { 'n' => '\n', 't' => '\t', 'r' => '\r', '"' => '"', '\\' => '\\', _ => throw Error($"the escape \\{escaped} is not supported") });
            }
            else if (c is '$' or '%' && _position < _text.Length && _text[_position] == '{')
            {
                throw Error("a string with a template (${…} or %{…}) needs Terraform to evaluate it; write the value out");
            }
            else
            {
                text.Append(c);
            }
        }

        if (_position >= _text.Length || _text[_position] != '"')
        {
            throw Error("a string is not closed on the line it starts", line);
        }

        _position++;
        return text.ToString();
    }

    private string Name()
    {
        var name = Word();
        if (name.Length == 0 || !char.IsAsciiLetter(name[0]) && name[0] != '_')
        {
            throw Error($"expected a variable name, found '{(_position < _text.Length ? _text[_position] : "end of file")}'");
        }

        return name;
    }

    private string Word()
    {
        var start = _position;
        while (_position < _text.Length && (char.IsAsciiLetterOrDigit(_text[_position]) || _text[_position] is '_' or '-'))
        {
            _position++;
        }

        return _text[start.._position];
    }

    private void Expect(char expected)
    {
        SkipSpace(newlines: false);
        if (Peek() != expected)
        {
            throw Error($"expected '{expected}'");
        }

        _position++;
    }

    private char Peek() => _position < _text.Length ? _text[_position] : '\0';

    /// <summary>Skips blanks and comments (and newlines when asked); false at the end of the text.</summary>
    private bool SkipSpace(bool newlines)
    {
        while (_position < _text.Length)
        {
            var c = _text[_position];
            if (c is ' ' or '\t' or '\r' || (newlines && c == '\n'))
            {
                _position++;
            }
            else if (c == '#' || (c == '/' && _position + 1 < _text.Length && _text[_position + 1] == '/'))
            {
                while (_position < _text.Length && _text[_position] != '\n')
                {
                    _position++;
                }
            }
            else
            {
                return true;
            }
        }

        return false;
    }

    private TfvarsFormatException Error(string problem, int? line = null) =>
        new($"{_file} line {line ?? Line}: {problem}. The kit reads environment files as plain values " +
            "(quoted strings, numbers, true/false, null, [lists] and {maps}); fix that line.");
}
