using System.Security.Cryptography;
using System.Text;

namespace PipedriveMaileon.Grains.Engagement;

/// <summary>
/// Decides the write that keeps a mailing's entry current — one entry per person and mailing, updated in place when
/// counts grow, nothing when the content is what was last written — and records its outcome. An entry keeps the
/// target it was created with when the setting changes later; one a user deleted is not written again.
/// </summary>
public static class EngagementEntryPlanner
{
    public static EngagementWrite Plan(MailingEngagement mailing, EngagementTarget target, string subject, string body)
    {
        ArgumentNullException.ThrowIfNull(mailing);
        var entry = mailing.Entry;
        var digest = Digest(subject, body);
        var kind = entry.Gone || entry.WrittenDigest == digest ? EngagementWriteKind.None
            : entry.PipedriveId is not null ? EngagementWriteKind.Update
            : entry.CreateStartedAt is not null ? EngagementWriteKind.FindThenCreate
            : EngagementWriteKind.Create;
        return new EngagementWrite(kind, entry.Target ?? target, entry.PipedriveId, subject, body, digest);
    }

    /// <summary>Recorded before a create is sent, so a lost answer leads to a look-up, not a second entry.</summary>
    public static void CreateStarted(MailingEngagement mailing, EngagementWrite write, DateTimeOffset at)
    {
        ArgumentNullException.ThrowIfNull(mailing);
        ArgumentNullException.ThrowIfNull(write);
        mailing.Entry.Target = write.Target;
        mailing.Entry.CreateStartedAt ??= at;
    }

    /// <summary>The entry now holds <paramref name="write"/>'s content (created, found or updated).</summary>
    public static void Written(MailingEngagement mailing, EngagementWrite write, long pipedriveId)
    {
        ArgumentNullException.ThrowIfNull(mailing);
        ArgumentNullException.ThrowIfNull(write);
        (mailing.Entry.Target, mailing.Entry.PipedriveId, mailing.Entry.WrittenDigest, mailing.Entry.CreateStartedAt) =
            (write.Target, pipedriveId, write.Digest, null);
    }

    /// <summary>The entry is gone in Pipedrive (an update found nothing): a user deleted it; leave it deleted.</summary>
    public static void Vanished(MailingEngagement mailing)
    {
        ArgumentNullException.ThrowIfNull(mailing);
        (mailing.Entry.Gone, mailing.Entry.CreateStartedAt) = (true, null);
    }

    private static string Digest(string subject, string body) =>
        Convert.ToHexString(SHA256.HashData(Encoding.UTF8.GetBytes(subject + "\n" + body)))[..16];
}
