using System.Reflection;

namespace DataPlatform.Build.Host;

/// <summary>The task classes of a build, read from their attributes.</summary>
public sealed class TaskCatalog
{
    private TaskCatalog(IReadOnlyList<TaskDefinition> tasks) => Tasks = tasks;

    public IReadOnlyList<TaskDefinition> Tasks { get; }

    public static TaskCatalog FromAssembly<TContext>(Assembly assembly) =>
        FromTypes<TContext>(assembly.GetTypes().Where(t => !t.IsAbstract && typeof(IBuildTask<TContext>).IsAssignableFrom(t)));

    public static TaskCatalog FromTypes<TContext>(IEnumerable<Type> types)
    {
        var list = types.ToList();
        var definitions = list.Select(type =>
        {
            if (!typeof(IBuildTask<TContext>).IsAssignableFrom(type))
            {
                throw new InvalidOperationException($"{type.Name} is not a task of {typeof(TContext).Name}.");
            }

            var dependencies = type.GetCustomAttributes<IsDependentOnAttribute>()
                .Select(a => list.Contains(a.Task)
                    ? NameOf(a.Task)
                    : throw new InvalidOperationException($"{type.Name} depends on {a.Task.Name}, which is not a task of this build."))
                .ToList();
            return new TaskDefinition(
                NameOf(type),
                type.GetCustomAttribute<TaskDescriptionAttribute>()?.Description ?? "",
                type,
                dependencies);
        }).ToList();

        var duplicate = definitions.GroupBy(d => d.Name, StringComparer.OrdinalIgnoreCase).FirstOrDefault(g => g.Count() > 1);
        if (duplicate is not null)
        {
            throw new InvalidOperationException($"Two tasks are named '{duplicate.Key}'.");
        }

        return new TaskCatalog(definitions.OrderBy(d => d.Name, StringComparer.Ordinal).ToList());
    }

    public static string NameOf(Type type) =>
        type.GetCustomAttribute<TaskNameAttribute>()?.Name
        ?? (type.Name.EndsWith("Task", StringComparison.Ordinal) ? type.Name[..^4] : type.Name);

    public TaskDefinition? Find(string name) =>
        Tasks.FirstOrDefault(t => string.Equals(t.Name, name, StringComparison.OrdinalIgnoreCase));

    /// <summary>The tasks a target runs, in order: dependencies first, each once.</summary>
    public IReadOnlyList<TaskDefinition> ExecutionOrder(string target, bool exclusive = false)
    {
        var root = Find(target) ?? throw UnknownTarget(target);
        if (exclusive)
        {
            return [root];
        }

        var order = new List<TaskDefinition>();
        var visiting = new HashSet<string>();
        Visit(root);
        return order;

        void Visit(TaskDefinition task)
        {
            if (order.Contains(task))
            {
                return;
            }

            if (!visiting.Add(task.Name))
            {
                throw new InvalidOperationException($"The tasks depend on each other in a circle through {task.Name}.");
            }

            foreach (var dependency in task.Dependencies)
            {
                Visit(Find(dependency)!);
            }

            order.Add(task);
        }
    }

    public BuildUsageException UnknownTarget(string target)
    {
        var hint = Suggestions.Closest(target, Tasks.Select(t => t.Name));
        return new BuildUsageException(
            $"There is no target named '{target}'." + (hint is null ? "" : $" Did you mean '{hint}'?") + Environment.NewLine +
            "Valid targets: " + string.Join(", ", Tasks.Select(t => t.Name)) + Environment.NewLine +
            "Run ./build.sh --tree to see what each one does.");
    }
}
