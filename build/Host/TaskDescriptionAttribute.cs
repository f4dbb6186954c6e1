namespace DataPlatform.Build.Host;

/// <summary>One line for <c>--tree</c> and <c>--description</c>.</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class TaskDescriptionAttribute(string description) : Attribute
{
    public string Description { get; } = description;
}
