namespace DataPlatform.Processor.Quarantine;

/// <summary>A message the contract refused, with the reason in words.</summary>
internal readonly record struct QuarantinedMessage(int MessageIndex, string Error);
