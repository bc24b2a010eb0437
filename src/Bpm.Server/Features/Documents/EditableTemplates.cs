using Bpm.Documents.Templates;
using Bpm.Notifications;

namespace Bpm.Server.Features.Documents;

/// <summary>
/// The shipped templates a unit may replace with its own: the forms (<see cref="TemplateNames.Shipped"/>)
/// and the notices (<see cref="NoticeTemplates.All"/>), each with the sample model an edited version
/// must render against before it is stored. Bpm.Documents does not know the notices (they sit above
/// it, in Bpm.Notifications), so the two lists meet here, where both are used.
/// </summary>
public static class EditableTemplates
{
    public static IReadOnlyList<string> Names { get; } = [.. TemplateNames.Shipped, .. NoticeTemplates.All()];

    /// <summary>The sample model of <paramref name="templateName"/>, one of <see cref="Names"/>.</summary>
    public static object Sample(string templateName) =>
        NoticeSamples.ForTemplate(templateName) ?? TemplateSamples.For(templateName);
}
