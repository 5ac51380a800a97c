using System.Text.Json;
using System.Text.Json.Serialization;

namespace CustomerSegmentation.Export;

/// <summary>
/// The one JSON style of every export: System.Text.Json with web defaults (camelCase properties; dictionary keys
/// as written), indented, enums as their names. NaN and infinities are written as null by the callers.
/// </summary>
internal static class ExportJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        WriteIndented = true,
        Converters = { new JsonStringEnumConverter() },
    };

    /// <summary>The value as indented JSON.</summary>
    public static string Serialize<T>(T value) => JsonSerializer.Serialize(value, Options);

    /// <summary>The value, or null when it is NaN or infinite (JSON has no such numbers).</summary>
    public static double? Finite(double value) => double.IsFinite(value) ? value : null;
}
