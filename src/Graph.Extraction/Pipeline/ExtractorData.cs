using System.Text.Json;
using Graph.Extraction.Analysis;
using Graph.Extraction.Events;
using Graph.Extraction.Mentions;
using Graph.Extraction.Text;
using Graph.Extraction.Words;

namespace Graph.Extraction.Pipeline;

/// <summary>Everything the stages read, loaded once from the actor knowledge base and the lexicon; shared by all threads.</summary>
internal sealed class ExtractorData
{
    public ExtractorData(ActorKnowledge kb, IReadOnlyDictionary<string, JsonElement> files)
    {
        Kb = kb;

        // The world's cities go in beneath the hand-made knowledge base, which has been read in full by now.
        Places = files.TryGetValue("places.json", out var places) ? PlacePolicy.Read(places) : throw new InvalidDataException("The lexicon has no places.json.");
        WorldPlaces.AddTo(kb, Places, WorldCities.Default, EnglishWords.Default);
        Page = files.TryGetValue("page.json", out var page) ? PageRules.Read(page) : throw new InvalidDataException("The lexicon has no page.json.");
        Dates = files.TryGetValue("dates.json", out var dates) ? EventDates.Read(dates) : throw new InvalidDataException("The lexicon has no dates.json.");
        Language = Language.Load(files);
        Mentions = files.TryGetValue("mentions.json", out var mentions) ? MentionLexicon.Read(mentions) : throw new InvalidDataException("The lexicon has no mentions.json.");
        Misspellings = new Misspellings(kb, Mentions.MisspeltNames);
        Events = EventPatterns.Load(files);
        Modality = files.TryGetValue("modality.json", out var m) ? ModalityPolicy.Read(m) : throw new InvalidDataException("The lexicon has no modality.json.");
        Confidence = files.TryGetValue("confidence.json", out var c) ? ConfidencePolicy.Read(c) : throw new InvalidDataException("The lexicon has no confidence.json.");
        Agents = files.TryGetValue("agents.json", out var a) ? AgentNouns.Read(a) : throw new InvalidDataException("The lexicon has no agents.json.");
        Reader = new EventReader(Events, Modality, Language.Classes, Language.Closed, Agents);
    }

    public ActorKnowledge Kb { get; }

    public PlacePolicy Places { get; }

    public PageRules Page { get; }

    public EventDates Dates { get; }

    public Language Language { get; }

    public MentionLexicon Mentions { get; }

    public Misspellings Misspellings { get; }

    public EventPatterns Events { get; }

    public ModalityPolicy Modality { get; }

    public ConfidencePolicy Confidence { get; }

    public AgentNouns Agents { get; }

    public EventReader Reader { get; }
}
