using System.Globalization;
using System.Text;
using System.Text.Json;
using DataPlatform.Processor.Events;

namespace DataPlatform.Processor.Bench;

/// <summary>
/// A deterministic set of realistic events: about 600 bytes each, a dozen top-level fields, a
/// nested payload, six event types. The same seed gives the same bytes on every machine.
/// </summary>
public static class SyntheticEvents
{
    public static readonly string[] Types = ["order.created", "order.paid", "user.signed_up", "page.view", "cart.updated", "search.performed"];
    private static readonly string[] Sources = ["web-shop", "ios-app", "android-app", "backoffice"];
    private static readonly string[] Countries = ["DE", "FR", "US", "GB", "NL", "SE", "ES", "IT"];
    private static readonly string[] Locales = ["de-DE", "fr-FR", "en-US", "en-GB", "nl-NL", "sv-SE"];
    private static readonly string[] Currencies = ["EUR", "USD", "GBP", "SEK"];

    public static List<string> Bodies(int count, int seed = 42)
    {
        var random = new Random(seed);
        var start = new DateTime(2024, 5, 1, 0, 0, 0, DateTimeKind.Utc);
        var bodies = new List<string>(count);
        using var buffer = new MemoryStream(1024);
        for (var i = 0; i < count; i++)
        {
            buffer.SetLength(0);
            using (var json = new Utf8JsonWriter(buffer))
            {
                json.WriteStartObject();
                json.WriteString("event_id", $"{Hex(random, 16)}-{i:D7}");
                json.WriteString("event_type", Types[i % Types.Length]);
                json.WriteString("occurred_at", start.AddMilliseconds(random.Next(0, 86_400_000)).ToString("yyyy-MM-ddTHH:mm:ss.fffZ", CultureInfo.InvariantCulture));
                json.WriteString("source", Sources[random.Next(Sources.Length)]);
                json.WriteString("tenant_id", $"tenant-{random.Next(1, 40):D3}");
                json.WriteString("user_id", $"u-{random.Next(1, 999_999):D6}");
                json.WriteString("session_id", Hex(random, 24));
                json.WriteNumber("schema_version", random.Next(1, 4));
                json.WriteString("trace_id", Hex(random, 32));
                json.WriteString("client_ip", $"10.{random.Next(256)}.{random.Next(256)}.{random.Next(256)}");
                json.WriteString("locale", Locales[random.Next(Locales.Length)]);
                json.WriteString("app_version", $"3.{random.Next(20)}.{random.Next(10)}");
                json.WriteStartObject("payload");
                json.WriteString("order_id", $"o-{random.Next(1, 9_999_999):D7}");
                json.WriteNumber("amount", random.Next(100, 99_999) / 100m);
                json.WriteString("currency", Currencies[random.Next(Currencies.Length)]);
                json.WriteStartArray("items");
                for (var item = random.Next(1, 4); item > 0; item--)
                {
                    json.WriteStartObject();
                    json.WriteString("sku", $"SKU-{random.Next(1000, 9999)}");
                    json.WriteNumber("qty", random.Next(1, 5));
                    json.WriteNumber("price", random.Next(100, 9_999) / 100m);
                    json.WriteEndObject();
                }

                json.WriteEndArray();
                json.WriteStartObject("shipping");
                json.WriteString("country", Countries[random.Next(Countries.Length)]);
                json.WriteString("city", $"City {random.Next(1, 500)}");
                json.WriteString("zip", random.Next(10000, 99999).ToString(CultureInfo.InvariantCulture));
                json.WriteEndObject();
                if (random.Next(4) == 0)
                {
                    json.WriteString("coupon", "SPRING24");
                }
                else
                {
                    json.WriteNull("coupon");
                }

                json.WriteBoolean("gift", random.Next(2) == 0);
                json.WriteEndObject();
                json.WriteEndObject();
            }

            bodies.Add(Encoding.UTF8.GetString(buffer.GetBuffer(), 0, (int)buffer.Length));
        }

        return bodies;
    }

    /// <summary>The Lambda SQS event the event source mapping would send for these bodies.</summary>
    public static byte[] SqsEventJson(IReadOnlyList<string> bodies)
    {
        var sent = new DateTimeOffset(2024, 5, 1, 12, 0, 0, TimeSpan.Zero).ToUnixTimeMilliseconds().ToString(CultureInfo.InvariantCulture);
        var records = bodies.Select((body, i) => new SqsRecord
        {
            MessageId = $"{i:D8}-6f1c-4d2a-9b7e-{i:D12}",
            ReceiptHandle = "AQEB" + i.ToString(CultureInfo.InvariantCulture),
            Body = body,
            Attributes = new Dictionary<string, string>
            {
                ["ApproximateReceiveCount"] = "1",
                ["SentTimestamp"] = sent,
                ["SenderId"] = "AIDAIENQZJOLO23YVJ4VO",
                ["ApproximateFirstReceiveTimestamp"] = sent,
            },
            Md5OfBody = "e4e68fb7bd0e697a0ae8f1bb342846b3",
            EventSourceArn = "arn:aws:sqs:us-east-1:123456789012:events",
            AwsRegion = "us-east-1",
        }).ToList();
        return JsonSerializer.SerializeToUtf8Bytes(new SqsEvent(records), ProcessorJson.AsLambdaSends.SqsEvent);
    }

    private static string Hex(Random random, int length)
    {
        Span<byte> bytes = stackalloc byte[length / 2];
        random.NextBytes(bytes);
        return Convert.ToHexStringLower(bytes);
    }
}
