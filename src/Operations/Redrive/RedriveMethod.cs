namespace DataPlatform.Operations.Redrive;

/// <summary>How the messages were moved.</summary>
public enum RedriveMethod
{
    /// <summary>SQS moved them itself (StartMessageMoveTask).</summary>
    MessageMoveTask,

    /// <summary>This process received each from the DLQ, sent it to the ingest queue, then deleted it from the DLQ.</summary>
    ReceiveSendDelete,
}
