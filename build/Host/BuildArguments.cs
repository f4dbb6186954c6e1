using System.Collections;

namespace DataPlatform.Build.Host;

/// <summary>
/// The command line, checked against the known flags: <c>--name=value</c>, <c>--name value</c>,
/// <c>--switch</c>; a flag not on the command line may come from <c>DATAPLATFORM_NAME</c>.
/// </summary>
public sealed class BuildArguments
{
    private readonly Dictionary<string, string> _values;

    private BuildArguments(Dictionary<string, string> values, IReadOnlyList<BuildFlag> flags)
    {
        _values = values;
        Flags = flags;
    }

    public IReadOnlyList<BuildFlag> Flags { get; }

    public static BuildArguments Parse(IReadOnlyList<string> args, IReadOnlyList<BuildFlag> flags, IDictionary? environment = null)
    {
        var values = new Dictionary<string, string>(StringComparer.OrdinalIgnoreCase);
        for (var i = 0; i < args.Count; i++)
        {
            var token = args[i];
            var (name, value) = Split(token);
            if (name is null)
            {
                throw new BuildUsageException(
                    $"'{token}' is not an option. Options start with '--', for example --target=Deploy. Run ./build.sh --help for the list.");
            }

            var flag = Find(name, flags) ?? throw UnknownFlag(name, flags);
            if (flag.IsSwitch)
            {
                value ??= "true";
                if (!bool.TryParse(value, out _))
                {
                    throw new BuildUsageException($"--{flag.Name} is a switch: give it alone or as --{flag.Name}=true|false, not '{value}'.");
                }
            }
            else if (value is null)
            {
                if (i + 1 >= args.Count || args[i + 1].StartsWith('-'))
                {
                    throw new BuildUsageException($"--{flag.Name} needs a value: --{flag.Name}={flag.ValueHint}.");
                }

                value = args[++i];
            }

            values[flag.Name] = value;
        }

        environment ??= System.Environment.GetEnvironmentVariables();
        foreach (var flag in flags.Where(f => !values.ContainsKey(f.Name)))
        {
            if (environment[flag.EnvironmentVariable] is string fromEnvironment && fromEnvironment.Length > 0)
            {
                values[flag.Name] = fromEnvironment;
            }
        }

        foreach (var flag in flags.Where(f => f.AllowedValues is not null))
        {
            if (values.TryGetValue(flag.Name, out var given) && !flag.AllowedValues!.Contains(given, StringComparer.OrdinalIgnoreCase))
            {
                var hint = Suggestions.Closest(given, flag.AllowedValues!);
                throw new BuildUsageException(
                    $"--{flag.Name}={given} is not valid; use one of: {string.Join(", ", flag.AllowedValues!)}." +
                    (hint is null ? "" : $" Did you mean '{hint}'?"));
            }
        }

        return new BuildArguments(values, flags);
    }

    public bool Has(string name) => _values.ContainsKey(name);

    public string? Get(string name) => _values.GetValueOrDefault(name);

    public string Get(string name, string fallback) => _values.GetValueOrDefault(name) ?? fallback;

    /// <summary>A switch's state: given alone or <c>=true</c> means on.</summary>
    public bool IsOn(string name) => _values.TryGetValue(name, out var value) && bool.Parse(value);

    /// <summary>A UTC day given as YYYY-MM-DD, or the words today/yesterday; null when the flag is absent.</summary>
    public DateOnly? GetDate(string name, DateOnly today)
    {
        if (!_values.TryGetValue(name, out var raw))
        {
            return null;
        }

        return raw.Trim().ToLowerInvariant() switch
        {
            "today" => today,
            "yesterday" => today.AddDays(-1),
            var text when DateOnly.TryParseExact(text, "yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture,
                System.Globalization.DateTimeStyles.None, out var day) => day,
            _ => throw new BuildUsageException($"--{name}={raw} is not a day: give it as YYYY-MM-DD (a UTC date, like {today:yyyy-MM-dd}), or today, or yesterday."),
        };
    }

    public int GetInt(string name, int fallback, int min, int max)
    {
        if (!_values.TryGetValue(name, out var raw))
        {
            return fallback;
        }

        if (!int.TryParse(raw, out var value) || value < min || value > max)
        {
            throw new BuildUsageException($"--{name}={raw} is not valid: give a whole number from {min} to {max}.");
        }

        return value;
    }

    /// <summary>The values as Cake's argument lookup, so Cake.Common's Argument aliases see them too.</summary>
    public ILookup<string, string> ToLookup() =>
        _values.ToLookup(kv => kv.Key, kv => kv.Value, StringComparer.OrdinalIgnoreCase);

    private static (string? Name, string? Value) Split(string token)
    {
        string body;
        if (token.StartsWith("--", StringComparison.Ordinal))
        {
            body = token[2..];
        }
        else if (token.StartsWith('-') && token.Length > 1)
        {
            body = token[1..];
        }
        else
        {
            return (null, null);
        }

        var equals = body.IndexOf('=');
        return equals < 0 ? (body, null) : (body[..equals], body[(equals + 1)..]);
    }

    private static BuildFlag? Find(string name, IReadOnlyList<BuildFlag> flags) =>
        flags.FirstOrDefault(f =>
            string.Equals(f.Name, name, StringComparison.OrdinalIgnoreCase)
            || string.Equals(f.ShortName, name, StringComparison.OrdinalIgnoreCase));

    private static BuildUsageException UnknownFlag(string name, IReadOnlyList<BuildFlag> flags)
    {
        var hint = Suggestions.Closest(name, flags.Select(f => f.Name));
        return new BuildUsageException(
            $"Unknown option --{name}." + (hint is null ? "" : $" Did you mean --{hint}?") + Environment.NewLine +
            "Valid options: " + string.Join(" ", flags.Select(f => "--" + f.Name)) + Environment.NewLine +
            "Run ./build.sh --help to see what each one does.");
    }
}
