using System.Collections;
using System.Reflection;
using Akka.Collector.Domain.Intervals;

namespace Akka.Collector.Actors.Tests.Serialization;

/// <summary>
/// Compares a message with its round-tripped copy by content. Record equality alone is not
/// enough: a list member compares by reference, so lists are compared element by element and
/// our own types property by property. A BarInterval must be the very canonical instance.
/// </summary>
public static class Equivalence
{
    public static void AssertEquivalent(object expected, object? actual)
    {
        var difference = FirstDifference(expected, actual, expected.GetType().Name);
        Assert.True(difference is null, $"round trip changed the message: {difference}");
    }

    // Null when the two are equivalent, otherwise the path and values of the first difference.
    private static string? FirstDifference(object? expected, object? actual, string path)
    {
        if (expected is null || actual is null)
            return expected is null && actual is null ? null : Differs(path, expected, actual);

        // Which list class carries the items is no part of the message; the items are.
        if (expected is IEnumerable e && expected is not string
            && actual is IEnumerable a && actual is not string)
            return SequenceDifference(e, a, path);

        var type = expected.GetType();
        if (type != actual.GetType())
            return $"{path}: {type.Name} came back as {actual.GetType().Name}";

        if (expected is BarInterval)
        {
            return ReferenceEquals(expected, actual)
                ? null
                : $"{path}: {actual} is a copy, not the canonical BarInterval.{actual}";
        }

        if (expected is string || type.IsPrimitive || type.IsEnum || expected is decimal)
            return Equals(expected, actual) ? null : Differs(path, expected, actual);

        if (expected is IEnumerable expectedItems && actual is IEnumerable actualItems)
            return SequenceDifference(expectedItems, actualItems, path);

        if (IsComposite(type))
            return PropertyDifference(type, expected, actual, path);

        return Equals(expected, actual) ? null : Differs(path, expected, actual);
    }

    private static string? SequenceDifference(
        IEnumerable expected, IEnumerable actual, string path)
    {
        var e = expected.Cast<object?>().ToList();
        var a = actual.Cast<object?>().ToList();
        if (e.Count != a.Count)
            return $"{path}: {e.Count} items came back as {a.Count}";

        return e.Select((item, i) => FirstDifference(item, a[i], $"{path}[{i}]"))
            .FirstOrDefault(d => d is not null);
    }

    private static string? PropertyDifference(
        Type type, object expected, object actual, string path)
    {
        var properties = type.GetProperties(BindingFlags.Public | BindingFlags.Instance)
            .Where(p => p.CanRead && p.GetIndexParameters().Length == 0);

        return properties
            .Select(p => FirstDifference(
                p.GetValue(expected), p.GetValue(actual), $"{path}.{p.Name}"))
            .FirstOrDefault(d => d is not null);
    }

    // Our own records and key-value pairs are compared member by member; anything else
    // (Instant, TimeSpan, ...) by its own Equals.
    private static bool IsComposite(Type type) =>
        type.Namespace?.StartsWith("Akka.Collector", StringComparison.Ordinal) == true
        || (type.IsGenericType && type.GetGenericTypeDefinition() == typeof(KeyValuePair<,>));

    private static string Differs(string path, object? expected, object? actual) =>
        $"{path}: {expected ?? "null"} came back as {actual ?? "null"}";
}
