// Development stand-in for Bpm.Server while the real one is being built: serves the bundle at
// /designer and canned answers for the REST API the designer uses, with the samples in
// workflows/samples as published version 1. NOT the test of record — the browser tests in
// tests/Bpm.Designer.Tests run against the real server.
// Usage: node dev/mock-server.mjs [port]
import http from 'node:http';
import { readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const here = path.dirname(fileURLToPath(import.meta.url));
const repo = path.resolve(here, '../../..');
const wwwroot = path.join(repo, 'src/Bpm.Server/wwwroot');
const port = Number(process.argv[2] || 5199);

const attr = (xml, name) => (new RegExp(`<bpmn:process[^>]*\\s${name}="([^"]*)"`).exec(xml) || [])[1];
const definitions = new Map();
for (const file of (await readdir(path.join(repo, 'workflows/samples'))).filter(f => f.endsWith('.bpmn'))) {
  const xml = await readFile(path.join(repo, 'workflows/samples', file), 'utf8');
  const id = attr(xml, 'id');
  definitions.set(id, {
    definitionId: id, name: attr(xml, 'name'), procedureCode: attr(xml, 'bpm:procedureCode'), level: attr(xml, 'bpm:level'),
    versions: [ { version: 1, status: 'published', xml, createdBy: 'seed', createdAt: '2026-11-01T02:00:00Z', publishedBy: 'seed', publishedAt: '2026-11-01T02:00:00Z', changeNote: 'Mẫu ban đầu' } ],
  });
}

const units = [
  { code: 'XA-PHUONGLAM', name: 'UBND xã Phương Lâm', level: 'commune', parentCode: null },
  { code: 'XA-PHUONGLAM.MOTCUA', name: 'Bộ phận Một cửa', level: 'commune', parentCode: 'XA-PHUONGLAM' },
  { code: 'XA-PHUONGLAM.TUPHAP', name: 'Công chức Tư pháp – Hộ tịch', level: 'commune', parentCode: 'XA-PHUONGLAM' },
  { code: 'XA-PHUONGLAM.KINHTE', name: 'Phòng Kinh tế', level: 'commune', parentCode: 'XA-PHUONGLAM' },
  { code: 'XA-PHUONGLAM.LANHDAO', name: 'Lãnh đạo UBND xã', level: 'commune', parentCode: 'XA-PHUONGLAM' },
  { code: 'SXD', name: 'Sở Xây dựng', level: 'province', parentCode: null },
  { code: 'SXD.QLXD', name: 'Phòng Quản lý xây dựng', level: 'province', parentCode: 'SXD' },
];

const SUPPORTED = /^(definitions|process|startEvent|endEvent|userTask|serviceTask|sendTask|receiveTask|manualTask|task|subProcess|callActivity|exclusiveGateway|parallelGateway|inclusiveGateway|eventBasedGateway|intermediateCatchEvent|intermediateThrowEvent|boundaryEvent|sequenceFlow|conditionExpression|timerEventDefinition|messageEventDefinition|errorEventDefinition|terminateEventDefinition|timeDuration|timeDate|timeCycle|incoming|outgoing|documentation|message|error|extensionElements|textAnnotation|association|collaboration|participant|laneSet|lane|flowNodeRef)$/;

function validate(xml) {
  const diagnostics = [];
  const lines = xml.split('\n');
  lines.forEach((line, index) => {
    for (const m of line.matchAll(/<(?:bpmn2?:|semantic:)?(\w+)[\s>/][^>]*?(?:id="([^"]*)")?/g)) {
      if (!SUPPORTED.test(m[1]) && /^[a-z]/.test(m[1]) && !/^(bpmndi|dc|di)$/.test(m[1]) && line.includes(':' + m[1]) === line.includes('bpmn')) {
        if (/BPMN|Bounds|waypoint|Label|Plane|Shape|Edge|Diagram|Font|Style/i.test(m[1])) {
          continue;
        }
        diagnostics.push({ severity: 'error', line: index + 1, elementId: (/id="([^"]*)"/.exec(line) || [])[1] || null, elementType: m[1], code: 'BPM1211', message: `<${m[1]}> is not supported by the engine`, arguments: [ m[1] ] });
      }
    }
  });
  for (const m of xml.matchAll(/<bpmn:userTask id="([^"]+)"(?![^>]*bpm:unit)[^>]*>/g)) {
    diagnostics.push({ severity: 'warning', line: 0, elementId: m[1], elementType: 'userTask', code: 'BPM1408', message: "user task has no bpm:unit or bpm:role; its task will not reach a unit's inbox", arguments: [] });
  }
  return { valid: !diagnostics.some(d => d.severity === 'error'), diagnostics };
}

function elements(xml) {
  const map = new Map();
  for (const m of xml.matchAll(/<bpmn:(\w+) ([^>]*?\bid="([^"]+)"[^>]*)>/g)) {
    const attrs = Object.fromEntries([ ...m[2].matchAll(/([\w:]+)="([^"]*)"/g) ].map(a => [ a[1], a[2] ]));
    map.set(m[3], { type: m[1], name: attrs.name, attrs });
  }
  return map;
}

function diff(a, b) {
  const from = elements(a), to = elements(b);
  const added = [], removed = [], changed = [];
  for (const [ id, e ] of to) {
    if (!from.has(id)) {
      added.push({ elementId: id, type: e.type, name: e.name });
    } else {
      const old = from.get(id).attrs;
      const keys = new Set([ ...Object.keys(old), ...Object.keys(e.attrs) ]);
      const changes = [ ...keys ].filter(k => old[k] !== e.attrs[k]).map(k => ({ attribute: k, from: old[k] ?? null, to: e.attrs[k] ?? null }));
      if (changes.length) {
        changed.push({ elementId: id, type: e.type, changes });
      }
    }
  }
  for (const [ id, e ] of from) {
    if (!to.has(id)) {
      removed.push({ elementId: id, type: e.type, name: e.name });
    }
  }
  return { added, removed, changed };
}

function summary(d) {
  const latest = d.versions[d.versions.length - 1];
  const published = [ ...d.versions ].reverse().find(v => v.status === 'published');
  return { definitionId: d.definitionId, name: d.name, procedureCode: d.procedureCode, level: d.level, latestVersion: latest.version, latestStatus: latest.status, publishedVersion: published?.version ?? null, updatedBy: latest.createdBy, updatedAt: latest.publishedAt || latest.createdAt };
}

const strip = v => { const { xml, ...rest } = v; return rest; };

async function body(req) {
  let text = '';
  for await (const chunk of req) {
    text += chunk;
  }
  return text ? JSON.parse(text) : {};
}

function send(res, status, json) {
  res.writeHead(status, { 'Content-Type': json === undefined ? 'text/plain' : 'application/json; charset=utf-8' });
  res.end(json === undefined ? '' : JSON.stringify(json));
}

const problem = (res, status, title, errors) => send(res, status, { type: 'about:blank', title, status, errors });

const TYPES = { '.html': 'text/html; charset=utf-8', '.js': 'text/javascript', '.css': 'text/css', '.svg': 'image/svg+xml', '.eot': 'application/vnd.ms-fontobject' };

http.createServer(async (req, res) => {
  const url = new URL(req.url, 'http://localhost');
  const p = url.pathname;
  try {
    if (p === '/designer') {
      res.writeHead(302, { Location: '/designer/' });
      return res.end();
    }
    if (p.startsWith('/designer/')) {
      const file = path.join(wwwroot, p.endsWith('/') ? p + 'index.html' : p);
      const content = await readFile(file);
      res.writeHead(200, { 'Content-Type': TYPES[path.extname(file)] || 'application/octet-stream' });
      return res.end(content);
    }
    if (p === '/api/v1/me') {
      return send(res, 200, { userName: 'designer', displayName: 'Nguyễn Văn Thiết Kế', roles: [ 'designer' ], units: [] });
    }
    if (p === '/api/v1/organisation/units') {
      return send(res, 200, units);
    }
    if (p === '/api/v1/definitions/validate' && req.method === 'POST') {
      return send(res, 200, validate((await body(req)).xml));
    }
    if (p === '/api/v1/definitions' && req.method === 'GET') {
      const search = (url.searchParams.get('search') || '').toLowerCase();
      const status = url.searchParams.get('status');
      const items = [ ...definitions.values() ].map(summary)
        .filter(d => !search || d.name.toLowerCase().includes(search) || (d.procedureCode || '').includes(search) || d.definitionId.toLowerCase().includes(search))
        .filter(d => !status || d.latestStatus === status);
      return send(res, 200, { items, total: items.length });
    }
    const m = /^\/api\/v1\/definitions\/([^/]+)(\/.*)?$/.exec(p);
    if (m) {
      const id = decodeURIComponent(m[1]);
      const rest = m[2] || '';
      let d = definitions.get(id);
      if (rest === '/draft' && req.method === 'PUT') {
        const { xml } = await body(req);
        if (!d) {
          d = { definitionId: id, name: attr(xml, 'name') || id, procedureCode: attr(xml, 'bpm:procedureCode'), level: attr(xml, 'bpm:level'), versions: [] };
          definitions.set(id, d);
        }
        let draft = d.versions.find(v => v.status === 'draft');
        if (!draft) {
          draft = { version: d.versions.length + 1, status: 'draft', createdBy: 'designer', createdAt: new Date().toISOString() };
          d.versions.push(draft);
        }
        draft.xml = xml;
        return send(res, 200, { version: draft.version, status: 'draft', diagnostics: validate(xml).diagnostics });
      }
      if (!d) {
        return problem(res, 404, `Definition '${id}' not found`);
      }
      if (!rest) {
        return send(res, 200, { definitionId: d.definitionId, name: d.name, procedureCode: d.procedureCode, versions: d.versions.map(strip) });
      }
      if (rest === '/diff') {
        const a = d.versions.find(v => v.version === Number(url.searchParams.get('from')));
        const b = d.versions.find(v => v.version === Number(url.searchParams.get('to')));
        return a && b ? send(res, 200, diff(a.xml, b.xml)) : problem(res, 404, 'version not found');
      }
      const v = /^\/versions\/(\d+)(?:\/(publish|retract|revert))?$/.exec(rest);
      const version = v && d.versions.find(x => x.version === Number(v[1]));
      if (!version) {
        return problem(res, 404, 'version not found');
      }
      if (!v[2]) {
        return send(res, 200, { definitionId: d.definitionId, ...version });
      }
      const input = await body(req);
      if (v[2] === 'publish') {
        if (version.status !== 'draft') {
          return problem(res, 409, 'only a draft can be published');
        }
        if (!validate(version.xml).valid) {
          return problem(res, 422, 'the definition has errors', { xml: [ 'invalid' ] });
        }
        d.versions.filter(x => x.status === 'published').forEach(x => { x.status = 'superseded'; });
        Object.assign(version, { status: 'published', publishedBy: 'designer', publishedAt: new Date().toISOString(), changeNote: input.changeNote });
        return send(res, 200, strip(version));
      }
      if (v[2] === 'retract') {
        version.status = 'retracted';
        return send(res, 200, strip(version));
      }
      const draft = { version: d.versions.length + 1, status: 'draft', xml: version.xml, createdBy: 'designer', createdAt: new Date().toISOString() };
      d.versions = d.versions.filter(x => x.status !== 'draft');
      d.versions.push(draft);
      return send(res, 200, strip(draft));
    }
    send(res, 404, { title: 'not found', status: 404 });
  } catch (e) {
    console.error(e);
    problem(res, 500, String(e));
  }
}).listen(port, '127.0.0.1', () => console.log(`mock Bpm server on http://127.0.0.1:${port}/designer/`));
