using System.Reflection;
using System.Runtime.CompilerServices;
using System.Xml.Linq;
using CustomerSegmentation.Pipeline;

namespace CustomerSegmentation.Plotly.Tests;

/// <summary>
/// Every public method and constructor of both packages documents each of its parameters (the compiler checks only
/// that a member has some documentation), read from the XML documentation files the packages ship.
/// </summary>
public sealed class PublicApiDocumentationTests
{
    public static TheoryData<string> Packages() => new() { typeof(SegmentationPipeline).Assembly.GetName().Name!, typeof(SegmentReport).Assembly.GetName().Name! };

    [Theory]
    [MemberData(nameof(Packages))]
    public void Every_parameter_of_every_public_method_is_documented(string package)
    {
        Assembly assembly = Assembly.Load(package);
        string xml = Path.Combine(AppContext.BaseDirectory, package + ".xml");
        Assert.True(File.Exists(xml), $"The documentation file {xml} is missing.");
        var members = XDocument.Load(xml).Descendants("member")
            .Select(m => (Id: (string)m.Attribute("name")!, Element: m))
            .ToList();

        var undocumented = new List<string>();
        int checkedMethods = 0;
        foreach (Type type in assembly.GetExportedTypes().Where(t => !typeof(Delegate).IsAssignableFrom(t)))
        {
            string typeId = type.FullName!.Replace('+', '.');
            IEnumerable<MethodBase> methods = type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static | BindingFlags.DeclaredOnly)
                .Where(m => !m.IsSpecialName && m.GetCustomAttribute<CompilerGeneratedAttribute>() is null)
                .Cast<MethodBase>()
                .Concat(type.IsAbstract && type.IsSealed ? [] : type.GetConstructors());
            foreach (MethodBase method in methods.Where(m => m.GetParameters().Length > 0))
            {
                checkedMethods++;
                string name = method is ConstructorInfo ? "#ctor" : method.Name;
                string prefix = $"M:{typeId}.{name}";
                string[] parameters = [.. method.GetParameters().Select(p => p.Name!)];
                bool documented = members
                    .Where(m => m.Id.StartsWith(prefix + "(", StringComparison.Ordinal) || m.Id.StartsWith(prefix + "``", StringComparison.Ordinal) || (method is ConstructorInfo && m.Id == $"T:{typeId}"))
                    .Any(m => m.Element.Element("inheritdoc") is not null
                        || parameters.All(p => m.Element.Elements("param").Any(d => (string?)d.Attribute("name") == p)));
                if (!documented)
                {
                    undocumented.Add($"{typeId}.{name}({string.Join(", ", parameters)})");
                }
            }
        }

        Assert.True(checkedMethods > 3, $"Only {checkedMethods} methods were found in {package}.");
        Assert.True(undocumented.Count == 0, $"{undocumented.Count} public methods of {package} lack a <param> for a parameter:\n" + string.Join("\n", undocumented.Order()));
    }
}
