namespace Bpm.Server.Features.Account;

/// <summary>
/// Where a sign-in may send the browser back to: a path on this server and nothing else. A return
/// address is followed only when it is a local path ("/inbox"), not protocol-relative ("//host",
/// "/\host", which browsers read as another host), and made only of visible ASCII: no control
/// character or tab (browsers drop those, turning "/\t/evil.example" into "//evil.example"), no
/// space, nothing a Location header cannot carry. Anything else goes to "/".
/// </summary>
public static class ReturnUrls
{
    public const string Home = "/";

    public static bool IsLocal(string? url) =>
        url is { Length: > 0 }
        && url[0] == '/'
        && (url.Length == 1 || (url[1] != '/' && url[1] != '\\'))
        && url.All(c => c is > ' ' and < '\x7f');

    public static string OrHome(string? url) => IsLocal(url) ? url! : Home;
}
