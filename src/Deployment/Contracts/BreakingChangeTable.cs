using System.Text;
using DataPlatform.Contracts;

namespace DataPlatform.Deployment.Contracts;

/// <summary>Breaking contract changes as a text table, one change a row.</summary>
public static class BreakingChangeTable
{
    public static string Render(IReadOnlyList<BreakingChange> changes)
    {
        ArgumentNullException.ThrowIfNull(changes);
        var typeWidth = Math.Max("Event type".Length, changes.Max(c => c.EventType.Length));
        var fieldWidth = Math.Max("Field".Length, changes.Max(c => c.Field.Length));
        var text = new StringBuilder();
        text.AppendLine($"{"Event type".PadRight(typeWidth)}  {"Field".PadRight(fieldWidth)}  Change");
        text.AppendLine(new string('-', typeWidth + fieldWidth + 40));
        foreach (var change in changes)
        {
            text.AppendLine($"{change.EventType.PadRight(typeWidth)}  {change.Field.PadRight(fieldWidth)}  {change.Change}");
        }

        return text.ToString();
    }
}
