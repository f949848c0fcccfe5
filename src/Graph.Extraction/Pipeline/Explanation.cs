using System.Text;
using Graph.Core.Domain;
using Graph.Extraction.Chunks;
using Graph.Extraction.Text;
using Graph.Extraction.Words;

namespace Graph.Extraction.Pipeline;

/// <summary>Writes what each stage made of each sentence, one block a sentence.</summary>
internal static class Explanation
{
    public static string Of(ExtractorData data, Article article)
    {
        var text = new StringBuilder();
        var language = data.Language;
        var trace = new Dictionary<int, List<string>>();
        var analysis = new Analysis.ArticleAnalysis(data, article) { Trace = trace };
        analysis.Run();
        foreach (var sentence in Segmenter.Split(article.Text, data.Page))
        {
            var claused = analysis.Analysed.TryGetValue(sentence.Index, out var read) ? read : language.Analyse(sentence);
            var chunked = claused.Chunks;
            text.Append("sentence ").Append(sentence.Index).Append(": ").AppendLine(sentence.Text);
            text.Append("  words: ").AppendJoin(' ', chunked.Words.Select(w => $"{w.Text}/{w.Tag.Name()}{(w.Lemma != w.Lower ? "=" + w.Lemma : string.Empty)}")).AppendLine();
            text.Append("  chunks:");
            foreach (var c in chunked.Chunks)
            {
                text.Append(' ').Append(Describe(chunked, c));
            }

            text.AppendLine();
            foreach (var p in claused.Predications)
            {
                var v = chunked.Verbs[p.Verb];
                text.Append("  clause ").Append(p.Kind.ToString().ToLowerInvariant()).Append(": ")
                    .Append(string.Join(" & ", p.Subjects.Select(n => chunked.Text(n.Start, n.End)))).Append(" | ").Append(v.Lemma)
                    .Append(v.Voice == Voice.Passive ? " (passive)" : string.Empty).Append(" | ")
                    .Append(string.Join(" & ", p.Objects.Select(n => chunked.Text(n.Start, n.End))));
                if (p.SecondObject is { } second)
                {
                    text.Append(" + ").Append(chunked.Text(second.Start, second.End));
                }

                foreach (var pp in p.Prepositions)
                {
                    text.Append(" | ").Append(pp.Preposition).Append(' ').Append(string.Join(" & ", pp.Nouns.Select(n => chunked.Text(n.Start, n.End))));
                }

                if (p.Governor >= 0)
                {
                    text.Append("  <- ").Append(chunked.Verbs[claused.Predications[p.Governor].Verb].Lemma);
                }

                text.AppendLine();
            }

            if (claused.Frame is { } frame)
            {
                text.Append("  frame: said by ").AppendJoin(" & ", frame.Speakers.Select(n => chunked.Text(n.Start, n.End))).AppendLine();
            }

            foreach (var line in trace.GetValueOrDefault(sentence.Index) ?? [])
            {
                text.Append("  ").AppendLine(line);
            }
        }

        return text.ToString();
    }

    private static string Describe(ChunkedSentence s, Chunk c) => c.Kind switch
    {
        ChunkKind.Noun => $"[NP {s.Text(c.Start, c.End)}{(s.Nouns[c.Phrase].Possessor is { } p ? " (of " + s.Text(p.Start, p.End) + ")" : string.Empty)}]",
        ChunkKind.Verb => $"[VG {s.Text(c.Start, c.End)} :{s.Verbs[c.Phrase].Lemma} {Flags(s.Verbs[c.Phrase])}]",
        ChunkKind.Preposition => $"[P {s.Text(c.Start, c.End)}]",
        ChunkKind.Subordinator => $"[SUB {s.Text(c.Start, c.End)}]",
        ChunkKind.Relative => $"[REL {s.Text(c.Start, c.End)}]",
        ChunkKind.Coordinator => $"[CC {s.Text(c.Start, c.End)}]",
        _ => s.Text(c.Start, c.End),
    };

    private static string Flags(VerbGroup v) =>
        string.Join(',', new[]
        {
            v.Voice == Voice.Passive ? "passive" : null, v.Form.ToString().ToLowerInvariant(), v.Negated ? "negated" : null, v.Modal,
            v.Perfect ? "perfect" : null, v.Copula ? "copula" : null,
        }.Where(x => x is not null));
}
