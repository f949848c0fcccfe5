using System.Globalization;

namespace Graph.Extraction.Evaluation;

public enum FindingKind
{
    ActorNotInGold,
    MissedActor,
    MissedAffiliation,
    RelationNotInGold,
    MissedRelation,
    ForbiddenReading,
}

/// <summary>One miss, extra or forbidden reading, worded as score.py words it (<c>--verbose</c>).</summary>
public sealed record EvalFinding(string Article, FindingKind Kind, string Text)
{
    public override string ToString() => $"  [{Article}] {Text}";
}

/// <summary>Micro-averaged counts over all articles; the figures are derived from them as score.py derives them.</summary>
public sealed record EvalCounts(
    int ActorsCorrect,
    int ActorsWrong,
    int ActorsRequired,
    int ActorsFound,
    int RelationsCorrect,
    int RelationsWrong,
    int RelationsRequired,
    int RelationsFound,
    int Typed,
    int Forbidden,
    int AffiliationsRequired,
    int AffiliationsFound)
{
    public double ActorPrecision => (double)ActorsCorrect / Math.Max(1, ActorsCorrect + ActorsWrong);

    public double ActorRecall => (double)ActorsFound / Math.Max(1, ActorsRequired);

    public double ActorF1 => F1(ActorPrecision, ActorRecall);

    public double RelationPrecision => (double)RelationsCorrect / Math.Max(1, RelationsCorrect + RelationsWrong);

    public double RelationRecall => (double)RelationsFound / Math.Max(1, RelationsRequired);

    public double RelationF1 => F1(RelationPrecision, RelationRecall);

    private static double F1(double p, double r) => p + r == 0 ? 0 : 2 * p * r / (p + r);
}

/// <summary>
/// The score of extracted articles against a gold set, and the lines score.py would print for it. <c>Unextracted</c>
/// lists the gold articles no extracted article paired with: all their required items count as missed.
/// </summary>
public sealed record EvalReport(EvalCounts Counts, IReadOnlyList<EvalFinding> Findings, IReadOnlyList<string> Unextracted)
{
    /// <summary>The findings (when <paramref name="verbose"/>), the unextracted articles, then the summary; the last line is the relation F1.</summary>
    public IEnumerable<string> Lines(bool verbose)
    {
        if (verbose)
        {
            foreach (var finding in Findings)
            {
                yield return finding.ToString();
            }
        }

        foreach (var article in Unextracted)
        {
            yield return $"no extraction for gold article {article} (counts as all missed)";
        }

        var c = Counts;
        yield return $"actors     precision {Fixed3(c.ActorPrecision)} recall {Fixed3(c.ActorRecall)} F1 {Fixed3(c.ActorF1)}";
        yield return $"affiliations {c.AffiliationsFound}/{c.AffiliationsRequired}";
        yield return $"relations  precision {Fixed3(c.RelationPrecision)} ({c.RelationsCorrect}/{c.RelationsCorrect + c.RelationsWrong}) "
            + $"recall {Fixed3(c.RelationRecall)} ({c.RelationsFound}/{c.RelationsRequired})";
        yield return $"typed      {c.Typed}/{c.RelationsFound} matched required relations carry an accepted type";
        yield return $"forbidden  {c.Forbidden}";
        yield return $"relation F1 {Fixed3(c.RelationF1)}";
    }

    /// <summary>Three decimals as Python's <c>:.3f</c>: an exact tie rounds to even (0.0625 is 0.062), where .NET rounds it up.</summary>
    public static string Fixed3(double x)
    {
        // Only multiples of 1/16 tie at the fourth decimal, and decimal holds those exactly.
        return x * 16 == Math.Floor(x * 16)
            ? Math.Round((decimal)x, 3, MidpointRounding.ToEven).ToString("F3", CultureInfo.InvariantCulture)
            : x.ToString("F3", CultureInfo.InvariantCulture);
    }
}

/// <summary>
/// Scores extracted articles against hand-made gold with the matching rules of <c>../shared/eval/score.py</c>
/// (its README): the figures must be the same as that script's for the same files, so users and CI agree.
/// </summary>
public static class GoldScorer
{
    public static EvalReport Score(GoldSet gold, IEnumerable<ExtractedArticle> extracted)
    {
        var tally = new Tally();
        var findings = new List<EvalFinding>();
        var seen = new HashSet<string>(StringComparer.Ordinal);
        foreach (var doc in extracted)
        {
            var key = new[] { doc.Id, Names.BaseName(doc.Source) }.FirstOrDefault(gold.ByArticle.ContainsKey);
            if (key is null)
            {
                continue;
            }

            seen.Add(key);
            new ArticleScore(key, gold.ByArticle[key], doc, tally, findings).Run();
        }

        var unextracted = gold.ByArticle.Keys.Where(k => !seen.Contains(k)).Order(StringComparer.Ordinal).ToList();
        foreach (var g in unextracted.Select(k => gold.ByArticle[k]))
        {
            tally.ActorsRequired += g.Actors.Count(a => a.Required);
            tally.RelationsRequired += g.Relations.Count(r => r.Required);
        }

        return new EvalReport(tally.ToCounts(), findings, unextracted);
    }

    private static string Sign(double polarity) => polarity > 0 ? "+" : polarity < 0 ? "-" : "0";

    /// <summary>The first <paramref name="n"/> code points, as a Python slice.</summary>
    private static string Head(string s, int n) => string.Concat(s.EnumerateRunes().Take(n).Select(r => r.ToString()));

    private static string Show(string? s) => s ?? "None";

    private sealed class Tally
    {
        public int ActorsCorrect, ActorsWrong, ActorsRequired, ActorsFound;
        public int RelationsCorrect, RelationsWrong, RelationsRequired, RelationsFound;
        public int Typed, Forbidden, AffiliationsRequired, AffiliationsFound;

        public EvalCounts ToCounts() => new(
            ActorsCorrect, ActorsWrong, ActorsRequired, ActorsFound, RelationsCorrect, RelationsWrong, RelationsRequired, RelationsFound,
            Typed, Forbidden, AffiliationsRequired, AffiliationsFound);
    }

    /// <summary>A gold relation or a forbidden reading with endpoints, as matched: sets of keys and of polarities.</summary>
    private sealed record Pattern(HashSet<string> Sources, HashSet<string> Targets, string[] Polarities, IReadOnlyList<string> Types)
    {
        public static Pattern Of(string source, string target, string polarity, IReadOnlyList<string> types) =>
            new([.. source.Split('|')], [.. target.Split('|')], polarity.Split('|'), types);
    }

    /// <summary>One article against its gold.</summary>
    private sealed class ArticleScore
    {
        private readonly string _key;
        private readonly GoldArticle _gold;
        private readonly Tally _tally;
        private readonly List<EvalFinding> _findings;
        private readonly ExtractedArticle _doc;

        // Gold key -> its folded aliases and key, in gold order.
        private readonly Dictionary<string, HashSet<string>> _aliases = new(StringComparer.Ordinal);

        // Actor id -> actor: the last actor with an id wins, at the place of the first, as in a Python dict.
        private readonly Dictionary<string, ExtractedActor> _actors = new(StringComparer.Ordinal);
        private readonly List<string> _actorOrder = [];
        private readonly Dictionary<string, HashSet<string>> _keys = new(StringComparer.Ordinal);

        public ArticleScore(string key, GoldArticle gold, ExtractedArticle doc, Tally tally, List<EvalFinding> findings)
        {
            (_key, _gold, _doc, _tally, _findings) = (key, gold, doc, tally, findings);
            foreach (var g in gold.Actors)
            {
                _aliases[g.Key] = [.. g.Aliases.Append(g.Key).Select(Names.Fold)];
            }

            foreach (var a in doc.Actors)
            {
                if (!_actors.ContainsKey(a.Id))
                {
                    _actorOrder.Add(a.Id);
                }

                _actors[a.Id] = a;
            }
        }

        public void Run()
        {
            ScoreActors();
            ScoreRelations();
        }

        private void Add(FindingKind kind, string text) => _findings.Add(new EvalFinding(_key, kind, text));

        /// <summary>The gold keys an actor's name, aliases or codes name (codes by prefix when the gold says so).</summary>
        private HashSet<string> OwnKeys(ExtractedActor a)
        {
            var codes = a.Codes.Select(Names.Fold).ToHashSet(StringComparer.Ordinal);
            var names = a.Aliases.Select(Names.Fold).Append(Names.Fold(a.Name ?? "")).ToHashSet(StringComparer.Ordinal);
            names.UnionWith(codes);
            var keys = _aliases.Where(kv => kv.Value.Overlaps(names)).Select(kv => kv.Key).ToHashSet(StringComparer.Ordinal);
            if (_gold.CodePrefix)
            {
                keys.UnionWith(_aliases.Keys.Where(k => codes.Any(c => c.StartsWith(Names.Fold(k), StringComparison.Ordinal))));
            }

            return keys;
        }

        /// <summary>An actor's gold keys; with rollup, a person also counts as whom it is affiliated with (one level).</summary>
        private HashSet<string> KeysOf(string? actorId)
        {
            if (actorId is null || !_actors.TryGetValue(actorId, out var actor))
            {
                return [];
            }

            if (_keys.TryGetValue(actorId, out var known))
            {
                return known;
            }

            var keys = OwnKeys(actor);
            if (_gold.Rollup)
            {
                foreach (var id in actor.AffiliationIds)
                {
                    if (id is not null && _actors.TryGetValue(id, out var affiliated))
                    {
                        keys.UnionWith(OwnKeys(affiliated));
                    }
                }
            }

            _keys[actorId] = keys;
            return keys;
        }

        private void ScoreActors()
        {
            var found = new HashSet<string>(StringComparer.Ordinal);
            foreach (var a in _actorOrder.Select(id => _actors[id]))
            {
                var keys = KeysOf(a.Id);
                found.UnionWith(keys);
                // Places are context, not actors the gold must list: they never count against precision.
                if (a.Kind == "location")
                {
                    continue;
                }

                if (keys.Count > 0)
                {
                    _tally.ActorsCorrect++;
                }
                else
                {
                    _tally.ActorsWrong++;
                    Add(FindingKind.ActorNotInGold, $"actor not in gold: {Show(a.Name)} ({Show(a.Kind)})");
                }
            }

            foreach (var g in _gold.Actors)
            {
                if (g.Required)
                {
                    _tally.ActorsRequired++;
                    if (found.Contains(g.Key))
                    {
                        _tally.ActorsFound++;
                    }
                    else
                    {
                        Add(FindingKind.MissedActor, $"missed actor: {g.Key}");
                    }
                }

                if (g.Affiliation is not null && found.Contains(g.Key))
                {
                    _tally.AffiliationsRequired++;
                    var ok = _actorOrder.Select(id => _actors[id]).Any(a => KeysOf(a.Id).Contains(g.Key)
                        && a.AffiliationIds.Any(id => KeysOf(id).Contains(g.Affiliation)));
                    if (ok)
                    {
                        _tally.AffiliationsFound++;
                    }
                    else
                    {
                        Add(FindingKind.MissedAffiliation, $"missed affiliation: {g.Key} -> {g.Affiliation}");
                    }
                }
            }
        }

        private bool Matches(ExtractedRelation r, Pattern g) =>
            KeysOf(r.Source).Overlaps(g.Sources) && KeysOf(r.Target).Overlaps(g.Targets)
            && (g.Polarities.Contains(Sign(r.Polarity)) || (g.Polarities.Contains("any") && r.Type is not null && g.Types.Contains(r.Type)));

        private void ScoreRelations()
        {
            var golds = _gold.Relations.Select(g => (Gold: g, Pattern: Pattern.Of(g.Source, g.Target, g.Polarity, g.Types))).ToList();
            var rels = _doc.Relations;

            // Precision counts each distinct (source, target, polarity sign) once, judged by its first relation.
            var tuples = new Dictionary<(string, string, string), ExtractedRelation>();
            var order = new List<(string Source, string Target, string Sign)>();
            foreach (var r in rels)
            {
                var tuple = (r.Source, r.Target, Sign(r.Polarity));
                if (tuples.TryAdd(tuple, r))
                {
                    order.Add(tuple);
                }
            }

            foreach (var tuple in order)
            {
                var first = tuples[tuple];
                if (golds.Any(g => Matches(first, g.Pattern)))
                {
                    _tally.RelationsCorrect++;
                }
                else
                {
                    _tally.RelationsWrong++;
                    var source = _actors.GetValueOrDefault(tuple.Source)?.Name;
                    var target = _actors.GetValueOrDefault(tuple.Target)?.Name;
                    Add(FindingKind.RelationNotInGold,
                        $"relation not in gold: {Show(source)} -{Show(first.Type)}({tuple.Sign})-> {Show(target)} :: {Head(first.Sentence, 100)}");
                }
            }

            foreach (var (g, pattern) in golds.Where(g => g.Gold.Required))
            {
                _tally.RelationsRequired++;
                var hits = rels.Where(r => Matches(r, pattern)).ToList();
                if (hits.Count > 0)
                {
                    _tally.RelationsFound++;
                    if (hits.Any(r => r.Type is not null && g.Types.Contains(r.Type)))
                    {
                        _tally.Typed++;
                    }
                }
                else
                {
                    var types = "[" + string.Join(", ", g.Types.Select(t => $"'{t}'")) + "]";
                    Add(FindingKind.MissedRelation, $"missed relation {g.Id}: {g.Source} {types} {g.Target} :: {Head(g.Evidence, 90)}");
                }
            }

            foreach (var f in _gold.Forbidden)
            {
                var pattern = f.Source is null ? null : Pattern.Of(f.Source, f.Target!, f.Polarity!, f.Types);
                foreach (var r in rels)
                {
                    if (r.Sentence.ToLowerInvariant().Contains(f.SentenceContains.ToLowerInvariant(), StringComparison.Ordinal)
                        && (pattern is null || Matches(r, pattern)))
                    {
                        _tally.Forbidden++;
                        Add(FindingKind.ForbiddenReading, $"forbidden reading: {f.Note}");
                    }
                }
            }
        }
    }
}
