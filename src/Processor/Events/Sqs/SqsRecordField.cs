namespace DataPlatform.Processor.Events.Sqs;

/// <summary>The members of an SQS record that the processor reads; the rest are skipped.</summary>
internal enum SqsRecordField
{
    Other,
    MessageId,
    Body,
    Attributes,
}
