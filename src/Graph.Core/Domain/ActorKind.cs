using System.Text.Json;
using System.Text.Json.Serialization;

namespace Graph.Core.Domain;

/// <summary>What an actor is. Serialised in snake case (<c>armed_group</c>) in every public format.</summary>
[JsonConverter(typeof(SnakeCaseEnumConverter<ActorKind>))]
public enum ActorKind
{
    Country,
    Person,
    Organization,
    ArmedGroup,
    Group,
    Location,
}

/// <summary>Enums travel as lower snake case so that <c>ArmedGroup</c> reads <c>armed_group</c>.</summary>
public sealed class SnakeCaseEnumConverter<T>() : JsonStringEnumConverter<T>(JsonNamingPolicy.SnakeCaseLower, allowIntegerValues: false)
    where T : struct, Enum;

/// <summary>PLOVER types travel upper case (<c>SUPPORT</c>), as event-data tools expect.</summary>
public sealed class UpperCaseEnumConverter<T>() : JsonStringEnumConverter<T>(JsonNamingPolicy.SnakeCaseUpper, allowIntegerValues: false)
    where T : struct, Enum;
