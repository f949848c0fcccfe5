using System.Text.Json.Serialization;

namespace Graph.Core.Domain;

/// <summary>The 16 PLOVER event types (PLOVER manual v2.0).</summary>
[JsonConverter(typeof(UpperCaseEnumConverter<RelationType>))]
public enum RelationType
{
    Agree,
    Consult,
    Support,
    Concede,
    Cooperate,
    Aid,
    Retreat,
    Request,
    Accuse,
    Reject,
    Threaten,
    Protest,
    Sanction,
    Mobilize,
    Coerce,
    Assault,
}

/// <summary>Verbal or material, cooperation or conflict: the four quad classes of CAMEO and PLOVER.</summary>
public enum QuadClass
{
    VerbalCooperation = 1,
    MaterialCooperation = 2,
    VerbalConflict = 3,
    MaterialConflict = 4,
}

/// <summary>What event-data users need to line our output up with GDELT (CAMEO) and POLECAT (PLOVER).</summary>
public sealed record PloverType(RelationType Type, string Name, string CameoRoot, string CameoName, double Score, QuadClass Quad)
{
    /// <summary>Default polarity of the type: the sign of its conflict/cooperation score.</summary>
    public int Polarity => Math.Sign(Score);
}

public static class Plover
{
    // Scores are on PLOVER's -10..+10 conflict/cooperation scale. AID, COOPERATE, SUPPORT, CONSULT, REJECT,
    // THREATEN, COERCE and ASSAULT are the manual's values; the others are placed between them by their CAMEO root.
    private static readonly PloverType[] All =
    [
        new(RelationType.Agree, "AGREE", "03", "Express intent to cooperate", 4.0, QuadClass.VerbalCooperation),
        new(RelationType.Consult, "CONSULT", "04", "Consult", 2.5, QuadClass.VerbalCooperation),
        new(RelationType.Support, "SUPPORT", "05", "Engage in diplomatic cooperation", 5.0, QuadClass.VerbalCooperation),
        new(RelationType.Concede, "CONCEDE", "08", "Yield", 5.0, QuadClass.MaterialCooperation),
        new(RelationType.Cooperate, "COOPERATE", "06", "Engage in material cooperation", 9.5, QuadClass.MaterialCooperation),
        new(RelationType.Aid, "AID", "07", "Provide aid", 10.0, QuadClass.MaterialCooperation),
        new(RelationType.Retreat, "RETREAT", "08", "Yield", 4.0, QuadClass.MaterialCooperation),
        new(RelationType.Request, "REQUEST", "02", "Appeal", 1.0, QuadClass.VerbalCooperation),
        new(RelationType.Accuse, "ACCUSE", "11", "Disapprove", -3.0, QuadClass.VerbalConflict),
        new(RelationType.Reject, "REJECT", "12", "Reject", -2.0, QuadClass.VerbalConflict),
        new(RelationType.Threaten, "THREATEN", "13", "Threaten", -3.5, QuadClass.VerbalConflict),
        new(RelationType.Protest, "PROTEST", "14", "Protest", -4.5, QuadClass.VerbalConflict),
        new(RelationType.Sanction, "SANCTION", "16", "Reduce relations", -5.5, QuadClass.MaterialConflict),
        new(RelationType.Mobilize, "MOBILIZE", "15", "Exhibit force posture", -5.0, QuadClass.MaterialConflict),
        new(RelationType.Coerce, "COERCE", "17", "Coerce", -7.0, QuadClass.MaterialConflict),
        new(RelationType.Assault, "ASSAULT", "18", "Assault", -9.0, QuadClass.MaterialConflict),
    ];

    public static IReadOnlyList<PloverType> Types => All;

    public static PloverType Of(RelationType type) => All[(int)type];

    public static bool TryParse(string? name, out RelationType type) =>
        Enum.TryParse(name, ignoreCase: true, out type) && Enum.IsDefined(type);
}
