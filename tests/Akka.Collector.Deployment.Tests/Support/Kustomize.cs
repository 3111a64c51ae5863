using System.Diagnostics;
using System.Text.Json;
using YamlDotNet.Core;
using YamlDotNet.Core.Events;
using YamlDotNet.Serialization;

namespace Akka.Collector.Deployment.Tests.Support;

/// <summary>
/// An overlay rendered by the real kubectl kustomize, as JSON documents to assert on. hocon/
/// lives outside k8s/, so the render needs LoadRestrictionsNone, as README's command does.
/// </summary>
public sealed class Kustomize
{
    private Kustomize(IReadOnlyList<JsonElement> documents) => Documents = documents;

    public IReadOnlyList<JsonElement> Documents { get; }

    public static bool KubectlMissing =>
        !(Environment.GetEnvironmentVariable("PATH") ?? "")
            .Split(Path.PathSeparator, StringSplitOptions.RemoveEmptyEntries)
            .Any(dir => File.Exists(Path.Combine(dir, "kubectl")));

    public static async Task<Kustomize> RenderAsync(string overlay)
    {
        var start = new ProcessStartInfo("kubectl")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            ArgumentList =
            {
                "kustomize", "--load-restrictor", "LoadRestrictionsNone",
                Repo.PathOf("k8s", "overlays", overlay),
            },
        };
        using var process = Process.Start(start)!;
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync().WaitAsync(TimeSpan.FromMinutes(2));

        Assert.True(process.ExitCode == 0, $"kubectl kustomize {overlay}: {await error}");
        return new Kustomize(Parse(await output));
    }

    public IEnumerable<JsonElement> OfKind(string kind) =>
        Documents.Where(d => d.GetProperty("kind").GetString() == kind);

    public JsonElement Single(string kind) => Assert.Single(OfKind(kind));

    public JsonElement Named(string kind, string name) => Assert.Single(
        OfKind(kind), d => d.GetProperty("metadata").GetProperty("name").GetString() == name);

    private static List<JsonElement> Parse(string yaml)
    {
        var deserializer = new DeserializerBuilder().Build();
        var json = new SerializerBuilder().JsonCompatible().Build();
        var parser = new Parser(new StringReader(yaml));
        parser.Consume<StreamStart>();

        var documents = new List<JsonElement>();
        while (parser.Accept<DocumentStart>(out _))
        {
            var document = deserializer.Deserialize<object>(parser);
            if (document is not null)
                documents.Add(JsonDocument.Parse(json.Serialize(document)).RootElement.Clone());
        }

        return documents;
    }
}
