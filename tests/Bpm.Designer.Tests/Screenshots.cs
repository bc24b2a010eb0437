using Microsoft.Playwright;
using Xunit.Abstractions;

namespace Bpm.Designer.Tests;

/// <summary>Screenshots of the designer in the test output folder, for a reviewer to look at.</summary>
internal static class Screenshots
{
    public static string Folder => Path.Combine(AppContext.BaseDirectory, "screenshots");

    public static async Task<string> SaveAsync(IPage page, string name, ITestOutputHelper output)
    {
        Directory.CreateDirectory(Folder);
        var path = Path.Combine(Folder, name + ".png");
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = path });
        output.WriteLine($"screenshot: {path}");
        Console.WriteLine($"screenshot: {path}");
        return path;
    }
}
