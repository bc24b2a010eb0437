using Scriban;
using Scriban.Parsing;
using Scriban.Runtime;
using Scriban.Syntax;
using Bpm.Documents.Templates;

namespace Bpm.Documents;

/// <summary>
/// Renders a named template from the agency-editable templates folder with a typed model.
/// <c>*.html.scriban</c> templates produce HTML and every <c>{{ expression }}</c> is HTML-escaped;
/// <c>*.txt.scriban</c> templates produce plain text (SMS).
/// Templates may call <c>qr.image code</c> for a data-URI PNG of a dossier's QR code.
/// </summary>
public sealed class DocumentRenderer
{
    private readonly TemplateSource _templates;
    private readonly DocumentLimits _limits;
    private readonly DossierQrCode _qr;

    /// <summary>Creates a renderer over a folder of templates, without overrides.</summary>
    /// <param name="templatesFolder">Folder holding the <c>*.scriban</c> files.</param>
    /// <param name="limits">Safety limits; <see cref="DocumentLimits.Default"/> when null.</param>
    public DocumentRenderer(string templatesFolder, DocumentLimits? limits = null)
        : this(new TemplateSource(templatesFolder), limits)
    {
    }

    /// <summary>Creates a renderer over a template source with per-unit overrides.</summary>
    /// <param name="templates">Shipped templates and overrides.</param>
    /// <param name="limits">Safety limits; <see cref="DocumentLimits.Default"/> when null.</param>
    /// <param name="qr">QR payloads; dossier code only when null.</param>
    public DocumentRenderer(TemplateSource templates, DocumentLimits? limits = null, DossierQrCode? qr = null)
    {
        _templates = templates;
        _limits = limits ?? DocumentLimits.Default;
        _qr = qr ?? new DossierQrCode();
    }

    /// <summary>Renders <paramref name="templateName"/> with <paramref name="model"/>'s properties as snake_case variables.</summary>
    /// <typeparam name="TModel">The form's model record.</typeparam>
    /// <param name="templateName">File name inside the templates folder, e.g. <see cref="DocumentTemplates.ApologyLetter"/>.</param>
    /// <param name="model">The data to fill in.</param>
    /// <param name="unitCode">Issuing unit, whose override of the template is used when it has one; null for the shipped template.</param>
    /// <returns>The rendered HTML or text.</returns>
    /// <exception cref="DocumentException">The template is missing, does not parse, fails at run time or exceeds a limit.</exception>
    public string Render<TModel>(string templateName, TModel model, string? unitCode = null)
        where TModel : class
    {
        ArgumentNullException.ThrowIfNull(model);
        return RenderText(templateName, _templates.Get(templateName, unitCode).Text, model);
    }

    /// <summary>
    /// Renders <paramref name="text"/> as if it were <paramref name="templateName"/>, with the same
    /// escaping and limits: how an agency's edit is tried before it is stored.
    /// </summary>
    /// <param name="templateName">The template the text would replace; decides the escaping and is named in errors.</param>
    /// <param name="text">The Scriban source to try.</param>
    /// <param name="model">The data to fill in, e.g. <see cref="TemplateSamples.For"/>.</param>
    /// <returns>The rendered HTML or text.</returns>
    /// <exception cref="DocumentException">The text does not parse, fails at run time or exceeds a limit.</exception>
    public string RenderText(string templateName, string text, object model)
    {
        ArgumentNullException.ThrowIfNull(model);
        TemplateNames.EnsurePlain(templateName);
        var template = Parse(templateName, text);
        var output = new BoundedOutput(_limits.MaxOutputChars);
        using var timeout = new CancellationTokenSource(_limits.Timeout);
        var context = new RenderContext(escapeHtml: templateName.EndsWith(".html.scriban", StringComparison.OrdinalIgnoreCase))
        {
            LoopLimit = _limits.LoopLimit,
            RecursiveLimit = _limits.RecursiveLimit,
            LimitToString = _limits.MaxOutputChars,
            // An official form must not silently print a blank where an agency mistyped a field name.
            StrictVariables = true,
            // No TemplateLoader: `include` fails, so an edited template cannot read files.
            TemplateLoader = null,
            CancellationToken = timeout.Token,
        };
        context.PushGlobal(Globals(model));
        context.PushOutput(output);
        try
        {
            template.Render(context);
        }
        catch (ScriptRuntimeException ex)
        {
            throw new DocumentException(templateName, ex.Span.Start.Line + 1, ex.Span.Start.Column + 1, ex.OriginalMessage, ex);
        }
        catch (OutputTooLongException ex)
        {
            throw new DocumentException(templateName, 0, 0, ex.Message, ex);
        }
        catch (OperationCanceledException ex)
        {
            throw new DocumentException(templateName, 0, 0, $"rendering took longer than {_limits.Timeout.TotalSeconds:0.###} s", ex);
        }
        return output.ToString();
    }

    private static Template Parse(string templateName, string text)
    {
        var template = Template.Parse(text, templateName);
        var error = template.Messages.FirstOrDefault(m => m.Type == ParserMessageType.Error);
        if (error is not null)
            throw new DocumentException(templateName, error.Span.Start.Line + 1, error.Span.Start.Column + 1, error.Message);
        return template;
    }

    private ScriptObject Globals(object model)
    {
        var globals = new ScriptObject();
        globals.Import(model);
        var vn = new ScriptObject();
        vn.Import(typeof(VietnameseFormat));
        globals.SetValue("vn", vn, readOnly: true);
        var qr = new ScriptObject();
        qr.Import("image", new Func<string, string>(_qr.PngDataUri));
        globals.SetValue("qr", qr, readOnly: true);
        return globals;
    }

    private sealed class RenderContext(bool escapeHtml) : TemplateContext
    {
        // Auto-escape: whatever an expression prints is text, never markup; literal template text is left alone.
        public override TemplateContext Write(SourceSpan span, object? textAsObject)
        {
            if (!escapeHtml || textAsObject is null)
                return base.Write(span, textAsObject);
            return base.Write(span, EscapeHtml(ObjectToString(textAsObject) ?? ""));
        }
    }

    // Only the five markup characters: WebUtility.HtmlEncode would also turn "à", "Ô"… into numeric entities.
    private static string EscapeHtml(string text) => text
        .Replace("&", "&amp;", StringComparison.Ordinal)
        .Replace("<", "&lt;", StringComparison.Ordinal)
        .Replace(">", "&gt;", StringComparison.Ordinal)
        .Replace("\"", "&quot;", StringComparison.Ordinal)
        .Replace("'", "&#39;", StringComparison.Ordinal);

    private sealed class OutputTooLongException(int limit) : Exception($"output longer than {limit} characters");

    private sealed class BoundedOutput(int limit) : IScriptOutput
    {
        private readonly StringWriter _writer = new();

        public void Write(string text, int offset, int count)
        {
            if (_writer.GetStringBuilder().Length + count > limit)
                throw new OutputTooLongException(limit);
            _writer.Write(text.AsSpan(offset, count));
        }

        public ValueTask WriteAsync(string text, int offset, int count, CancellationToken cancellationToken)
        {
            Write(text, offset, count);
            return ValueTask.CompletedTask;
        }

        public override string ToString() => _writer.ToString();
    }
}
