namespace DataPlatform.Contracts;

/// <summary>What a string property must look like (JSON Schema's <c>format</c>); strings only.</summary>
public enum PropertyFormat
{
    None,
    DateTime,
    Date,
    Uuid,
    Email,
}
