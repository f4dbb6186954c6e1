namespace DataPlatform.Emulator;

/// <summary>
/// The launcher's switches for an emulator that checks every request against IAM
/// (MotoPatches/moto-5.2.1/iam_enforcement.py), and the checks that keep it from starting open instead.
/// </summary>
internal static class IamEnforcement
{
    public const string EnforceVariable = "DATAPLATFORM_MOTO_ENFORCE_IAM";
    public const string AdminCredentialsVariable = "DATAPLATFORM_MOTO_ADMIN_CREDENTIALS";
    public const string AccessLogVariable = "DATAPLATFORM_MOTO_ACCESS_LOG";

    /// <summary>The launcher's switches for <paramref name="options"/>: enforcement explicitly off unless asked for.</summary>
    public static IReadOnlyDictionary<string, string> Prepare(MotoServerOptions options, string executable, int port)
    {
        if (!options.EnforceIam && !string.IsNullOrWhiteSpace(options.AccessLogPath))
        {
            throw new ArgumentException(
                "An access log records IAM policy checks, and a server without EnforceIam makes none. Set EnforceIam, or drop AccessLogPath.",
                nameof(options));
        }

        if (!options.EnforceIam)
        {
            return new Dictionary<string, string> { [EnforceVariable] = "off" };
        }

        if (string.IsNullOrWhiteSpace(options.AdminCredentialsPath))
        {
            throw new ArgumentException(
                "An emulator that enforces IAM writes its administrator's keys to a file, but no AdminCredentialsPath was given. " +
                "Set MotoServerOptions.AdminCredentialsPath to a path only you can read (under .state/ or a test's temporary folder).",
                nameof(options));
        }

        if (MotoCommand.For(executable, port) is var command && (command.Count < 2 || command[1] != MotoCommand.LauncherPath))
        {
            throw new EmulatorNotAvailableException(
                $"IAM enforcement needs the kit's launcher ({MotoCommand.LauncherPath}) running moto {MotoCommand.PatchedMotoVersion}, " +
                "and this platform or installation starts moto_server directly, which would let every request in. " +
                "Run on Linux or macOS with the launcher next to the assemblies, or leave enforcement off.");
        }

        // A file left by an earlier server must not pass for this one's.
        File.Delete(options.AdminCredentialsPath);
        var environment = new Dictionary<string, string>
        {
            [EnforceVariable] = "on",
            [AdminCredentialsVariable] = Path.GetFullPath(options.AdminCredentialsPath),
        };
        if (!string.IsNullOrWhiteSpace(options.AccessLogPath))
        {
            environment[AccessLogVariable] = Path.GetFullPath(options.AccessLogPath);
        }

        return environment;
    }
}
