using System.Text;
using System.Text.Json;

namespace DataPlatform.Compaction;

/// <summary>An inputs list as JSON Lines (one <see cref="InputFile"/> per line), and its key's uri form.</summary>
public static class InputsList
{
    private static readonly JsonSerializerOptions Options = new() { Encoder = System.Text.Encodings.Web.JavaScriptEncoder.UnsafeRelaxedJsonEscaping };

    public static string Uri(string bucket, string key) => $"s3://{bucket}/{key}";

    /// <summary>The key of an <c>s3://bucket/key</c> uri in that bucket, or null when it names another bucket.</summary>
    public static string? KeyOf(string bucket, string uri)
    {
        var start = $"s3://{bucket}/";
        return uri.StartsWith(start, StringComparison.Ordinal) ? uri[start.Length..] : null;
    }

    public static MemoryStream Write(IEnumerable<InputFile> files)
    {
        var text = new StringBuilder();
        foreach (var file in files)
        {
            text.Append(JsonSerializer.Serialize(file with { CompactedAt = file.CompactedAt.ToUniversalTime() }, Options)).Append('\n');
        }

        return new MemoryStream(Encoding.UTF8.GetBytes(text.ToString()));
    }

    public static List<InputFile> Read(Stream jsonLines, string where)
    {
        using var reader = new StreamReader(jsonLines, Encoding.UTF8);
        var files = new List<InputFile>();
        var number = 0;
        while (reader.ReadLine() is { } line)
        {
            number++;
            if (string.IsNullOrWhiteSpace(line))
            {
                continue;
            }

            try
            {
                files.Add(JsonSerializer.Deserialize<InputFile>(line) ?? throw new JsonException("null line"));
            }
            catch (JsonException e)
            {
                throw new InvalidDataException(
                    $"Line {number} of {where} is not an inputs entry ({e.Message}). Raw deletion stops here so that no file is deleted on a misread list; " +
                    "recompact the hour (move the watermark back before it) to rewrite the list.", e);
            }
        }

        return files;
    }
}
