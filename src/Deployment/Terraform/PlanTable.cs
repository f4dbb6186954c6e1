using System.Text;

namespace DataPlatform.Deployment.Terraform;

/// <summary>Plans as a text table, one stack a row.</summary>
public static class PlanTable
{
    public static string Render(IEnumerable<PlanResult> plans)
    {
        var text = new StringBuilder();
        text.AppendLine($"{"Stack",-10} {"Changes",-12} {"Plan time",10}  Notes");
        text.AppendLine(new string('-', 70));
        foreach (var plan in plans)
        {
            var notes = new List<string>();
            if (plan.PlaceholderInputs.Count > 0)
            {
                notes.Add("placeholder inputs");
            }

            if (DataLossGuard.Dangerous(plan).Count > 0)
            {
                notes.Add("DESTROYS DATA");
            }

            text.AppendLine($"{plan.Stack,-10} {(plan.HasChanges ? plan.Summary : "no changes"),-12} {plan.Duration.TotalSeconds,8:0.0} s  {string.Join("; ", notes)}");
        }

        return text.ToString();
    }
}
