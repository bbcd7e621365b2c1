// Renders the documents docs/*.md to HTML in web/public/docs/, so that the page serves them (vite copies web/public
// into web/dist) and its citations "docs/theory.md §N" can be links. Run by `scripts/build.sh web`.
//   - headings "§N …" of docs/theory.md get the id "sN" (e.g. theory.html#s7.8); other headings GitHub's slug, so
//     that the links written for GitHub (usage.md#bias-and-variance-of-the-estimators) work here too;
//   - links between documents (x.md, x.md#y) point at the rendered pages (x.html, x.html#y);
//   - every citation "theory §N" (and "docs/theory.md §N", and each § of a list such as "theory §1, §9.8") outside code
//     becomes a link to that section;
//   - no inline script or style: the pages are served under the page's Content-Security-Policy (style-src 'self').
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import MarkdownIt from 'markdown-it';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const source = path.join(root, 'docs');
const target = path.join(root, 'web/public/docs');

export function headingId(text) {
  const section = /^§(\d+(?:\.\d+)?)\s/.exec(text);
  if (section) return `s${section[1]}`;
  return text.toLowerCase().replace(/[^\p{L}\p{N}\s_-]/gu, '').trim().replace(/\s/g, '-');
}

// "theory §1, §9.8" → links to theory.html#s1 and theory.html#s9.8. `prefix` is the path from the page to theory.html.
export function linkCitations(html, prefix = '') {
  const ref = String.raw`§(\d+(?:\.\d+)?)`;
  const pattern = new RegExp(String.raw`((?:docs/)?theory(?:\.md)?,?\s+)${ref}((?:(?:,|\s+and)\s+${ref})*)`, 'g');
  const link = (n, text) => `<a href="${prefix}theory.html#s${n}">${text}</a>`;
  // Only in text between tags, never inside <code> or <pre>.
  let depth = 0;
  return html.split(/(<[^>]+>)/).map((piece) => {
    if (piece.startsWith('<')) {
      if (/^<(code|pre)\b/.test(piece)) depth += 1;
      if (/^<\/(code|pre)>/.test(piece)) depth -= 1;
      return piece;
    }
    if (depth > 0) return piece;
    return piece.replace(pattern, (_, lead, first, rest) =>
      link(first, `${lead}§${first}`) + rest.replace(new RegExp(ref, 'g'), (m, n) => link(n, m)));
  }).join('');
}

function renderer() {
  const md = new MarkdownIt({ html: false, linkify: false, typographer: false });
  md.core.ruler.push('heading_ids', (state) => {
    state.tokens.forEach((token, i) => {
      if (token.type === 'heading_open') token.attrSet('id', headingId(state.tokens[i + 1].content));
    });
  });
  const defaultLink =
    md.renderer.rules.link_open ?? ((tokens, i, options, env, self) => self.renderToken(tokens, i, options));
  md.renderer.rules.link_open = (tokens, i, options, env, self) => {
    const href = tokens[i].attrGet('href');
    if (href && !/^[a-z]+:/i.test(href)) tokens[i].attrSet('href', href.replace(/\.md(#|$)/, '.html$1'));
    return defaultLink(tokens, i, options, env, self);
  };
  return md;
}

const css = `body { font: 16px/1.55 system-ui, sans-serif; margin: 0; color: #1d2433; background: #fff; }
nav { padding: 0.6rem 1.5rem; background: #f3f5f9; border-bottom: 1px solid #dde2ea; }
nav a { margin-right: 1rem; }
main { max-width: 62rem; margin: 0 auto; padding: 1rem 1.5rem 4rem; }
code, pre { font: 14px/1.45 ui-monospace, monospace; background: #f3f5f9; }
code { padding: 0 0.2em; }
pre { padding: 0.6rem 0.8rem; overflow-x: auto; }
pre code { padding: 0; }
table { border-collapse: collapse; margin: 0.8rem 0; display: block; overflow-x: auto; }
th, td { border: 1px solid #dde2ea; padding: 0.25rem 0.5rem; vertical-align: top; }
h2 { margin-top: 2.2rem; border-bottom: 1px solid #dde2ea; }
:target { background: #fff6d6; }
img { max-width: 100%; }
`;

export function renderAll() {
  const md = renderer();
  const documents = fs.readdirSync(source).filter((f) => f.endsWith('.md')).sort();
  const nav = ['<a href="../index.html">← the page</a>',
    ...documents.map((f) => `<a href="${f.replace(/\.md$/, '.html')}">${f.replace(/\.md$/, '')}</a>`)].join(' ');
  fs.mkdirSync(target, { recursive: true });
  fs.writeFileSync(path.join(target, 'docs.css'), css);
  for (const file of documents) {
    const text = fs.readFileSync(path.join(source, file), 'utf8');
    const title = (/^# (.+)$/m.exec(text)?.[1] ?? file).replace(/[<>&]/g, '');
    const body = linkCitations(md.render(text));
    fs.writeFileSync(path.join(target, file.replace(/\.md$/, '.html')), `<!doctype html>
<html lang="en">
  <head>
    <meta charset="utf-8" />
    <meta name="viewport" content="width=device-width, initial-scale=1" />
    <title>sgmlab — ${title}</title>
    <link rel="icon" href="../favicon.svg" type="image/svg+xml" />
    <link rel="stylesheet" href="docs.css" />
  </head>
  <body>
    <nav>${nav}</nav>
    <main>
${body}    </main>
  </body>
</html>
`);
  }
  for (const file of fs.readdirSync(source).filter((f) => /\.(png|svg)$/.test(f))) {
    fs.copyFileSync(path.join(source, file), path.join(target, file));
  }
  return documents;
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  console.log(`[docs] rendered ${renderAll().join(', ')} into web/public/docs/`);
}
