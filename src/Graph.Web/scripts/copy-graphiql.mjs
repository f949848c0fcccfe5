// GraphiQL 3 ships a UMD build; copying it with React 18's UMD files into the output gives an
// offline GraphiQL page with no bundling and nothing fetched from a CDN.
import { copyFileSync, mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

const out = join(process.env.EXPLORER_OUT ?? 'dist', 'graphiql');
mkdirSync(out, { recursive: true });
const files = {
  'react.production.min.js': 'node_modules/react/umd/react.production.min.js',
  'react-dom.production.min.js': 'node_modules/react-dom/umd/react-dom.production.min.js',
  'graphiql.min.js': 'node_modules/graphiql/graphiql.min.js',
  'graphiql.min.css': 'node_modules/graphiql/graphiql.min.css',
};
for (const [name, from] of Object.entries(files)) copyFileSync(from, join(out, name));

writeFileSync(join(out, 'index.html'), `<!doctype html>
<html lang="en">
<head>
  <meta charset="utf-8">
  <meta name="viewport" content="width=device-width, initial-scale=1">
  <title>GraphiQL · Graph</title>
  <link rel="stylesheet" href="/graphiql/graphiql.min.css">
  <style>html, body, #graphiql { height: 100%; margin: 0; }</style>
</head>
<body>
  <div id="graphiql">Loading GraphiQL…</div>
  <script src="/graphiql/react.production.min.js"></script>
  <script src="/graphiql/react-dom.production.min.js"></script>
  <script src="/graphiql/graphiql.min.js"></script>
  <script>
    const fetcher = GraphiQL.createFetcher({ url: '/graphql' });
    const defaultQuery = '# Where does Russia stand towards Assad, and why?\\n{\\n  stance(from: "Russia", to: "Assad") {\\n    score\\n    label\\n    evidence { sentence article { title } }\\n  }\\n}\\n';
    ReactDOM.createRoot(document.getElementById('graphiql'))
      .render(React.createElement(GraphiQL, { fetcher, defaultQuery, defaultEditorToolsVisibility: true }));
  </script>
</body>
</html>
`);
console.log(`GraphiQL copied to ${out}`);
