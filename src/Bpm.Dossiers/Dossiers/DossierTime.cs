using System.Globalization;
using Bpm.Engine.Calendar;

namespace Bpm.Dossiers.Dossiers;

/// <summary>How a moment of a dossier is shown to people: dd/MM/yyyy HH:mm in Vietnam's time.</summary>
public static class DossierTime
{
    public static string Display(DateTimeOffset at) =>
        at.ToOffset(VietnameseWorkingCalendar.UtcOffset).ToString("dd/MM/yyyy HH:mm", CultureInfo.InvariantCulture);
}
