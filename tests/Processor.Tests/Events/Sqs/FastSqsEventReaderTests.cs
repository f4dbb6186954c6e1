using System.Text;
using DataPlatform.Processor.Events.Sqs;
using DataPlatform.Processor.Tests.Support;

namespace DataPlatform.Processor.Tests.Events.Sqs;

public sealed class FastSqsEventReaderTests
{
    // As Lambda sends it: pretty-printed, keys in AWS's order, message attributes, a surrogate pair.
    private const string AwsShapedEvent = """
        {
          "Records": [
            {
              "messageId": "059f36b4-87a3-44ab-83d2-661975830a7d",
              "receiptHandle": "AQEBwJnKyrHigUMZj6rYigCgxlaS3SLy0a...",
              "body": "{\"event_type\":\"a\",\"occurred_at\":\"2024-05-01T10:00:00Z\",\"payload\":{\"t\":\"tab\\tnew\\nline\"}} \u00e9 \ud83d\ude00 \/ \t",
              "attributes": {
                "ApproximateReceiveCount": "3",
                "SentTimestamp": "1545082649183",
                "SenderId": "AIDAIENQZJOLO23YVJ4VO",
                "ApproximateFirstReceiveTimestamp": "1545082649185"
              },
              "messageAttributes": {"trace": {"stringValue": "x", "stringListValues": [], "binaryListValues": [], "dataType": "String"}},
              "md5OfBody": "e4e68fb7bd0e697a0ae8f1bb342846b3",
              "eventSource": "aws:sqs",
              "eventSourceARN": "arn:aws:sqs:us-east-2:123456789012:my-queue",
              "awsRegion": "us-east-2"
            },
            {"messageId":"2","body":"plain","attributes":{"ApproximateReceiveCount":"1","SentTimestamp":"1545082650000"},"extra":[1,-2.5e3,true,null,{"a":[]}]}
          ],
          "other": {"ignored": true}
        }
        """;

    [Fact]
    public void The_fast_reader_agrees_with_the_general_reader_on_an_aws_shaped_event()
    {
        var json = Encoding.UTF8.GetBytes(AwsShapedEvent);

        Assert.True(FastSqsEventReader.TryRead(json, out var fast));
        using var expected = JsonReaderSqsEventReader.Read(json);
        using (fast)
        {
            AssertSame(expected, fast!);
            Assert.Equal("{\"event_type\":\"a\",\"occurred_at\":\"2024-05-01T10:00:00Z\",\"payload\":{\"t\":\"tab\\tnew\\nline\"}} é 😀 / \t",
                Encoding.UTF8.GetString(fast!.Messages[0].Body.Span));
            Assert.Equal(3, fast.Messages[0].ReceiveCount);
        }
    }

    [Fact]
    public void The_fast_reader_agrees_with_the_general_reader_on_generated_events()
    {
        AssertAgreesWithGeneralReader(ValidAndBroken(50), SplitRecordReader.MinBytes);
    }

    [Fact]
    public void Two_cores_reading_one_event_agree_with_the_general_reader()
    {
        AssertAgreesWithGeneralReader(ValidAndBroken(200), splitMinBytes: 1, expectedBuffers: 2);
    }

    [Fact]
    public void The_fast_reader_agrees_with_the_general_reader_on_random_text_with_escapes_at_every_offset()
    {
        // Quotes, backslashes, control characters and non-ASCII at random offsets, so escapes fall
        // on every position of the 16- and 32-byte blocks the fast reader copies, and at block ends.
        string[] pieces = ["a", "bc", "\"", "\\", "\n", "\t", "\u0001", "é", "😀", "/", "{\"k\":1}", "\"ab\":\"cd\",", "\"\"", new string('x', 31), new string('y', 33)];
        var random = new Random(20261129);
        var builder = new SqsEventBuilder();
        for (var i = 0; i < 400; i++)
        {
            var body = new System.Text.StringBuilder();
            for (var n = random.Next(0, 40); n > 0; n--)
            {
                body.Append(pieces[random.Next(pieces.Length)]);
            }

            builder.Add(body.ToString());
        }

        AssertAgreesWithGeneralReader(builder, splitMinBytes: int.MaxValue);
        AssertAgreesWithGeneralReader(builder, splitMinBytes: 1);
    }

    [Theory]
    [InlineData("},{")]
    [InlineData("}  ,  {")]
    public void A_body_that_ends_like_a_record_boundary_does_not_mislead_the_second_reader(string ending)
    {
        // A quote cannot appear unescaped inside a string, so a body can mimic "},{" + quote only with
        // its own closing quote. The middle body is long and ends that way, so the split search,
        // starting in the middle of the event, takes that spot for a record start.
        var builder = new SqsEventBuilder()
            .Add("first")
            .Add(new string('a', 100_000) + ending)
            .Add("last");
        var json = builder.ToUtf8();
        var pretty = System.Text.Encoding.UTF8.GetBytes(System.Text.Json.Nodes.JsonNode.Parse(json)!.ToJsonString(
            new System.Text.Json.JsonSerializerOptions { WriteIndented = true }));

        foreach (var shape in new[] { json, pretty })
        {
            Assert.True(FastSqsEventReader.TryRead(shape, splitMinBytes: 1, out var fast));
            using var expected = JsonReaderSqsEventReader.Read(shape);
            using (fast)
            {
                // The front reader never met a record starting there, so the tail's work was dropped.
                Assert.Equal(1, fast!.BufferCount);
                AssertSame(expected, fast);
            }
        }
    }

    [Theory]
    [InlineData("""{"Records":[{"messageId":"m","body":"\ud800 lone"}]}""")]
    [InlineData("""{"Records":[{"message\u0049d":"m","body":"x"}]}""")]
    [InlineData("""{"Records":[{"messageId":"m","body":"x"}""")]
    [InlineData("""{"Records":[{"body":"x"}]}""")]
    [InlineData("""{"Records":[{"messageId":"m","body":"x"}]} trailing""")]
    [InlineData("""{"Records":[{"messageId":"m","body":"x",}]}""")]
    [InlineData("""{"Records":[{"messageId":"m","body":"x","n":tru}]}""")]
    [InlineData("""{}""")]
    [InlineData("""[]""")]
    public void Anything_unusual_is_left_to_the_general_reader(string json)
    {
        Assert.False(FastSqsEventReader.TryRead(Encoding.UTF8.GetBytes(json), out var batch));
        Assert.Null(batch);
    }

    [Fact]
    public void Every_truncation_of_an_event_is_left_to_the_general_reader()
    {
        var builder = new SqsEventBuilder();
        for (var i = 0; i < 3; i++)
        {
            builder.Add(SyntheticEvents.Valid(i));
        }

        foreach (var json in new[] { Encoding.UTF8.GetBytes(AwsShapedEvent), builder.ToLambdaUtf8() })
        {
            for (var length = 0; length < json.Length; length++)
            {
                if (json.AsSpan(length).Trim(" \r\n\t"u8).IsEmpty)
                {
                    // Only whitespace is missing: still the whole event.
                    continue;
                }

                // Bounds checks, not a caught exception, end the read: an exception fails the test.
                Assert.False(FastSqsEventReader.TryRead(json.AsMemory(0, length), out var batch), $"The first {length} bytes were taken for an event.");
                Assert.Null(batch);
            }
        }
    }

    [Theory]
    [InlineData(20, 1)]
    [InlineData(40, 0)]
    public void A_deep_member_is_skipped_by_the_fast_reader_up_to_its_depth_and_by_the_general_reader_beyond(int depth, int fastReads)
    {
        var nested = new string('[', depth) + new string(']', depth);
        var json = Encoding.UTF8.GetBytes($$"""{"Records":[{"messageId":"m","body":"x","extra":{{nested}}}],"other":{{nested}}}""");

        using var expected = JsonReaderSqsEventReader.Read(json);
        Assert.Equal(fastReads == 1, FastSqsEventReader.TryRead(json, out var fast));
        using (fast)
        {
            if (fast is not null)
            {
                AssertSame(expected, fast);
            }
        }

        Assert.Equal("m", Assert.Single(expected.Messages).MessageId);
    }

    [Fact]
    public void Attributes_sent_as_numbers_are_read_alike_by_both_readers()
    {
        var json = """{"Records":[{"messageId":"m","body":"x","attributes":{"ApproximateReceiveCount":3,"SentTimestamp":1545082649183,"SenderId":2.5}}]}"""u8.ToArray();

        Assert.True(FastSqsEventReader.TryRead(json, out var fast));
        using var expected = JsonReaderSqsEventReader.Read(json);
        using (fast)
        {
            AssertSame(expected, fast!);
            Assert.Equal(3, fast!.Messages[0].ReceiveCount);
            Assert.Equal(DateTime.UnixEpoch.AddMilliseconds(1545082649183), fast.Messages[0].SentAt);
        }
    }

    private static SqsEventBuilder ValidAndBroken(int pairs)
    {
        var builder = new SqsEventBuilder();
        for (var i = 0; i < pairs; i++)
        {
            builder.Add(SyntheticEvents.Valid(i), receiveCount: i % 4 + 1);
            builder.Add(SyntheticEvents.Broken(i));
        }

        return builder;
    }

    /// <summary>Both escapings: System.Text.Json's default (\u0022) and Lambda's (\").</summary>
    private static void AssertAgreesWithGeneralReader(SqsEventBuilder builder, int splitMinBytes, int? expectedBuffers = null)
    {
        foreach (var json in new[] { builder.ToUtf8(), builder.ToLambdaUtf8() })
        {
            Assert.True(FastSqsEventReader.TryRead(json, splitMinBytes, out var fast));
            using var expected = JsonReaderSqsEventReader.Read(json);
            using (fast)
            {
                if (expectedBuffers is { } buffers)
                {
                    Assert.Equal(buffers, fast!.BufferCount);
                }

                AssertSame(expected, fast!);
            }
        }
    }

    private static void AssertSame(SqsBatch expected, SqsBatch actual)
    {
        Assert.Equal(expected.Messages.Count, actual.Messages.Count);
        for (var i = 0; i < expected.Messages.Count; i++)
        {
            var e = expected.Messages[i];
            var a = actual.Messages[i];
            Assert.Equal(e.MessageId, a.MessageId);
            Assert.Equal(e.ReceiveCount, a.ReceiveCount);
            Assert.Equal(e.SentAt, a.SentAt);
            Assert.Equal(e.BodyError, a.BodyError);
            Assert.True(e.Body.Span.SequenceEqual(a.Body.Span), $"Body {i} differs.");
        }
    }
}
