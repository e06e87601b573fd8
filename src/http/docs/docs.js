// Renders Dayline's OpenAPI document as a readable page: operations grouped by tag, with
// parameters, request body and responses. Plain DOM, no dependencies, no inline code (CSP).
const el = (tag, props = {}, ...children) => {
  const node = Object.assign(document.createElement(tag), props);
  node.append(...children.filter((c) => c !== null && c !== undefined));
  return node;
};

const resolve = (doc, schema) => {
  if (schema && schema.$ref) {
    const name = schema.$ref.split('/').pop();
    return { name, schema: doc.components?.schemas?.[name] ?? {} };
  }
  return { name: null, schema: schema ?? {} };
};

const schemaBlock = (doc, schema) => {
  const { name, schema: resolved } = resolve(doc, schema);
  return el('div', {}, name ? el('p', {}, el('code', { textContent: name })) : null,
    el('pre', { textContent: JSON.stringify(resolved, null, 2) }));
};

const operation = (doc, path, method, op) => {
  const body = el('div');
  if (op.description) body.append(el('p', { textContent: op.description }));
  for (const p of op.parameters ?? []) {
    body.append(el('p', {}, el('code', { textContent: `${p.name}` }), ` (${p.in}${p.required ? ', required' : ''}) `,
      el('span', { className: 'muted', textContent: p.description ?? '' })));
  }
  const request = op.requestBody?.content?.['application/json']?.schema;
  if (request) body.append(el('h4', { textContent: 'Request body' }), schemaBlock(doc, request));
  for (const [status, response] of Object.entries(op.responses ?? {})) {
    const content = response.content && Object.values(response.content)[0];
    body.append(el('h4', { textContent: `${status} ${response.description ?? ''}` }),
      content?.schema ? schemaBlock(doc, content.schema) : null);
  }
  return el('details', {}, el('summary', {}, el('span', { className: 'method', textContent: method.toUpperCase() }),
    el('code', { textContent: path }), ' ', el('span', { className: 'muted', textContent: op.summary ?? '' })), body);
};

const render = (doc) => {
  const byTag = new Map();
  for (const [path, item] of Object.entries(doc.paths ?? {})) {
    for (const [method, op] of Object.entries(item)) {
      const tag = op.tags?.[0] ?? 'other';
      if (!byTag.has(tag)) byTag.set(tag, []);
      byTag.get(tag).push(operation(doc, path, method, op));
    }
  }
  const main = document.getElementById('docs');
  main.replaceChildren(el('p', { className: 'muted', textContent: `${doc.info.title} ${doc.info.version}` }));
  for (const [tag, ops] of [...byTag].sort(([a], [b]) => a.localeCompare(b))) {
    main.append(el('h2', { textContent: tag }), ...ops);
  }
};

fetch('/api/v1/openapi.json')
  .then((r) => (r.ok ? r.json() : Promise.reject(new Error(`HTTP ${r.status}`))))
  .then(render)
  .catch((e) => { document.getElementById('docs').textContent = `Could not load the API description: ${e.message}`; });
