namespace DataPlatform.Build.Host;

/// <summary>The name a task is targeted by on the command line (<c>--target=NAME</c>).</summary>
[AttributeUsage(AttributeTargets.Class, Inherited = false)]
public sealed class TaskNameAttribute(string name) : Attribute
{
    public string Name { get; } = name;
}
