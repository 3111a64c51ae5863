using Akka.Collector.Vendors.Replay;
using NodaTime;

namespace Akka.Collector.Vendors.Tests.Support;

/// <summary>What every regular session read from a recorded file must be, whatever its
/// format.</summary>
internal static class SessionAssert
{
    /// <summary>Each session holds its 390 minutes, the open's to 15:59's, every bar
    /// consistent.</summary>
    public static void WholeAndConsistent(IEnumerable<RecordedSession> sessions) =>
        Assert.All(sessions, s =>
        {
            Assert.Equal(390, s.Minutes.Count);
            Assert.Equal(s.Open, s.Minutes[0].Start);
            Assert.Equal(s.Open + Duration.FromMinutes(389), s.Minutes[^1].Start);
            Assert.All(s.Minutes, m => Assert.Null(m.Inconsistency()));
        });
}
