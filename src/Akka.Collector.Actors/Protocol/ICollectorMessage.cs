namespace Akka.Collector.Actors.Protocol;

/// <summary>
/// Marks every message that may cross nodes or be persisted. The HOCON binds this interface
/// to a compact binary serializer, so no message silently falls back to JSON; a test finds
/// every implementation by reflection and round-trips it.
/// </summary>
public interface ICollectorMessage;
