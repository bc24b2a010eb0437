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
        XmlReader? reader = null;
        try
        {
            // Creating the reader already reads the first block, so it can throw too.
            reader = XmlReader.Create(text, settings);
            var lineInfo = (IXmlLineInfo)reader;
            while (reader.Read())
            {
                switch (reader.NodeType)
                {
                    case XmlNodeType.Element:
                        if (++count > limits.MaxElements)
                        {
                            diagnostics.Add(Diagnostic.Of(DiagnosticCodes.TooManyElements, lineInfo.LineNumber, null, reader.LocalName, Number(limits.MaxElements)));
                            return null;
                        }

                        if (stack.Count + 1 > limits.MaxDepth)
                        {
                            diagnostics.Add(Diagnostic.Of(DiagnosticCodes.NestedTooDeep, lineInfo.LineNumber, null, reader.LocalName, Number(limits.MaxDepth)));
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
            diagnostics.Add(Describe(e, limits));
            return null;
        }
        finally
        {
            reader?.Dispose();
        }

        if (root is null)
        {
            diagnostics.Add(Diagnostic.Of(DiagnosticCodes.EmptyDocument, 1, null, null));
        }

        return root;
    }

    private static Diagnostic Describe(XmlException e, ReaderLimits limits)
    {
        var message = e.Message;
        if (message.Contains("DTD", StringComparison.OrdinalIgnoreCase))
        {
            return Diagnostic.Of(DiagnosticCodes.DtdRefused, e.LineNumber, null, null);
        }

        if (message.Contains("MaxCharactersInDocument", StringComparison.Ordinal)
            || message.Contains("maximum allowed size", StringComparison.OrdinalIgnoreCase))
        {
            return Diagnostic.Of(DiagnosticCodes.DocumentTooLarge, e.LineNumber, null, null, Number(limits.MaxBytes));
        }

        var cut = message.IndexOf(" Line ", StringComparison.Ordinal);
        return Diagnostic.Of(DiagnosticCodes.NotWellFormed, e.LineNumber, null, null, cut > 0 ? message[..cut] : message);
    }

    private static string Number(long n) => n.ToString(System.Globalization.CultureInfo.InvariantCulture);
}
