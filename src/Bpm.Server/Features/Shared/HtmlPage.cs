using System.Text.Encodings.Web;

namespace Bpm.Server.Features.Shared;

/// <summary>The frame of the server-rendered pages (Vietnamese, no script).</summary>
internal static class HtmlPage
{
    /// <summary>Vietnamese letters stay as they are; only what HTML needs is escaped.</summary>
    private static readonly HtmlEncoder Encoder = HtmlEncoder.Create(System.Text.Unicode.UnicodeRanges.All);

    public static string Encode(string? text) => Encoder.Encode(text ?? "");

    public static IResult Render(string title, string body, int statusCode = StatusCodes.Status200OK) =>
        Results.Content($$"""
            <!DOCTYPE html>
            <html lang="vi">
            <head>
            <meta charset="utf-8">
            <meta name="viewport" content="width=device-width, initial-scale=1">
            <title>{{Encode(title)}} — Bpm</title>
            <style>
            body { font-family: system-ui, "Segoe UI", Roboto, sans-serif; margin: 0; color: #1f2937; background: #f8fafc; }
            header { background: #b91c1c; color: #fff; padding: 0.8rem 1.5rem; display: flex; justify-content: space-between; align-items: center; }
            header a { color: #fff; }
            main { max-width: 60rem; margin: 1.5rem auto; padding: 0 1.5rem; }
            section { background: #fff; border: 1px solid #e5e7eb; border-radius: 0.5rem; padding: 1rem 1.5rem; margin-bottom: 1rem; }
            table { border-collapse: collapse; width: 100%; }
            th, td { text-align: left; padding: 0.35rem 0.5rem; border-bottom: 1px solid #e5e7eb; }
            label { display: block; margin-top: 0.8rem; }
            input[type=text], input[type=password] { width: 100%; max-width: 22rem; padding: 0.4rem; }
            button { margin-top: 1rem; padding: 0.5rem 1.2rem; background: #b91c1c; color: #fff; border: 0; border-radius: 0.3rem; }
            .error { color: #b91c1c; font-weight: 600; }
            .note { color: #6b7280; font-size: 0.9rem; }
            </style>
            </head>
            <body>
            <header><strong><a href="/">Bpm</a> — Giải quyết thủ tục hành chính theo quy trình nội bộ</strong></header>
            <main>
            {{body}}
            </main>
            </body>
            </html>
            """, "text/html; charset=utf-8", System.Text.Encoding.UTF8, statusCode);
}
