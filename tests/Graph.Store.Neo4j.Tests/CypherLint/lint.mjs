// Usage: node lint.mjs statements.json  ({"name": "cypher", ...}); prints the problems found as JSON, one per line.
// Undefined $parameters are not problems here: the store always sends them.
import { readFileSync } from 'node:fs';
import { lintCypherQuery } from '@neo4j-cypher/language-support';

const statements = JSON.parse(readFileSync(process.argv[2], 'utf8'));
for (const [name, cypher] of Object.entries(statements)) {
  for (const version of ['CYPHER 5 ', 'CYPHER 25 ']) {
    const result = lintCypherQuery(version + cypher, {});
    const diagnostics = Array.isArray(result) ? result : (result.diagnostics ?? []);
    for (const d of diagnostics) {
      if (!/^Parameter \$\w+ is not defined/.test(d.message)) {
        console.log(JSON.stringify({ name, version: version.trim(), severity: d.severity, message: d.message }));
      }
    }
  }
}
