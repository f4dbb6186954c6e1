using System.Globalization;
using System.Text;
using DataPlatform.Deployment;

namespace DataPlatform.Emulator;

/// <summary>
/// The command line that starts moto's server. Where a Python can run it, moto_server goes
/// through the kit's fast_moto_server.py launcher, which applies the kit's patches to moto
/// (MotoPatches/moto-5.2.1/README.md lists them): the same server with its SQS made cheap per call,
/// without which a load test gets a few events per second through the queue, and safe under
/// concurrent receives and deletes. The launcher itself runs plain moto_server when its Python has
/// no moto 5.2.1, so either way a server answers.
/// </summary>
public static class MotoCommand
{
    /// <summary>The moto release the patches are written against, and the one the kit asks users to install.</summary>
    public const string PatchedMotoVersion = "5.2.1";

    public const string LauncherFileName = "fast_moto_server.py";

    /// <summary>Where the build copies the launcher: next to the assemblies, as MotoPatches/moto-5.2.1/fast_moto_server.py.</summary>
    public static string LauncherPath { get; } =
        Path.Combine(AppContext.BaseDirectory, "MotoPatches", $"moto-{PatchedMotoVersion}", LauncherFileName);

    /// <summary>Program first, then its arguments, for a server on 127.0.0.1:<paramref name="port"/>.</summary>
    public static IReadOnlyList<string> For(string motoServer, int port)
    {
        string[] listen = ["-H", "127.0.0.1", "-p", port.ToString(CultureInfo.InvariantCulture)];
        // The launcher replaces itself with moto_server when it falls back (execv), which keeps the
        // process id the caller recorded; Windows has no such exec, so it gets moto_server directly.
        var python = OperatingSystem.IsWindows() || !File.Exists(LauncherPath) ? null : Interpreter(motoServer);
        return python is null ? [motoServer, .. listen] : [python, LauncherPath, motoServer, .. listen];
    }

    /// <summary>
    /// The Python that moto_server runs on: the one its shebang names (a pip-installed script),
    /// else python3 on PATH (a pyenv shim or an env shebang resolves the same way).
    /// </summary>
    private static string? Interpreter(string motoServer)
    {
        var shebang = FirstLine(motoServer);
        if (shebang.StartsWith("#!", StringComparison.Ordinal)
            && shebang[2..].Trim() is var interpreter
            && !interpreter.Contains(' ', StringComparison.Ordinal)
            && Path.GetFileName(interpreter).StartsWith("python", StringComparison.Ordinal)
            && File.Exists(interpreter))
        {
            return interpreter;
        }

        return ExecutableSearch.Find("python3");
    }

    private static string FirstLine(string path)
    {
        var head = new byte[256];
        using var file = File.OpenRead(path);
        var length = file.Read(head);
        var text = Encoding.UTF8.GetString(head, 0, length);
        var end = text.IndexOf('\n', StringComparison.Ordinal);
        return end < 0 ? text : text[..end];
    }
}
