namespace DataPlatform.Contracts;

/// <summary>
/// One way a payload breaks its contract: the field (empty for the payload as a whole) and the rule
/// in words. Never the value itself: bodies are not logged, and the quarantine holds the body.
/// </summary>
public sealed record ContractViolation(string Field, string Rule)
{
    public override string ToString() => Field.Length == 0 ? $"payload {Rule}" : $"payload.{Field} {Rule}";
}
