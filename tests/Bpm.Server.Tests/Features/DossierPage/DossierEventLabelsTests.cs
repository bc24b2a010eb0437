using System.Reflection;
using Bpm.Dossiers.Dossiers;
using Bpm.Server.Features.DossierPage;

namespace Bpm.Server.Tests.Features.DossierPage;

/// <summary>The timeline names every kind of dossier event in Vietnamese, not by its stored type.</summary>
public sealed class DossierEventLabelsTests
{
    public static TheoryData<string> EventTypes()
    {
        var types = new TheoryData<string>();
        foreach (var field in typeof(DossierEventType).GetFields(BindingFlags.Public | BindingFlags.Static).Where(f => f.IsLiteral))
        {
            types.Add((string)field.GetRawConstantValue()!);
        }

        return types;
    }

    [Theory]
    [MemberData(nameof(EventTypes))]
    public void Of_EveryDossierEventType_HasAVietnameseLabel(string type) =>
        Assert.NotEqual(type, DossierEventLabels.Of(type));
}
