namespace DataPlatform.Contracts;

/// <summary>The JSON type a contract gives a payload property (JSON Schema's <c>type</c>).</summary>
public enum PropertyType
{
    String,
    Integer,
    Number,
    Boolean,
}
