namespace Bpm.Engine;

/// <summary>The XML namespaces Bpm reads.</summary>
public static class BpmnNames
{
    /// <summary>BPMN 2.0 model namespace.</summary>
    public const string Model = "http://www.omg.org/spec/BPMN/20100524/MODEL";

    /// <summary>Bpm's extension namespace (see docs/bpmn-extensions.md).</summary>
    public const string Extension = "urn:bpm-vn:bpmn:1.0";

    internal const string Xsi = "http://www.w3.org/2001/XMLSchema-instance";
}
