using System.Text;
using Cake.Core;

namespace DataPlatform.Build.Tests.Fakes;

/// <summary>
/// Cake's console, written to a buffer so tests can read what a person would have seen. With
/// <paramref name="ansi"/> it claims a terminal that understands ANSI escapes, as Cake's own
/// console does whenever TERM names one, so Cake's log writes them into the buffer.
/// </summary>
public sealed class RecordingConsole(bool ansi = false) : IConsole
{
    private readonly StringBuilder _out = new();
    private readonly StringBuilder _error = new();

    public string Output => _out.ToString();

    public string Error => _error.ToString();

    public ConsoleColor ForegroundColor { get; set; }

    public ConsoleColor BackgroundColor { get; set; }

    public bool SupportAnsiEscapeCodes => ansi;

    public void Write(string format, params object[] arg) => _out.AppendFormat(format, arg);

    public void Write(string value) => _out.Append(value);

    public void WriteLine(string format, params object[] arg) => _out.AppendFormat(format, arg).AppendLine();

    public void WriteLine(string value) => _out.AppendLine(value);

    public void WriteError(string format, params object[] arg) => _error.AppendFormat(format, arg);

    public void WriteError(string value) => _error.Append(value);

    public void WriteErrorLine(string format, params object[] arg) => _error.AppendFormat(format, arg).AppendLine();

    public void WriteErrorLine(string value) => _error.AppendLine(value);

    public void ResetColor()
    {
    }
}
