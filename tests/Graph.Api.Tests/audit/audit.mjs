// Usage: node audit.mjs <url>. Exit code 1 when any MUST (error) or SHOULD (warn) audit fails.
import { auditServer } from 'graphql-http';

const url = process.argv[2] ?? process.env.GQL_URL;
if (!url) {
  console.error('usage: node audit.mjs <url>');
  process.exit(2);
}

const results = await auditServer({ url });
for (const r of results) {
  console.log(`${r.status.padEnd(6)} ${r.id} ${r.name}${r.reason ? ` -- ${r.reason}` : ''}`);
}
const failed = results.filter((r) => r.status === 'error' || r.status === 'warn');
console.log(`${results.length} audits, ${failed.length} MUST/SHOULD failures, ${results.filter((r) => r.status === 'notice').length} MAY notices`);
process.exit(failed.length ? 1 : 0);
