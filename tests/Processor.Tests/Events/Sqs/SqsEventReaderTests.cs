using System.Text;
using DataPlatform.Processor.Events.Sqs;
using DataPlatform.Processor.Tests.Support;

namespace DataPlatform.Processor.Tests.Events.Sqs;

public sealed class SqsEventReaderTests
{
    [Fact]
    public void Records_give_their_id_unescaped_body_receive_count_and_sent_time()
    {
        var json = new SqsEventBuilder()
            .Add("""{"a":"quote \" and \\ and é"}""", messageId: "id-1", receiveCount: 4, sentAt: new DateTime(2024, 5, 1, 0, 0, 0, 250, DateTimeKind.Utc))
            .ToUtf8();

        using var batch = SqsEventReader.Read(json);

        var message = Assert.Single(batch.Messages);
        Assert.Equal("id-1", message.MessageId);
        Assert.Equal("""{"a":"quote \" and \\ and é"}""", Encoding.UTF8.GetString(message.Body.Span));
        Assert.Equal(4, message.ReceiveCount);
        Assert.Equal(new DateTime(2024, 5, 1, 0, 0, 0, 250, DateTimeKind.Utc), message.SentAt);
        Assert.Null(message.BodyError);
    }

    [Fact]
    public void The_batch_ingestion_time_is_its_earliest_sent_time()
    {
        var early = new DateTime(2024, 5, 1, 9, 59, 0, DateTimeKind.Utc);
        var json = new SqsEventBuilder().Add("{}", sentAt: early.AddMinutes(2)).Add("{}", sentAt: early).ToUtf8();

        using var batch = SqsEventReader.Read(json);

        Assert.Equal(early, batch.EarliestSentAt);
    }

    [Fact]
    public void A_body_with_an_unpaired_surrogate_escape_is_kept_escaped_and_marked()
    {
        var json = """{"Records":[{"messageId":"m","body":"\ud800 lone"}]}"""u8.ToArray();

        using var batch = SqsEventReader.Read(json);

        var message = Assert.Single(batch.Messages);
        Assert.Contains("not valid Unicode", message.BodyError, StringComparison.Ordinal);
        Assert.Equal("\\ud800 lone", Encoding.UTF8.GetString(message.Body.Span));
    }

    [Theory]
    [InlineData("[]", "not a JSON object")]
    [InlineData("{}", "no Records")]
    [InlineData("""{"Records":{}}""", "not an array")]
    [InlineData("""{"Records":["x"]}""", "record object belongs")]
    [InlineData("""{"Records":[{"body":"x"}]}""", "no messageId")]
    [InlineData("""{"Records":[{"messageId":"m","body":"x"}""", "not valid JSON")]
    public void Payloads_that_are_not_sqs_events_are_refused_whole(string json, string reason)
    {
        var exception = Assert.Throws<InvalidSqsEventException>(() => SqsEventReader.Read(Encoding.UTF8.GetBytes(json)).Dispose());
        Assert.Contains(reason, exception.Message, StringComparison.Ordinal);
    }
}
