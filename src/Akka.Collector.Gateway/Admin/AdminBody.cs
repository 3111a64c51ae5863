using System.Text;
using System.Text.Json;
using System.Text.Json.Serialization;
using Akka.Collector.Gateway.Candles;
using Microsoft.AspNetCore.Http;

namespace Akka.Collector.Gateway.Admin;

/// <summary>
/// Reads an admin request's JSON body, so a body that is not the JSON an endpoint takes is a
/// 400 saying what is wrong and where (the framework's own binding answered a bare 400).
/// </summary>
internal static class AdminBody
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web);

    /// <summary>The body, or the 400 to answer instead.</summary>
    public static async Task<(T? Body, IResult? Refusal)> ReadAsync<T>(
        HttpRequest request, CancellationToken cancel)
        where T : class
    {
        try
        {
            var body = await JsonSerializer.DeserializeAsync<T>(request.Body, Options, cancel);
            return body is null
                ? (null, Refuse("a JSON object, not null"))
                : (body, null);
        }
        catch (JsonException e)
        {
            // The path and position are the useful part; the message names .NET types.
            var where = e.Path is { Length: > 0 } path ? $" at {path}" : "";
            return (null, Refuse($"not the JSON this endpoint takes{where} " +
                                 $"(line {e.LineNumber + 1}, byte {e.BytePositionInLine})"));
        }
    }

    private static IResult Refuse(string detail) =>
        Problems.BadParameter(new ParameterError("body", detail));
}

/// <summary>
/// A JSON string, or a JSON number taken as its text: an admin time may be given as epoch
/// ms, and then it is a number as often as a string.
/// </summary>
internal sealed class TextOrNumberConverter : JsonConverter<string?>
{
    public override string? Read(
        ref Utf8JsonReader reader, Type typeToConvert, JsonSerializerOptions options) =>
        reader.TokenType switch
        {
            JsonTokenType.String => reader.GetString(),
            JsonTokenType.Number => Encoding.UTF8.GetString(reader.ValueSpan),
            JsonTokenType.Null => null,
            _ => throw new JsonException(
                $"expected a string or a number, found {reader.TokenType}"),
        };

    public override void Write(
        Utf8JsonWriter writer, string? value, JsonSerializerOptions options) =>
        writer.WriteStringValue(value);
}
