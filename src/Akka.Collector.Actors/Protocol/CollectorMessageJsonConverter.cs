using Akka.Actor;
using Newtonsoft.Json;

namespace Akka.Collector.Actors.Protocol;

/// <summary>
/// Lets Akka's JSON serializer carry a collector message inside one of Akka's own envelopes
/// (the journal's internal replies, for one) by writing it with
/// <see cref="CollectorMessageSerializer"/>: the manifest and the binary payload, base64. Our
/// messages hold types JSON cannot rebuild (canonical intervals, read-only lists), so without
/// it such an envelope fails to serialize, which under serialize-messages loses the journal's
/// answer. Registered in hocon/akka.conf (serialization-settings.json.converters).
/// </summary>
public sealed class CollectorMessageJsonConverter(ExtendedActorSystem system) : JsonConverter
{
    private const string ManifestField = "m";
    private const string BytesField = "b";

    private readonly CollectorMessageSerializer _serializer = new(system);

    public override bool CanConvert(Type objectType) =>
        typeof(ICollectorMessage).IsAssignableFrom(objectType);

    public override void WriteJson(JsonWriter writer, object? value, JsonSerializer serializer)
    {
        if (value is null)
        {
            writer.WriteNull();
            return;
        }

        // The type name first, so a field declared as object reads back through this converter.
        var type = value.GetType();
        writer.WriteStartObject();
        writer.WritePropertyName("$type");
        writer.WriteValue($"{type.FullName}, {type.Assembly.GetName().Name}");
        writer.WritePropertyName(ManifestField);
        writer.WriteValue(_serializer.Manifest(value));
        writer.WritePropertyName(BytesField);
        writer.WriteValue(Convert.ToBase64String(_serializer.ToBinary(value)));
        writer.WriteEndObject();
    }

    public override object? ReadJson(
        JsonReader reader, Type objectType, object? existingValue, JsonSerializer serializer)
    {
        if (reader.TokenType == JsonToken.Null)
            return null;

        // Newtonsoft hands over either the whole object or, having read "$type" to find this
        // converter, the rest of it: read properties up to the object's end either way.
        if (reader.TokenType == JsonToken.StartObject)
            reader.Read();

        string? manifest = null;
        string? bytes = null;
        while (reader.TokenType == JsonToken.PropertyName)
        {
            var name = (string)reader.Value!;
            reader.Read();
            if (name == ManifestField)
                manifest = (string?)reader.Value;
            else if (name == BytesField)
                bytes = (string?)reader.Value;
            else
                reader.Skip();
            reader.Read();
        }

        if (manifest is null || bytes is null)
            throw new JsonSerializationException(
                $"a collector message needs '{ManifestField}' and '{BytesField}'");

        return _serializer.FromBinary(Convert.FromBase64String(bytes), manifest);
    }
}
