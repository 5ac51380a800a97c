using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace CustomerSegmentation.Data;

/// <summary>
/// Reads the fields of a model file strictly, naming the JSON path (such as <c>$.segments[3].centre</c>) in every
/// error: numbers must be JSON numbers (never strings such as "NaN") and finite once parsed (1e400 is rejected, not
/// read as infinity), objects have only the properties they are known to have, and a property appears once.
/// </summary>
internal static class StrictJson
{
    private static readonly JsonDocumentOptions Document = new() { AllowDuplicateProperties = false };

    /// <summary>Parses JSON text, rejecting repeated property names.</summary>
    /// <exception cref="JsonException">The text is not JSON or repeats a property.</exception>
    public static JsonNode? Parse(string json) => JsonNode.Parse(json, documentOptions: Document);

    /// <summary>The path of property <paramref name="name"/> of the object at <paramref name="path"/>.</summary>
    public static string Child(string path, string name) => $"{path}.{name}";

    /// <summary>The path of item <paramref name="index"/> of the array at <paramref name="path"/>.</summary>
    public static string Item(string path, int index) => string.Create(CultureInfo.InvariantCulture, $"{path}[{index}]");

    /// <summary>The error for a bad value at <paramref name="path"/>.</summary>
    public static InvalidDataException Error(string path, string problem, Exception? inner = null)
        => new($"The model file is not valid at {path}: {problem}", inner);

    /// <summary>A required object.</summary>
    public static JsonObject Object(JsonNode? node, string path)
        => node as JsonObject ?? throw Wrong(node, path, "an object");

    /// <summary>A required array.</summary>
    public static JsonArray Array(JsonNode? node, string path)
        => node as JsonArray ?? throw Wrong(node, path, "a list");

    /// <summary>A required string.</summary>
    public static string Text(JsonNode? node, string path)
        => node is JsonValue value && value.GetValueKind() == JsonValueKind.String ? value.GetValue<string>() : throw Wrong(node, path, "a string");

    /// <summary>A required JSON number, finite in double precision.</summary>
    public static double Number(JsonNode? node, string path)
    {
        if (node is not JsonValue value || value.GetValueKind() != JsonValueKind.Number)
        {
            throw Wrong(node, path, "a number");
        }

        string text = value.ToJsonString();
        double number = double.Parse(text, NumberStyles.Float, CultureInfo.InvariantCulture);
        return double.IsFinite(number) ? number : throw Error(path, $"{text} is not a finite number (it overflows double precision).");
    }

    /// <summary>A required JSON number, in double precision, that stays finite when rounded to float32 (as the kernels compute).</summary>
    public static double InFloat32Range(JsonNode? node, string path)
    {
        double number = Number(node, path);
        return float.IsFinite((float)number) ? number
            : throw Error(path, string.Create(CultureInfo.InvariantCulture, $"{number:R} is not a finite number in float32 (the largest is {float.MaxValue:R})."));
    }

    /// <summary>A required whole number in the range of <see cref="int"/>.</summary>
    public static int Integer(JsonNode? node, string path)
    {
        double number = Number(node, path);
        return number == Math.Floor(number) && number >= int.MinValue && number <= int.MaxValue ? (int)number
            : throw Error(path, string.Create(CultureInfo.InvariantCulture, $"{number:R} is not a whole number."));
    }

    /// <summary>A required list of finite numbers (float32 when <paramref name="float32"/>), of <paramref name="length"/> items when given.</summary>
    public static double[] Numbers(JsonNode? node, string path, int? length = null, bool float32 = false)
    {
        JsonArray items = Array(node, path);
        if (length is int expected && items.Count != expected)
        {
            throw Error(path, string.Create(CultureInfo.InvariantCulture, $"it has {items.Count} values but needs {expected}, one per feature."));
        }

        var numbers = new double[items.Count];
        for (int i = 0; i < numbers.Length; i++)
        {
            numbers[i] = float32 ? InFloat32Range(items[i], Item(path, i)) : Number(items[i], Item(path, i));
        }

        return numbers;
    }

    /// <summary>A required list of strings, none null.</summary>
    public static string[] Texts(JsonNode? node, string path)
    {
        JsonArray items = Array(node, path);
        var texts = new string[items.Count];
        for (int i = 0; i < texts.Length; i++)
        {
            texts[i] = Text(items[i], Item(path, i));
        }

        return texts;
    }

    /// <summary>Rejects any property of <paramref name="json"/> not in <paramref name="known"/> (a misspelt optional property would otherwise be silently ignored).</summary>
    public static void OnlyProperties(JsonObject json, string path, params ReadOnlySpan<string> known)
    {
        foreach ((string name, JsonNode? _) in json)
        {
            if (!known.Contains(name))
            {
                throw Error(Child(path, name), $"'{name}' is not a property of a model file here; the properties are {string.Join(", ", known.ToArray())}.");
            }
        }
    }

    /// <summary>A required property (present and not null).</summary>
    public static JsonNode Required(JsonObject json, string path, string name)
        => json[name] ?? throw new InvalidDataException(
            $"The model file is missing '{name}' at {Child(path, name)}; it may be truncated or written by another program.");

    private static InvalidDataException Wrong(JsonNode? node, string path, string expected)
        => Error(path, node is null ? $"it is null but must be {expected}." : $"{Describe(node)} is not {expected}.");

    private static string Describe(JsonNode node)
    {
        string text = node.ToJsonString();
        return text.Length <= 40 ? text : text[..40] + "...";
    }
}
