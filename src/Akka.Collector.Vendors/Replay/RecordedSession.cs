using Akka.Collector.Domain.Candles;
using NodaTime;

namespace Akka.Collector.Vendors.Replay;

/// <summary>
/// One recorded regular session of one symbol: its US-Eastern date, the instant of its
/// 09:30 open and its start-labelled 1m bars, oldest first (a minute with no trade is absent).
/// </summary>
public sealed record RecordedSession(LocalDate Date, Instant Open, IReadOnlyList<Candle> Minutes);
