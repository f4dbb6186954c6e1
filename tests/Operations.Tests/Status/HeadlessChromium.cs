using System.Diagnostics;

namespace DataPlatform.Operations.Tests.Status;

/// <summary>
/// The Debian <c>chromium</c> package, headless: the DOM after the page ran, and a screenshot.
/// .ci/run installs it; a machine without it fails these tests with the command that installs it.
/// </summary>
public static class HeadlessChromium
{
    private static readonly string[] Candidates = ["/usr/bin/chromium", "/usr/bin/chromium-browser", "/usr/bin/google-chrome"];

    public static string Path => Candidates.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("No Chromium on this machine: status.html is checked in a real headless browser. Install it with `apt-get update && apt-get install -y chromium` (.ci/run does it in CI).");

    public static async Task<string> DumpDomAsync(string htmlFile) =>
        await RunAsync("--dump-dom", new Uri(htmlFile).AbsoluteUri);

    public static async Task ScreenshotAsync(string htmlFile, string pngFile) =>
        await RunAsync($"--screenshot={pngFile}", "--window-size=1100,1500", "--hide-scrollbars", new Uri(htmlFile).AbsoluteUri);

    private static async Task<string> RunAsync(params string[] arguments)
    {
        var start = new ProcessStartInfo(Path) { RedirectStandardOutput = true, RedirectStandardError = true };
        // No sandbox: CI runs as root, where Chromium refuses to start with one. The page is our own file.
        foreach (var argument in new[] { "--headless", "--no-sandbox", "--disable-gpu", "--no-first-run", "--disable-dev-shm-usage",
                     $"--user-data-dir={System.IO.Path.Combine(System.IO.Path.GetTempPath(), "status-chromium-" + Guid.NewGuid().ToString("N"))}" }.Concat(arguments))
        {
            start.ArgumentList.Add(argument);
        }

        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var errors = process.StandardError.ReadToEndAsync();
        using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(60));
        await process.WaitForExitAsync(timeout.Token);
        Assert.True(process.ExitCode == 0, $"chromium exited {process.ExitCode}: {await errors}");
        return await output;
    }
}
