'use strict';
// The rehearsal's actions/github-script: runs the `script` input (INPUT_SCRIPT) as the action does, as the
// body of an async function with `github`, `context`, `core` and `require` in scope. `github` is a small
// Octokit-like client of the REST API at GITHUB_API_URL (the rehearsal's fake GitHub), `context` is read from
// GitHub's variables and the event payload, `core` writes GitHub's environment files.
// Run by Tests/Rehearsal/rehearse.py; not a general replacement for the action.

const fs = require('fs');
const os = require('os');
const crypto = require('crypto');

/** The value of the action input `name`, as the runner passes it (INPUT_NAME). */
function getInput(name, options = {}) {
  const value = (process.env[`INPUT_${name.replace(/ /g, '_').toUpperCase()}`] || '').trim();
  if (options.required && !value) {
    throw new Error(`Input required and not supplied: ${name}`);
  }
  return value;
}

/** A value as @actions/core writes it to a file command: strings as they are, anything else as JSON. */
function commandValue(value) {
  if (value === null || value === undefined) return '';
  return typeof value === 'string' ? value : JSON.stringify(value);
}

/** Appends `name<<DELIMITER` … `DELIMITER` to the environment file `variable` names, as @actions/core does. */
function fileCommand(variable, name, value) {
  const delimiter = `ghadelimiter_${crypto.randomUUID()}`;
  const text = `${name}<<${delimiter}${os.EOL}${commandValue(value)}${os.EOL}${delimiter}${os.EOL}`;
  fs.appendFileSync(process.env[variable], text);
}

const core = {
  getInput,
  info: (message) => process.stdout.write(`${message}${os.EOL}`),
  debug: (message) => process.stdout.write(`::debug::${message}${os.EOL}`),
  notice: (message) => process.stdout.write(`::notice::${message}${os.EOL}`),
  warning: (message) => process.stdout.write(`::warning::${message}${os.EOL}`),
  error: (message) => process.stdout.write(`::error::${message}${os.EOL}`),
  setOutput: (name, value) => fileCommand('GITHUB_OUTPUT', name, value),
  exportVariable: (name, value) => fileCommand('GITHUB_ENV', name, value),
  addPath: (folder) => fs.appendFileSync(process.env.GITHUB_PATH, `${folder}${os.EOL}`),
  setFailed(message) {
    process.exitCode = 1;
    core.error(message);
  },
};

/** The event's context, as @actions/github's Context reads it. */
function readContext() {
  const env = process.env;
  const payload = env.GITHUB_EVENT_PATH && fs.existsSync(env.GITHUB_EVENT_PATH)
    ? JSON.parse(fs.readFileSync(env.GITHUB_EVENT_PATH, 'utf8')) : {};
  const [owner, repo] = (env.GITHUB_REPOSITORY || '/').split('/');
  return {
    payload,
    eventName: env.GITHUB_EVENT_NAME,
    sha: env.GITHUB_SHA,
    ref: env.GITHUB_REF,
    workflow: env.GITHUB_WORKFLOW,
    job: env.GITHUB_JOB,
    actor: env.GITHUB_ACTOR,
    runId: parseInt(env.GITHUB_RUN_ID, 10),
    runNumber: parseInt(env.GITHUB_RUN_NUMBER, 10),
    apiUrl: env.GITHUB_API_URL,
    serverUrl: env.GITHUB_SERVER_URL,
    repo: { owner, repo },
    issue: { owner, repo, number: (payload.issue || payload.pull_request || payload).number },
  };
}

/** The REST routes this client knows, by Octokit's namespace and method name. */
const ROUTES = {
  issues: {
    listComments: 'GET /repos/{owner}/{repo}/issues/{issue_number}/comments',
    createComment: 'POST /repos/{owner}/{repo}/issues/{issue_number}/comments',
    updateComment: 'PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}',
  },
  repos: {
    listPullRequestsAssociatedWithCommit: 'GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls',
  },
  actions: {
    getWorkflowRun: 'GET /repos/{owner}/{repo}/actions/runs/{run_id}',
    listWorkflowRuns: 'GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs',
  },
};

/** An Octokit-like client: `rest.<namespace>.<method>(params)`, `request(route, params)` and `paginate`. */
function makeClient(token, baseUrl) {
  async function send(method, url, body) {
    const headers = {
      accept: 'application/vnd.github+json',
      authorization: `token ${token}`,
      'user-agent': 'actions/github-script (bedrockctl rehearsal)',
    };
    if (body !== undefined) headers['content-type'] = 'application/json';
    const payload = body === undefined ? undefined : JSON.stringify(body);
    const response = await fetch(url, { method, headers, body: payload });
    const text = await response.text();
    const data = (response.headers.get('content-type') || '').includes('json') && text ? JSON.parse(text) : text;
    if (response.status >= 400) {
      const error = new Error(`${(data && data.message) || response.statusText} - ${method} ${url}`);
      error.status = response.status;
      error.response = { status: response.status, data };
      throw error;
    }
    return { status: response.status, url, headers: Object.fromEntries(response.headers), data };
  }

  async function request(route, params = {}) {
    const [method, template] = route.split(' ');
    const rest = { ...params };
    const path = template.replace(/\{(\w+)\}/g, (_, name) => {
      if (rest[name] === undefined) throw new Error(`${route}: parameter ${name} is missing`);
      const value = encodeURIComponent(String(rest[name]));
      delete rest[name];
      return value;
    });
    const url = new URL(baseUrl.replace(/\/$/, '') + path);
    if (method === 'GET') {
      for (const [name, value] of Object.entries(rest)) url.searchParams.set(name, String(value));
      return send(method, url.toString());
    }
    return send(method, url.toString(), rest);
  }

  const rest = {};
  for (const [namespace, methods] of Object.entries(ROUTES)) {
    rest[namespace] = {};
    for (const [name, route] of Object.entries(methods)) {
      const call = (params) => request(route, params);
      call.route = route;
      rest[namespace][name] = call;
    }
  }

  /** The items of a list response: the array, or a search-style object's one array (Octokit's normalization). */
  function items(data) {
    if (Array.isArray(data)) return data;
    const arrays = Object.values(data).filter(Array.isArray);
    if (arrays.length !== 1) throw new Error('paginate: the response is not a list');
    return arrays[0];
  }

  /** Every page of `method(params)`, following the Link header's rel="next". */
  async function paginate(method, params = {}) {
    let response = await method(params);
    const all = [...items(response.data)];
    for (;;) {
      const next = /<([^>]+)>;\s*rel="next"/.exec(response.headers.link || '');
      if (!next) return all;
      response = await send('GET', next[1]);
      all.push(...items(response.data));
    }
  }

  return { rest, request, paginate };
}

/** Runs the script input the way actions/github-script does, its result set as the output `result`. */
async function main() {
  const script = getInput('script', { required: true });
  const github = makeClient(getInput('github-token', { required: true }), process.env.GITHUB_API_URL);
  const AsyncFunction = Object.getPrototypeOf(async () => {}).constructor;
  const body = new AsyncFunction('require', '__original_require__', 'github', 'octokit', 'context', 'core', script);
  const result = await body(require, require, github, github, readContext(), core);
  const encoding = getInput('result-encoding') || 'json';
  core.setOutput('result', encoding === 'string' ? commandValue(result) : commandValue(JSON.stringify(result)));
}

main().catch((error) => {
  console.error(error);
  core.setFailed(`Unhandled error: ${error}`);
});
