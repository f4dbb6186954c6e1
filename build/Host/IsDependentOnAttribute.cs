namespace DataPlatform.Build.Host;

/// <summary>A task that must run before this one; typed, so a rename is a compile error, not a broken graph.</summary>
[AttributeUsage(AttributeTargets.Class, AllowMultiple = true, Inherited = false)]
public sealed class IsDependentOnAttribute(Type task) : Attribute
{
    public Type Task { get; } = task;
}
