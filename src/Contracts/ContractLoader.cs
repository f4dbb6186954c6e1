using System.Globalization;
using System.Text.Json;

namespace DataPlatform.Contracts;

/// <summary>
/// Reads contract files: a JSON Schema subset that describes a payload object with top-level
/// scalar properties. Everything outside the subset is refused with the file, the JSON path and
/// what is supported, so a contract never means more (or less) to a person than to the kit.
/// </summary>
public static class ContractLoader
{
    /// <summary>The longest property name: Glue's and Athena's column names stop at 255 characters; kept well below.</summary>
    public const int MaxNameLength = 128;

    /// <summary>How many properties one contract may type (each becomes a column).</summary>
    public const int MaxProperties = 256;

    private const string Supported = "docs/contracts.md lists what a contract may say";

    private static readonly string[] TopLevelKeys = ["$schema", "$id", "title", "description", "type", "required", "properties", "additionalProperties"];

    private static readonly string[] PropertyKeys = ["type", "format", "enum", "description"];

    /// <summary>Every <c>*.json</c> of <paramref name="directory"/>; a missing directory is refused (say so, do not guess).</summary>
    public static ContractSet LoadDirectory(string directory, string? displayDirectory = null)
    {
        if (!Directory.Exists(directory))
        {
            throw new ContractFormatException(
                $"The contracts folder {directory} does not exist, so no event type's contract can be checked. " +
                "Point CONTRACTS_DIR at the folder that holds <event_type>.json files (the repository's contracts/), or create it.");
        }

        var shown = displayDirectory ?? directory;
        var contracts = Directory.EnumerateFiles(directory, "*.json", SearchOption.TopDirectoryOnly)
            .Order(StringComparer.Ordinal)
            .Select(file => Parse($"{shown.TrimEnd('/', '\\')}/{Path.GetFileName(file)}", File.ReadAllText(file)));
        return new ContractSet(contracts);
    }

    /// <summary>
    /// One contract from its text; <paramref name="file"/> names it in errors and gives the event
    /// type (its name without <c>.json</c>).
    /// </summary>
    public static EventContract Parse(string file, string text)
    {
        ArgumentNullException.ThrowIfNull(file);
        ArgumentNullException.ThrowIfNull(text);
        var eventType = Path.GetFileName(file);
        eventType = eventType.EndsWith(".json", StringComparison.Ordinal) ? eventType[..^".json".Length] : eventType;
        if (!EventTypeName.IsValid(eventType))
        {
            throw Refused(file, "$",
                $"the file name gives the event type '{eventType}', which is not an event type (1-{EventTypeName.MaxLength} characters of A-Z, a-z, 0-9, '_', '.', '-'). " +
                "Name the file <event_type>.json after the event_type its events carry");
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(text);
        }
        catch (JsonException exception)
        {
            throw new ContractFormatException(
                $"{file} is not valid JSON (line {exception.LineNumber + 1}, byte {exception.BytePositionInLine + 1}), so the contract of {eventType} cannot be read. Fix the JSON.",
                exception);
        }

        using (document)
        {
            return Read(file, eventType, document.RootElement);
        }
    }

    private static EventContract Read(string file, string eventType, JsonElement root)
    {
        if (root.ValueKind != JsonValueKind.Object)
        {
            throw Refused(file, "$", $"the contract is {Kind(root)}, but a contract is a JSON object (a JSON Schema of the payload)");
        }

        var members = Members(file, "$", root, TopLevelKeys);
        if (!members.TryGetValue("type", out var type) || type.ValueKind != JsonValueKind.String || type.GetString() != "object")
        {
            throw Refused(file, "$.type", "a contract describes the payload, which is an object, so it must say \"type\": \"object\"");
        }

        foreach (var name in (string[])["$schema", "$id", "title", "description"])
        {
            if (members.TryGetValue(name, out var text) && text.ValueKind != JsonValueKind.String)
            {
                throw Refused(file, "$." + name, $"{name} is {Kind(text)}, but it must be a string");
            }
        }

        if (members.TryGetValue("additionalProperties", out var additional) && additional.ValueKind != JsonValueKind.True)
        {
            throw Refused(file, "$.additionalProperties",
                "only true is supported: members a contract does not name are kept in the payload column, never refused. Remove it or set it to true");
        }

        if (!members.TryGetValue("properties", out var properties) || properties.ValueKind != JsonValueKind.Object)
        {
            throw Refused(file, "$.properties", "a contract must have \"properties\": an object with one entry per top-level payload property");
        }

        var required = Required(file, members);
        var read = new List<ContractProperty>();
        var names = new HashSet<string>(StringComparer.Ordinal);
        foreach (var property in properties.EnumerateObject())
        {
            var path = $"$.properties.{property.Name}";
            if (!names.Add(property.Name))
            {
                throw Refused(file, path, "the property is named twice; name each property once");
            }

            CheckName(file, path, property.Name);
            read.Add(ReadProperty(file, path, property.Name, property.Value, required.Contains(property.Name)));
        }

        if (read.Count > MaxProperties)
        {
            throw Refused(file, "$.properties", $"it names {read.Count} properties, over the {MaxProperties} a contract may type (each is a column)");
        }

        foreach (var name in required.Where(n => !names.Contains(n)))
        {
            throw Refused(file, "$.required", $"'{name}' is required but not among the properties; describe it under properties or remove it from required");
        }

        return new EventContract(eventType, file, read);
    }

    private static HashSet<string> Required(string file, Dictionary<string, JsonElement> members)
    {
        var required = new HashSet<string>(StringComparer.Ordinal);
        if (!members.TryGetValue("required", out var list))
        {
            return required;
        }

        if (list.ValueKind != JsonValueKind.Array)
        {
            throw Refused(file, "$.required", $"required is {Kind(list)}, but it must be an array of property names");
        }

        var index = 0;
        foreach (var item in list.EnumerateArray())
        {
            if (item.ValueKind != JsonValueKind.String || !required.Add(item.GetString()!))
            {
                throw Refused(file, $"$.required[{index}]", "each entry of required must be a property name, each named once");
            }

            index++;
        }

        return required;
    }

    private static void CheckName(string file, string path, string name)
    {
        if (name.Length is 0 or > MaxNameLength || !char.IsAsciiLetterLower(name[0]) || name.Any(c => !(char.IsAsciiLetterLower(c) || char.IsAsciiDigit(c) || c == '_')))
        {
            throw Refused(file, path,
                $"'{name}' is not a lower snake case name (a-z first, then a-z, 0-9 and '_', at most {MaxNameLength} characters); " +
                "the name becomes a column, and query engines fold case. Rename the property at its producers, or leave it out of the contract (it stays in the payload column)");
        }

        if (ReservedNames.All.Contains(name))
        {
            throw Refused(file, path,
                $"'{name}' is a column of the lake's envelope or a partition ({string.Join(", ", ReservedNames.All)}), so a typed column of that name would clash. " +
                "Leave it out of the contract (it stays in the payload column)");
        }
    }

    private static ContractProperty ReadProperty(string file, string path, string name, JsonElement value, bool required)
    {
        if (value.ValueKind != JsonValueKind.Object)
        {
            throw Refused(file, path, $"the property is {Kind(value)}, but each property is an object like {{\"type\": \"string\"}}");
        }

        var members = Members(file, path, value, PropertyKeys);
        if (!members.TryGetValue("type", out var typeElement) || typeElement.ValueKind != JsonValueKind.String)
        {
            throw Refused(file, path + ".type", "each property needs a type: \"string\", \"integer\", \"number\" or \"boolean\" (one of them, as a string)");
        }

        var type = typeElement.GetString() switch
        {
            "string" => PropertyType.String,
            "integer" => PropertyType.Integer,
            "number" => PropertyType.Number,
            "boolean" => PropertyType.Boolean,
            var other => throw Refused(file, path + ".type",
                $"the type is \"{other}\", but only top-level scalars get typed columns: \"string\", \"integer\", \"number\" or \"boolean\". " +
                "Leave objects and arrays out of the contract (they stay in the payload column)"),
        };

        var format = PropertyFormat.None;
        if (members.TryGetValue("format", out var formatElement))
        {
            if (type != PropertyType.String)
            {
                throw Refused(file, path + ".format", $"format applies to strings only, and this property is {ContractProperty.TypeName(type)}");
            }

            format = formatElement.ValueKind == JsonValueKind.String ? formatElement.GetString() switch
            {
                "date-time" => PropertyFormat.DateTime,
                "date" => PropertyFormat.Date,
                "uuid" => PropertyFormat.Uuid,
                "email" => PropertyFormat.Email,
                _ => PropertyFormat.None,
            } : PropertyFormat.None;
            if (format == PropertyFormat.None)
            {
                throw Refused(file, path + ".format", $"the format is {formatElement.GetRawText()}, but the supported formats are \"date-time\", \"date\", \"uuid\" and \"email\"");
            }
        }

        IReadOnlyList<string>? allowed = null;
        if (members.TryGetValue("enum", out var enumElement))
        {
            allowed = ReadEnum(file, path + ".enum", type, format, enumElement);
        }

        string? description = null;
        if (members.TryGetValue("description", out var descriptionElement))
        {
            description = descriptionElement.ValueKind == JsonValueKind.String
                ? descriptionElement.GetString()
                : throw Refused(file, path + ".description", $"description is {Kind(descriptionElement)}, but it must be a string");
        }

        return new ContractProperty(name, type, format, required, allowed, description);
    }

    private static List<string> ReadEnum(string file, string path, PropertyType type, PropertyFormat format, JsonElement element)
    {
        if (type is not (PropertyType.String or PropertyType.Integer) || format != PropertyFormat.None)
        {
            throw Refused(file, path, "enum is supported on plain string and integer properties only");
        }

        if (element.ValueKind != JsonValueKind.Array || element.GetArrayLength() == 0)
        {
            throw Refused(file, path, "enum must be a non-empty array of the allowed values");
        }

        var values = new List<string>();
        var index = 0;
        foreach (var item in element.EnumerateArray())
        {
            string? text = type == PropertyType.String
                ? item.ValueKind == JsonValueKind.String ? item.GetString() : null
                : item.ValueKind == JsonValueKind.Number && item.TryGetInt64(out var whole) ? whole.ToString(CultureInfo.InvariantCulture) : null;
            if (text is null)
            {
                throw Refused(file, $"{path}[{index}]", $"the value {item.GetRawText()} is not {(type == PropertyType.String ? "a string" : "a whole number")}, the property's type");
            }

            if (values.Contains(text))
            {
                throw Refused(file, $"{path}[{index}]", $"the value {item.GetRawText()} is listed twice");
            }

            values.Add(text);
            index++;
        }

        return values;
    }

    /// <summary>The object's members by name; an unknown or repeated key is refused (JsonDocument keeps both copies of a repeated one).</summary>
    private static Dictionary<string, JsonElement> Members(string file, string path, JsonElement element, string[] allowed)
    {
        var members = new Dictionary<string, JsonElement>(StringComparer.Ordinal);
        foreach (var member in element.EnumerateObject())
        {
            var memberPath = path == "$" ? "$." + member.Name : $"{path}.{member.Name}";
            if (!allowed.Contains(member.Name))
            {
                throw Refused(file, memberPath, $"'{member.Name}' is not supported here; the supported keys are {string.Join(", ", allowed)}");
            }

            if (!members.TryAdd(member.Name, member.Value))
            {
                throw Refused(file, memberPath, $"'{member.Name}' is given twice");
            }
        }

        return members;
    }

    private static string Kind(JsonElement element) => element.ValueKind switch
    {
        JsonValueKind.Object => "an object",
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        _ => "null",
    };

    private static ContractFormatException Refused(string file, string path, string what) =>
        new($"{file} at {path}: {what}. Nothing was loaded; fix the contract ({Supported}).");
}
