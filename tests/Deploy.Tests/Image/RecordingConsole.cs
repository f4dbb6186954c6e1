using System.Text;
using Cake.Core;

namespace DataPlatform.Deploy.Tests.Image;

/// <summary>Cake's console, written to a buffer so tests can read every line a person (or a CI log) would have seen.</summary>
public sealed class RecordingConsole : IConsole
{
    private readonly StringBuilder _text = new();

    /// <summary>Everything written, standard output and error together.</summary>
    public string Text
    {
        get
        {
            lock (_text)
            {
                return _text.ToString();
            }
        }
    }

    public ConsoleColor ForegroundColor { get; set; }

    public ConsoleColor BackgroundColor { get; set; }

    public bool SupportAnsiEscapeCodes => false;

    public void Write(string format, params object[] arg) => Append(string.Format(format, arg));

    public void Write(string value) => Append(value);

    public void WriteLine(string format, params object[] arg) => Append(string.Format(format, arg) + "\n");

    public void WriteLine(string value) => Append(value + "\n");

    public void WriteError(string format, params object[] arg) => Append(string.Format(format, arg));

    public void WriteError(string value) => Append(value);

    public void WriteErrorLine(string format, params object[] arg) => Append(string.Format(format, arg) + "\n");

    public void WriteErrorLine(string value) => Append(value + "\n");

    public void ResetColor()
    {
    }

    private void Append(string text)
    {
        lock (_text)
        {
            _text.Append(text);
        }
    }
}
