namespace Bpm.Engine.Reading;

/// <summary>One element of the source document, with its line, kept only while the model is built.</summary>
internal sealed class XmlNode(string ns, string name, int line)
{
    public string Namespace { get; } = ns;
    public string Name { get; } = name;
    public int Line { get; } = line;
    public Dictionary<(string Ns, string Name), string> Attributes { get; } = [];
    public List<XmlNode> Children { get; } = [];
    public string Text { get; set; } = "";

    public string? Attr(string name) => Attributes.GetValueOrDefault(("", name));

    public string? Attr(string ns, string name) => Attributes.GetValueOrDefault((ns, name));

    public IEnumerable<XmlNode> Elements(string ns, string name) =>
        Children.Where(c => c.Name == name && c.Namespace == ns);

    public XmlNode? Element(string ns, string name) =>
        Children.FirstOrDefault(c => c.Name == name && c.Namespace == ns);
}
