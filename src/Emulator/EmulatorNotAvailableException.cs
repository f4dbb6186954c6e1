namespace DataPlatform.Emulator;

/// <summary>The local emulator could not be started; the message says what to do.</summary>
public sealed class EmulatorNotAvailableException(string message, Exception? inner = null)
    : Exception(message, inner);
