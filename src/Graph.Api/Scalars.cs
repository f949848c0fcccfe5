using System.Globalization;
using GraphQL.Types;
using GraphQLParser.AST;

namespace Graph.Api;

/// <summary><c>Date</c>: a <see cref="DateOnly"/> as ISO 8601 <c>yyyy-MM-dd</c>, nothing else.</summary>
public sealed class DateScalar : ScalarGraphType
{
    private const string Format = "yyyy-MM-dd";

    public DateScalar()
    {
        Name = "Date";
        Description = "A calendar day, ISO 8601 (yyyy-MM-dd).";
    }

    public override object? Serialize(object? value) => value switch
    {
        null => null,
        DateOnly d => d.ToString(Format, CultureInfo.InvariantCulture),
        _ => ThrowSerializationError(value),
    };

    public override object? ParseValue(object? value) => value switch
    {
        null => null,
        DateOnly d => d,
        string s when DateOnly.TryParseExact(s, Format, CultureInfo.InvariantCulture, DateTimeStyles.None, out var d) => d,
        _ => ThrowValueConversionError(value),
    };

    public override object? ParseLiteral(GraphQLValue value) => value switch
    {
        GraphQLNullValue => null,
        GraphQLStringValue s => ParseValue((string)s.Value),
        _ => ThrowLiteralConversionError(value),
    };
}

/// <summary><c>DateTime</c>: a <see cref="DateTimeOffset"/> as ISO 8601 with its offset.</summary>
public sealed class DateTimeScalar : ScalarGraphType
{
    public DateTimeScalar()
    {
        Name = "DateTime";
        Description = "A point in time, ISO 8601 with offset.";
    }

    public override object? Serialize(object? value) => value switch
    {
        null => null,
        DateTimeOffset d => d.ToString("yyyy-MM-dd'T'HH:mm:ss.FFFFFFFzzz", CultureInfo.InvariantCulture),
        _ => ThrowSerializationError(value),
    };

    public override object? ParseValue(object? value) => value switch
    {
        null => null,
        DateTimeOffset d => d,
        string s when s.Length >= 10 && DateTimeOffset.TryParse(s, CultureInfo.InvariantCulture, DateTimeStyles.AssumeUniversal, out var d) => d,
        _ => ThrowValueConversionError(value),
    };

    public override object? ParseLiteral(GraphQLValue value) => value switch
    {
        GraphQLNullValue => null,
        GraphQLStringValue s => ParseValue((string)s.Value),
        _ => ThrowLiteralConversionError(value),
    };
}
