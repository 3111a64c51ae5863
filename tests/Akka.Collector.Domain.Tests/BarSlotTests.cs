using Akka.Collector.Domain.Alignment;
using NodaTime;

namespace Akka.Collector.Domain.Tests;

public sealed class BarSlotTests
{
    private static readonly BarSlot Slot = new(
        Instant.FromUtc(2026, 3, 10, 15, 0),
        Instant.FromUtc(2026, 3, 10, 15, 5),
        new LocalDate(2026, 3, 10));

    [Fact]
    public void Should_become_final_exactly_when_its_end_plus_the_grace_is_reached()
    {
        // arrange
        var grace = Duration.FromSeconds(15);
        var finalAt = Instant.FromUtc(2026, 3, 10, 15, 5, 15);

        // act and assert
        Assert.False(Slot.IsFinalAt(finalAt - Duration.Epsilon, grace));
        Assert.True(Slot.IsFinalAt(finalAt, grace));
        Assert.True(Slot.IsFinalAt(finalAt + Duration.FromDays(1), grace));
    }

    [Fact]
    public void Should_be_final_at_its_end_without_a_grace()
    {
        // act and assert
        Assert.True(Slot.IsFinalAt(Slot.End, Duration.Zero));
        Assert.False(Slot.IsFinalAt(Slot.Start, Duration.Zero));
    }
}
