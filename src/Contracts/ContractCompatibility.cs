namespace DataPlatform.Contracts;

/// <summary>
/// What a contract change breaks. Producers break when valid events would now be quarantined
/// (a property that became required or is new and required, a type, format or enum that became
/// narrower); readers break when a typed column changes type or disappears (a property or the
/// whole contract removed). Adding an optional property, dropping a requirement, widening or
/// removing an enum and editing descriptions break nothing.
/// </summary>
public static class ContractCompatibility
{
    /// <summary>The breaking changes from <paramref name="deployed"/> to <paramref name="proposed"/> (either may be null: none).</summary>
    public static IReadOnlyList<BreakingChange> Compare(EventContract? deployed, EventContract? proposed)
    {
        if (deployed is null)
        {
            return [];
        }

        var type = deployed.EventType;
        if (proposed is null)
        {
            return [new BreakingChange(type, "*",
                $"the contract of {type} was removed: its typed columns ({string.Join(", ", deployed.Properties.Select(p => p.Name))}) would leave the compacted table and its views")];
        }

        var changes = new List<BreakingChange>();
        foreach (var old in deployed.Properties)
        {
            var now = proposed.Find(old.Name);
            if (now is null)
            {
                changes.Add(new BreakingChange(type, old.Name,
                    $"{type}: payload.{old.Name} ({old.Describe()}) was removed, so its column would leave the compacted table"));
                continue;
            }

            if (now.Type != old.Type || now.Format != old.Format)
            {
                changes.Add(new BreakingChange(type, old.Name,
                    $"{type}: payload.{old.Name} changed from {old.Describe()} to {now.Describe()}, so its column changes type and events valid until now may be quarantined"));
            }

            if (now.Required && !old.Required)
            {
                changes.Add(new BreakingChange(type, old.Name,
                    $"{type}: payload.{old.Name} became required (it was optional), so events without it, valid until now, would be quarantined"));
            }

            if (now.Enum is not null && now.Type == old.Type)
            {
                var lost = old.Enum is null ? null : old.Enum.Where(v => !now.Enum.Contains(v)).ToList();
                if (old.Enum is null)
                {
                    changes.Add(new BreakingChange(type, old.Name,
                        $"{type}: payload.{old.Name} now allows only {Values(now)} (it allowed any {ContractProperty.TypeName(old.Type)}), so other values would be quarantined"));
                }
                else if (lost!.Count > 0)
                {
                    changes.Add(new BreakingChange(type, old.Name,
                        $"{type}: payload.{old.Name} no longer allows {string.Join(", ", lost.Select(v => Quote(now, v)))} (enum narrowed from {Values(old)} to {Values(now)})"));
                }
            }
        }

        foreach (var added in proposed.Properties.Where(p => p.Required && deployed.Find(p.Name) is null))
        {
            changes.Add(new BreakingChange(type, added.Name,
                $"{type}: payload.{added.Name} ({added.Describe()}) is new and required, so events from producers that do not send it yet would be quarantined; add it as optional first"));
        }

        return changes;
    }

    /// <summary>Every breaking change from the deployed contracts to the proposed set, by type.</summary>
    public static IReadOnlyList<BreakingChange> Compare(ContractSet deployed, ContractSet proposed)
    {
        ArgumentNullException.ThrowIfNull(deployed);
        ArgumentNullException.ThrowIfNull(proposed);
        return deployed.All
            .SelectMany(old => Compare(old, proposed.TryGet(old.EventType, out var now) ? now : null))
            .ToList();
    }

    private static string Values(ContractProperty property) => string.Join(", ", property.Enum!.Select(v => Quote(property, v)));

    private static string Quote(ContractProperty property, string value) => property.Type == PropertyType.String ? $"\"{value}\"" : value;
}
