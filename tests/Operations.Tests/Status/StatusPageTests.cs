using System.Text.RegularExpressions;
using DataPlatform.Operations.Status;
using SkiaSharp;

namespace DataPlatform.Operations.Tests.Status;

[Collection(StatusLakeCollection.Name)]
public sealed partial class StatusPageTests(StatusLake lake) : IDisposable
{
    private readonly string _folder = Directory.CreateTempSubdirectory("status-page-").FullName;

    [Fact]
    public void The_chart_is_an_svg_element_in_the_page_without_an_xml_declaration()
    {
        var html = File.ReadAllText(Write());

        Assert.Contains("<figure id=\"events-per-hour\"><svg", html, StringComparison.Ordinal);
        Assert.DoesNotContain("<?xml", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_headless_browser_shows_the_chart_with_its_three_series()
    {
        var page = Write();

        var dom = await HeadlessChromium.DumpDomAsync(page);

        var figure = FigurePattern().Match(dom);
        Assert.True(figure.Success, "the rendered page has no events-per-hour figure");
        var svg = figure.Groups["svg"].Value;
        Assert.Contains("<svg", svg, StringComparison.Ordinal);
        Assert.Contains(EventsPerHourChart.LandedLabel, svg, StringComparison.Ordinal);
        Assert.Contains(EventsPerHourChart.QuarantinedLabel, svg, StringComparison.Ordinal);
        Assert.Contains(EventsPerHourChart.DeadLetterLabel, svg, StringComparison.Ordinal);
        Assert.Contains("the required field 'event_type' is missing", dom, StringComparison.Ordinal);
    }

    [Fact]
    public async Task The_screenshot_of_the_page_is_not_blank_and_shows_the_series_colours()
    {
        var page = Write();
        var png = Path.Combine(_folder, "status.png");

        await HeadlessChromium.ScreenshotAsync(page, png);

        using var bitmap = SKBitmap.Decode(png);
        Assert.NotNull(bitmap);
        var colours = new HashSet<SKColor>();
        for (var y = 0; y < bitmap.Height; y += 3)
        {
            for (var x = 0; x < bitmap.Width; x += 3)
            {
                colours.Add(bitmap.GetPixel(x, y));
            }
        }

        Assert.True(colours.Count > 20, $"the screenshot has only {colours.Count} colour(s): the page rendered blank");
        // The landed bars are drawn sea green: the chart itself was painted, not only the text.
        Assert.Contains(colours, c => c.Red == 46 && c.Green == 139 && c.Blue == 87);
    }

    [Fact]
    public void The_page_fetches_nothing_from_anywhere()
    {
        var html = StatusPage.Render(lake.Report, "local");

        Assert.DoesNotMatch(ExternalReference(), html);
        Assert.DoesNotContain("<script", html, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("<link", html, StringComparison.OrdinalIgnoreCase);
    }

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    private string Write()
    {
        var file = Path.Combine(_folder, "status.html");
        File.WriteAllText(file, StatusPage.Render(lake.Report, "local"));
        return file;
    }

    [GeneratedRegex("""<figure id="events-per-hour">(?<svg>.*?)</figure>""", RegexOptions.Singleline)]
    private static partial Regex FigurePattern();

    [GeneratedRegex("""(?:src|href)\s*=\s*["']?\s*(?:[a-z][a-z0-9+.-]*:|//)(?!#)""", RegexOptions.IgnoreCase)]
    private static partial Regex ExternalReference();
}
