using Bpm.Persistence;

namespace Bpm.Dossiers.Handoffs;

/// <summary>Writes a message to a partner into the caller's unit of work, so that it exists exactly when the step that causes it commits.</summary>
internal static class HandoffOutbox
{
    public static void Add<T>(BpmDbContext db, string key, string partner, string kind, string url, string dossierCode, T message, DateTimeOffset now) =>
        db.HandoffMessages.Add(new HandoffMessageRecord
        {
            Key = key,
            Partner = partner,
            Kind = kind,
            Url = url,
            Body = HandoffWire.Json(message),
            DossierCode = dossierCode,
            CreatedAt = now,
            NextAttemptAt = now,
        });
}
