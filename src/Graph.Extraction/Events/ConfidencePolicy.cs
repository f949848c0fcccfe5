using System.Text.Json;
using Graph.Core.Domain;

namespace Graph.Extraction.Events;

/// <summary>The one confidence policy (graph-seed/lexicon/confidence.json): a base per form, adjustments per weakness.</summary>
internal sealed class ConfidencePolicy
{
    private readonly Dictionary<string, double> _base = new(StringComparer.OrdinalIgnoreCase);
    private readonly Dictionary<string, double> _adjust = new(StringComparer.OrdinalIgnoreCase);
    private double _floor = 0.05;
    private double _ceiling = 0.95;

    public static ConfidencePolicy Read(JsonElement root)
    {
        var policy = new ConfidencePolicy
        {
            _floor = root.GetProperty("floor").GetDouble(),
            _ceiling = root.GetProperty("ceiling").GetDouble(),
        };
        foreach (var p in root.GetProperty("base").EnumerateObject())
        {
            policy._base[p.Name] = p.Value.GetDouble();
        }

        foreach (var p in root.GetProperty("adjust").EnumerateObject())
        {
            policy._adjust[p.Name] = p.Value.GetDouble();
        }

        foreach (var form in Enum.GetNames<ReadingForm>())
        {
            if (!policy._base.ContainsKey(form))
            {
                throw new InvalidDataException($"confidence.json: no base for '{form.ToLowerInvariant()}'");
            }
        }

        return policy;
    }

    public double Of(Reading r)
    {
        double c = _base[r.Form.ToString()];
        c += r.IndirectActor ? Adjust("indirectActor") : 0;
        c += r.ViaPlace ? Adjust("viaPlace") : 0;
        c += r.InheritedSubject ? Adjust("inheritedSubject") : 0;
        c += r.DistantSubject ? Adjust("distantSubject") : 0;
        c += r.Modality switch
        {
            Modality.Hypothetical => Adjust("hypothetical"),
            Modality.Negated => Adjust("negated"),
            Modality.Reported => Adjust("reported"),
            Modality.Future => Adjust("future"),
            _ => 0,
        };
        return Math.Round(Math.Clamp(c, _floor, _ceiling), 2);
    }

    private double Adjust(string name) => _adjust.TryGetValue(name, out var adjust) ? adjust : 0;
}
