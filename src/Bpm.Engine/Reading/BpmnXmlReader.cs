using System.Xml;

namespace Bpm.Engine.Reading;

/// <summary>
/// Reads BPMN XML into <see cref="XmlNode"/>s with DTDs prohibited (no external entities, no
/// entity expansion) and with the size, element-count and depth limits enforced while reading.
/// </summary>
internal static class BpmnXmlReader
{
    public static XmlNode? Read(TextReader text, ReaderLimits limits, List<Diagnostic> diagnostics)
    {
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            MaxCharactersFromEntities = 1024,
            MaxCharactersInDocument = limits.MaxBytes,
            IgnoreComments = true,
            IgnoreProcessingInstructions = true,
            IgnoreWhitespace = true,
        };

        var stack = new Stack<XmlNode>();
        XmlNode? root = null;
        var count = 0;
        using var reader = XmlReader.Create(text, settings);
        var lineInfo = (IXmlLineInfo)reader;
        try
        {
            while (reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                        if (++count > limits.MaxElements)
                        {
                            diagnostics.Add(Diagnostic.Error(lineInfo.LineNumber, null, reader.LocalName,
                                $"the document has more than {limits.MaxElements} elements"));
                            return null;
                        }

                        if (stack.Count + 1 > limits.MaxDepth)
                        {
                            diagnostics.Add(Diagnostic.Error(lineInfo.LineNumber, null, reader.LocalName,
                                $"elements are nested deeper than {limits.MaxDepth} levels"));
                            return null;
                        }

                        var node = new XmlNode(reader.NamespaceURI, reader.LocalName, lineInfo.LineNumber);
                        var empty = reader.IsEmptyElement;
                        if (reader.MoveToFirstAttribute())
                        {
                            do
                            {
                                if (reader.Prefix != "xmlns" && reader.LocalName != "xmlns")
                                {
                                    node.Attributes[(reader.NamespaceURI, reader.LocalName)] = reader.Value;
                                }
                            }
                            while (reader.MoveToNextAttribute());
                            reader.MoveToElement();
                        }

                        if (stack.TryPeek(out var parent))
                        {
                            parent.Children.Add(node);
                        }
                        else
                        {
                            root = node;
                        }

                        if (!empty)
                        {
                            stack.Push(node);
                        }

                        break;
                    case XmlNodeType.EndElement:
                        stack.Pop();
                        break;
                    case XmlNodeType.Text:
                    case XmlNodeType.CDATA:
                        if (stack.TryPeek(out var owner))
                        {
                            owner.Text += reader.Value;
                        }

                        break;
                }
            }
        }
        catch (XmlException e)
        {
            diagnostics.Add(Diagnostic.Error(e.LineNumber, null, null, Describe(e, limits)));
            return null;
        }

        if (root is null)
        {
            diagnostics.Add(Diagnostic.Error(1, null, null, "the document is empty"));
        }

        return root;
    }

    private static string Describe(XmlException e, ReaderLimits limits)
    {
        var message = e.Message;
        if (message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            return "the document has a DTD (<!DOCTYPE …>); DTDs are refused, as they allow entity expansion and external entities";
        }

        if (message.Contains("MaxCharactersInDocument", StringComparison.Ordinal)
            || message.Contains("maximum allowed size", StringComparison.OrdinalIgnoreCase))
        {
            return $"the document is larger than {limits.MaxBytes} characters";
        }

        var cut = message.IndexOf(" Line ", StringComparison.Ordinal);
        return "not well-formed XML: " + (cut > 0 ? message[..cut] : message);
    }
}
