using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using Graph.Core.Domain;

namespace Graph.Core.Storage;

/// <summary>
/// The id of a piece of evidence: the article, where its sentence starts, source, target and type. Every store names the
/// same reading of the same sentence alike, and it stays the same when the article is extracted again (by this or a
/// newer extractor) as long as that reading is still made: what a retraction holds on to.
/// </summary>
public static class EvidenceIdentity
{
    public static string Of(string articleId, Relation r) =>
        Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(
            string.Join('\u001f', articleId, r.Start.ToString(CultureInfo.InvariantCulture), r.Source, r.Target, TypeName(r.Type)))))[..32];

    /// <summary>The stores' spelling of a type (<c>SUPPORT</c>), which the id has always been made of.</summary>
    private static string TypeName(RelationType type) => type.ToString().ToUpperInvariant();
}
