// The server's REST API (/api/v1, JSON camelCase, errors as ProblemDetails with "errors").
export class ApiError extends Error {
  constructor(status, problem) {
    super(problemText(status, problem));
    this.status = status;
    this.problem = problem;
  }
}

function problemText(status, problem) {
  if (!problem) {
    return `Máy chủ trả lỗi ${status}`;
  }
  const details = Object.entries(problem.errors || {}).flatMap(([ field, messages ]) =>
    (Array.isArray(messages) ? messages : [ messages ]).map(m => (field ? `${field}: ${m}` : m)));
  return [ problem.title || problem.detail || `Lỗi ${status}`, problem.title && problem.detail ? problem.detail : null, ...details ]
    .filter(Boolean).join(' — ');
}

/** Sends the browser to the sign-in page and back here afterwards. */
export function redirectToLogin() {
  const back = location.pathname + location.search + location.hash;
  location.assign(`/account/login?returnUrl=${encodeURIComponent(back)}`);
}

async function request(method, path, body) {
  const response = await fetch(`/api/v1${path}`, {
    method,
    credentials: 'same-origin',
    headers: { 'Accept': 'application/json', ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  if (response.status === 401) {
    redirectToLogin();
    throw new ApiError(401, { title: 'Chưa đăng nhập' });
  }
  const text = await response.text();
  let json = null;
  if (text) {
    try {
      json = JSON.parse(text);
    } catch (e) {
      throw new ApiError(response.status, { title: `Phản hồi không phải JSON từ ${path}`, detail: String(e) });
    }
  }
  if (!response.ok) {
    throw new ApiError(response.status, json);
  }
  return json;
}

const enc = encodeURIComponent;

export const api = {
  me: () => request('GET', '/me'),
  units: () => request('GET', '/organisation/units'),
  listDefinitions: ({ search = '', status = '', page = 1, pageSize = 20 } = {}) => {
    const query = new URLSearchParams({ page, pageSize });
    if (search) {
      query.set('search', search);
    }
    if (status) {
      query.set('status', status);
    }
    return request('GET', `/definitions?${query}`);
  },
  getDefinition: id => request('GET', `/definitions/${enc(id)}`),
  getVersion: (id, version) => request('GET', `/definitions/${enc(id)}/versions/${version}`),
  // expectedContentHash: the draft this editor started from; the server answers 409 when someone saved since.
  saveDraft: (id, xml, expectedContentHash) => request('PUT', `/definitions/${enc(id)}/draft`, { xml, expectedContentHash }),
  validate: xml => request('POST', '/definitions/validate', { xml }),
  publish: (id, version, changeNote) => request('POST', `/definitions/${enc(id)}/versions/${version}/publish`, { changeNote }),
  retract: (id, version) => request('POST', `/definitions/${enc(id)}/versions/${version}/retract`, {}),
  revert: (id, version) => request('POST', `/definitions/${enc(id)}/versions/${version}/revert`, {}),
  // The candidate diagram against the published version (in memory on the server; nothing is saved).
  whatIf: (id, body) => request('POST', `/definitions/${enc(id)}/whatif`, body),
  diff: (id, from, to) => request('GET', `/definitions/${enc(id)}/diff?from=${from}&to=${to}`),
};
