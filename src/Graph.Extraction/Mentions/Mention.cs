using Graph.Core.Domain;

namespace Graph.Extraction.Mentions;

internal enum MentionKind
{
    /// <summary>A knowledge-base name, demonym, capital or metonym, or a name learnt earlier in the article.</summary>
    Named,

    /// <summary>A person or organisation the knowledge base does not know, recognised by title, frame or shape.</summary>
    NewName,

    /// <summary>"rebels", "civilians": a collective, qualified by the text or the article's main state.</summary>
    Collective,

    /// <summary>"government helicopters", "Russian troops": the state acting through its organs.</summary>
    StateNoun,

    /// <summary>"he", "the envoy", "the Russian leader", "a US official".</summary>
    Coreference,

    Location,
}

/// <summary>A span of a sentence's tokens that stands for an actor.</summary>
internal sealed class Mention(int start, int end, string? actorId, MentionKind kind, string surface)
{
    public int Start { get; set; } = start;
    public int End { get; set; } = end;
    public string? ActorId { get; set; } = actorId;
    public MentionKind Kind { get; set; } = kind;
    public string Surface { get; set; } = surface;

    /// <summary>The collective class ("rebels") or state noun ("government") this mention was read from.</summary>
    public string? Class { get; set; }

    public ActorKind? ActorKind { get; set; }

    /// <summary>How a knowledge-base name was written: "Russian" (demonym) is weaker evidence of the state than "Russia".</summary>
    public FormKind? Form { get; set; }

    public bool IsIndirect => Kind is MentionKind.Coreference or MentionKind.Collective or MentionKind.StateNoun;

    public override string ToString() => $"{Surface}->{ActorId}[{Start},{End})";
}
