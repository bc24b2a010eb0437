namespace Bpm.Organisation;

/// <summary>
/// Where a unit serves, as Decision 468/QĐ-TTg sets one-stop officers' yearly targets: 1,600
/// dossiers in general (urban), 1,200 in rural and 800 in remote areas.
/// </summary>
public enum AreaClass
{
    Urban,
    Rural,
    Remote,
}
