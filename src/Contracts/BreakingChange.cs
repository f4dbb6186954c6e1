namespace DataPlatform.Contracts;

/// <summary>A contract change that breaks producers or readers: the type, the field (<c>*</c> for the whole contract) and a sentence.</summary>
public sealed record BreakingChange(string EventType, string Field, string Change);
