using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using AngleSharp.Html.Parser;

namespace Bpm.Server.Tests.Infrastructure;

/// <summary>Posts a page's form as a browser would: its hidden fields (antiforgery token, form name) plus the typed ones.</summary>
public static class HtmlForms
{
    public static IHtmlDocument Parse(string html) => new HtmlParser().ParseDocument(html);

    /// <summary>GETs <paramref name="page"/>, fills the form posting to <paramref name="action"/> and posts it.</summary>
    public static async Task<HttpResponseMessage> SubmitAsync(HttpClient client, string page, string action, IReadOnlyDictionary<string, string> typed)
    {
        var html = await (await client.GetAsync(page)).Content.ReadAsStringAsync();
        var fields = HiddenFields(html, action);
        foreach (var (name, value) in typed)
        {
            fields[name] = value;
        }

        return await client.PostAsync(action, new FormUrlEncodedContent(fields));
    }

    public static Dictionary<string, string> HiddenFields(string html, string action)
    {
        var form = Parse(html).QuerySelectorAll<IHtmlFormElement>("form").SingleOrDefault(f => f.GetAttribute("action") == action);
        Assert.True(form is not null, $"no form posting to {action} in:\n{html}");
        return form.QuerySelectorAll<IHtmlInputElement>("input[type=hidden]").ToDictionary(i => i.Name!, i => i.Value);
    }

    /// <summary>
    /// GETs <paramref name="page"/> and posts its Blazor form named <paramref name="formName"/> back to it, as a
    /// browser does (these forms post to their own address): every named input as it stands (checkboxes only when
    /// ticked), each select's chosen option, each textarea, then the typed fields.
    /// </summary>
    public static async Task<HttpResponseMessage> SubmitNamedAsync(HttpClient client, string page, string formName, IReadOnlyDictionary<string, string> typed)
    {
        var html = await (await client.GetAsync(page)).Content.ReadAsStringAsync();
        return await client.PostAsync(page, new FormUrlEncodedContent(NamedFormFields(html, formName, typed)));
    }

    /// <summary>What a browser sends for the Blazor form named <paramref name="formName"/> in <paramref name="html"/>, with the typed fields over it.</summary>
    public static Dictionary<string, string> NamedFormFields(string html, string formName, IReadOnlyDictionary<string, string> typed)
    {
        var form = Parse(html).QuerySelectorAll<IHtmlFormElement>("form")
            .SingleOrDefault(f => f.QuerySelector($"input[name=_handler][value='{formName}']") is not null);
        Assert.True(form is not null, $"no form named {formName} in:\n{html}");
        var fields = form.QuerySelectorAll<IHtmlInputElement>("input[name]")
            .Where(i => i.Type is not ("checkbox" or "radio") || i.IsChecked)
            .ToDictionary(i => i.Name!, i => i.Value);
        foreach (var select in form.QuerySelectorAll<IHtmlSelectElement>("select[name]"))
        {
            fields[select.Name!] = select.Value ?? "";
        }

        foreach (var area in form.QuerySelectorAll<IHtmlTextAreaElement>("textarea[name]"))
        {
            fields[area.Name!] = area.Value;
        }

        foreach (var (name, value) in typed)
        {
            fields[name] = value;
        }

        return fields;
    }

    /// <summary>The sign-in page's form: user name, password, and the return address it was opened with.</summary>
    public static Task<HttpResponseMessage> SignInAsync(HttpClient client, string userName, string password, string? returnUrl = null)
    {
        var typed = new Dictionary<string, string> { ["Input.UserName"] = userName, ["Input.Password"] = password };
        if (returnUrl is not null)
        {
            typed["Input.ReturnUrl"] = returnUrl;
        }

        return SubmitAsync(client, "/account/login", "/account/login", typed);
    }
}
