using System.Text.Json;

namespace DataPlatform.Deployment.Terraform;

/// <summary>
/// Reads Terraform's machine-readable UI (<c>-json</c>): collects planned changes, the change
/// summary and error diagnostics, and turns each message into the line a person should see.
/// </summary>
public sealed class TerraformJsonLog
{
    private readonly List<PlannedChange> _changes = [];
    private readonly List<string> _errors = [];
    private readonly bool _applying;

    public TerraformJsonLog(bool applying = false) => _applying = applying;

    public IReadOnlyList<PlannedChange> Changes => _changes;

    public IReadOnlyList<string> Errors => _errors;

    public int Add { get; private set; }

    public int Change { get; private set; }

    public int Remove { get; private set; }

    /// <summary>Takes one line of output; returns what to print (null for nothing) and whether it is detail only.</summary>
    public (string? Text, bool Detail) Read(string line)
    {
        if (line.Length == 0 || line[0] != '{')
        {
            return (line, false);
        }

        JsonDocument document;
        try
        {
            document = JsonDocument.Parse(line);
        }
        catch (JsonException)
        {
            return (line, false);
        }

        using (document)
        {
            var root = document.RootElement;
            var message = root.TryGetProperty("@message", out var m) ? m.GetString() ?? "" : "";
            var type = root.TryGetProperty("type", out var t) ? t.GetString() : null;
            switch (type)
            {
                case "planned_change":
                    var change = root.GetProperty("change");
                    var resource = change.GetProperty("resource");
                    _changes.Add(new PlannedChange(
                        resource.GetProperty("addr").GetString() ?? "",
                        resource.TryGetProperty("resource_type", out var rt) ? rt.GetString() ?? "" : "",
                        change.GetProperty("action").GetString() ?? ""));
                    // apply repeats the plan's changes before it starts: detail, not news.
                    return (message, _applying);
                case "change_summary":
                    var counts = root.GetProperty("changes");
                    Add = counts.GetProperty("add").GetInt32();
                    Change = counts.GetProperty("change").GetInt32();
                    Remove = counts.GetProperty("remove").GetInt32();
                    return (message, false);
                case "diagnostic":
                    var diagnostic = root.GetProperty("diagnostic");
                    var detail = diagnostic.TryGetProperty("detail", out var d) ? d.GetString() : null;
                    var text = string.IsNullOrWhiteSpace(detail) ? message : $"{message}: {detail}";
                    if (root.TryGetProperty("@level", out var level) && level.GetString() == "error")
                    {
                        _errors.Add(text);
                    }

                    return (text, false);
                case "resource_drift":
                    // Drift matters when it leads to a planned change, which is shown anyway.
                    return (message, true);
                case "apply_start" or "apply_progress" or "apply_complete" or "apply_errored" or "outputs":
                    return (type == "outputs" ? null : message, false);
                case "version" or "log" when message.StartsWith("Terraform ", StringComparison.Ordinal):
                    return (null, false);
                default:
                    return (message, true);
            }
        }
    }
}
