using MudBlazor;

namespace Bpm.Server.Components.Layout;

/// <summary>
/// The designer's look (src/Bpm.Designer/src/styles.css) as a MudBlazor theme: the same dark red
/// header, blue links and buttons, system fonts with Vietnamese glyphs, 14px text.
/// </summary>
public static class BpmTheme
{
    public const string HeaderRed = "#7a1c1c";

    private static readonly string[] FontFamily = ["Segoe UI", "Roboto", "Noto Sans", "Arial", "sans-serif"];

    public static MudTheme Theme { get; } = new()
    {
        PaletteLight = new PaletteLight
        {
            Primary = "#0b5cad",
            Secondary = HeaderRed,
            Error = "#b3261e",
            Success = "#1b7f3b",
            Warning = "#c77700",
            AppbarBackground = HeaderRed,
            AppbarText = "#ffffff",
            Background = "#f5f7fa",
            TextPrimary = "#1d2733",
            TextSecondary = "#5f6b7a",
            LinesDefault = "#d5d9e0",
            TableLines = "#d5d9e0",
        },
        Typography = new Typography
        {
            Default = new DefaultTypography { FontFamily = FontFamily, FontSize = "0.875rem" },
            H1 = new H1Typography { FontFamily = FontFamily, FontSize = "1.5rem", FontWeight = "600", LineHeight = "1.3" },
            H2 = new H2Typography { FontFamily = FontFamily, FontSize = "1.15rem", FontWeight = "600", LineHeight = "1.3" },
            Body1 = new Body1Typography { FontFamily = FontFamily, FontSize = "0.875rem" },
            Body2 = new Body2Typography { FontFamily = FontFamily, FontSize = "0.8125rem" },
            Button = new ButtonTypography { FontFamily = FontFamily, TextTransform = "none" },
        },
        LayoutProperties = new LayoutProperties { AppbarHeight = "48px" },
    };
}
