#!/usr/bin/env python3
"""A rehearsal of the GitHub Actions workflow `bedrockctl init` writes.

Runs the workflow's job on this machine as GitHub's runner would, against a fake GitHub REST API on 127.0.0.1
and the embedded emulator (`--sandbox`) as the AWS account, through the life of two pull requests: plan and
comment on each push, apply the reviewed plan on the merge, refuse a stale one, refuse a push that is no merge.

    python3 Tests/Rehearsal/rehearse.py --bedrockctl .build/debug/bedrockctl --examples examples

`run:` steps and `actions/github-script` scripts run for real (bash; node with github-script-shim.js beside this
file); the other actions are stand-ins, listed as such. Prints each scenario's steps and checks, then a JSON line
{"ok": ..., "failures": [...]}; exits 0 only if every check holds.
"""

import argparse
import fnmatch
import glob
import hashlib
import io
import json
import math
import os
import re
import shlex
import shutil
import subprocess
import sys
import tempfile
import threading
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid
import zipfile
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import yaml

HERE = os.path.dirname(os.path.abspath(__file__))
SHIM = os.path.join(HERE, "github-script-shim.js")
OWNER, REPO = "acme", "examples"
DEFAULT_BRANCH = "main"
WORKFLOW_ID = 161803
WORKFLOW_FILE = ".github/workflows/bedrockctl.yml"
MARKER = "<!-- bedrockctl-plan:examples -->"
ARTIFACT = "bedrockctl-plan-examples"
BOT = {"login": "github-actions[bot]", "type": "Bot"}
VARS = {"BEDROCKCTL_ROLE_ARN": "arn:aws:iam::000000000000:role/bedrockctl-ci"}
STEP_TIMEOUT_SECONDS = 600


# ---------------------------------------------------------------------------------------------------------------
# Expressions: ${{ ... }} and `if:`


class ExpressionError(Exception):
    """An expression that cannot be parsed or evaluated: the step fails, never an empty value."""


class NullWhenMissing(dict):
    """A context object whose missing properties are null, as GitHub gives for a step's absent outputs."""


TOKEN = re.compile(
    r"""\s*(?:(?P<string>'(?:[^']|'')*')
        |(?P<number>\d+(?:\.\d+)?)
        |(?P<op>==|!=|<=|>=|&&|\|\||[!<>()\[\].,])
        |(?P<name>[A-Za-z_][A-Za-z0-9_-]*))""",
    re.X,
)
STATUS_FUNCTIONS = {"success", "failure", "always", "cancelled"}


def tokenize(text):
    """The tokens of an expression, as (kind, value) pairs ending with ('end', None)."""
    tokens, position = [], 0
    text = text.rstrip()
    while position < len(text):
        match = TOKEN.match(text, position)
        if not match:
            raise ExpressionError(f"unexpected {text[position:]!r} in {text!r}")
        kind = match.lastgroup
        value = match.group(kind)
        if kind == "string":
            value = value[1:-1].replace("''", "'")
        elif kind == "number":
            value = float(value)
        tokens.append((kind, value))
        position = match.end()
    return tokens + [("end", None)]


class Parser:
    """A recursive-descent parser of GitHub's expression syntax into nested tuples.

    Precedence, loosest first: ||, &&, comparisons, !, then literals, calls, contexts with .name and ['name'].
    """

    COMPARISONS = {"==", "!=", "<", "<=", ">", ">="}

    def __init__(self, text):
        self.text = text
        self.tokens = tokenize(text)
        self.index = 0

    def parse(self):
        """The whole expression's tree; anything left over is an error."""
        tree = self.parse_or()
        if self.peek()[0] != "end":
            raise ExpressionError(f"unexpected {self.peek()[1]!r} in {self.text!r}")
        return tree

    def peek(self):
        """The next token, not consumed."""
        return self.tokens[self.index]

    def take(self, value=None):
        """Consumes the next token, which must be `value` when given."""
        token = self.tokens[self.index]
        if value is not None and token[1] != value:
            raise ExpressionError(f"expected {value!r}, found {token[1]!r} in {self.text!r}")
        self.index += 1
        return token

    def parse_or(self):
        """a || b || ..."""
        tree = self.parse_and()
        while self.peek() == ("op", "||"):
            self.take()
            tree = ("or", tree, self.parse_and())
        return tree

    def parse_and(self):
        """a && b && ..."""
        tree = self.parse_comparison()
        while self.peek() == ("op", "&&"):
            self.take()
            tree = ("and", tree, self.parse_comparison())
        return tree

    def parse_comparison(self):
        """a == b, a != b, a < b, ..."""
        tree = self.parse_unary()
        while self.peek()[0] == "op" and self.peek()[1] in self.COMPARISONS:
            operator = self.take()[1]
            tree = ("compare", operator, tree, self.parse_unary())
        return tree

    def parse_unary(self):
        """!a"""
        if self.peek() == ("op", "!"):
            self.take()
            return ("not", self.parse_unary())
        return self.parse_primary()

    def parse_primary(self):
        """A literal, a parenthesized expression, a function call or a context with its properties."""
        kind, value = self.take()
        if kind == "end":
            raise ExpressionError(f"{self.text!r} ends too early")
        if kind in ("string", "number"):
            return ("literal", value)
        if (kind, value) == ("op", "("):
            tree = self.parse_or()
            self.take(")")
            return tree
        if kind != "name":
            raise ExpressionError(f"unexpected {value!r} in {self.text!r}")
        if value in ("true", "false", "null"):
            return ("literal", {"true": True, "false": False, "null": None}[value])
        if self.peek() == ("op", "("):
            self.take()
            arguments = []
            while self.peek() != ("op", ")"):
                arguments.append(self.parse_or())
                if self.peek() == ("op", ","):
                    self.take()
            self.take(")")
            return ("call", value, arguments)
        tree = ("context", value)
        while self.peek() in (("op", "."), ("op", "[")):
            if self.take()[1] == ".":
                kind, name = self.take()
                if kind != "name":
                    raise ExpressionError(f"expected a property name after '.' in {self.text!r}")
                tree = ("property", tree, ("literal", name))
            else:
                tree = ("property", tree, self.parse_or())
                self.take("]")
        return tree


def uses_status_function(tree):
    """Whether the tree calls success(), failure(), always() or cancelled() (else `if` implies success())."""
    if tree[0] == "call":
        return tree[1] in STATUS_FUNCTIONS or any(uses_status_function(argument) for argument in tree[2])
    return any(uses_status_function(part) for part in tree[1:] if isinstance(part, tuple))


def kind_of(value):
    """GitHub's type of a value: null, boolean, number, string or object."""
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "boolean"
    if isinstance(value, (int, float)):
        return "number"
    return "string" if isinstance(value, str) else "object"


def to_number(value):
    """GitHub's coercion to a number, for comparing values of different types."""
    kind = kind_of(value)
    if kind in ("null", "boolean", "number"):
        return float(value or 0)
    if kind == "string":
        try:
            return float(value.strip() or 0)
        except ValueError:
            return math.nan
    return math.nan


def truthy(value):
    """GitHub's truthiness: false, 0, NaN, '' and null are falsy."""
    if kind_of(value) == "number":
        return value != 0 and not math.isnan(value)
    return value is not None and value is not False and value != ""


def compare(operator, left, right):
    """a OP b with GitHub's rules: strings case-insensitively, mixed types as numbers."""
    if kind_of(left) == kind_of(right) == "string":
        left, right = left.casefold(), right.casefold()
    elif kind_of(left) == kind_of(right) == "object":
        if operator in ("==", "!="):
            return (left is right) == (operator == "==")
        return False
    elif kind_of(left) != kind_of(right) or kind_of(left) in ("null", "boolean"):
        left, right = to_number(left), to_number(right)
    return {"==": left == right, "!=": left != right, "<": left < right, "<=": left <= right,
            ">": left > right, ">=": left >= right}[operator]


def to_text(value):
    """A value as ${{ }} puts it in a string."""
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, float):
        return str(int(value)) if value.is_integer() else repr(value)
    return value if isinstance(value, str) else json.dumps(value)


@dataclass
class Scope:
    """What an expression sees: the contexts by name, and whether an earlier step of the job failed."""

    contexts: dict
    job_failed: bool = False

    def evaluate(self, tree):
        """The value of a parsed expression."""
        operation = tree[0]
        if operation == "literal":
            return tree[1]
        if operation == "context":
            if tree[1] not in self.contexts:
                raise ExpressionError(f"unknown context {tree[1]!r} (known: {', '.join(sorted(self.contexts))})")
            return self.contexts[tree[1]]
        if operation == "property":
            return self.property(self.evaluate(tree[1]), self.evaluate(tree[2]), tree)
        if operation == "not":
            return not truthy(self.evaluate(tree[1]))
        if operation == "and":
            left = self.evaluate(tree[1])
            return self.evaluate(tree[2]) if truthy(left) else left
        if operation == "or":
            left = self.evaluate(tree[1])
            return left if truthy(left) else self.evaluate(tree[2])
        if operation == "compare":
            return compare(tree[1], self.evaluate(tree[2]), self.evaluate(tree[3]))
        return self.call(tree[1], tree[2])

    @staticmethod
    def property(value, name, tree):
        """value.name: a missing property is an error, except where GitHub's null is the answer."""
        if value is None:
            return None
        if isinstance(value, NullWhenMissing):
            return value.get(name)
        if isinstance(value, dict):
            if name not in value:
                raise ExpressionError(f"{describe(tree)} does not exist")
            return value[name]
        raise ExpressionError(f"{describe(tree)}: a {kind_of(value)} has no properties")

    def call(self, name, arguments):
        """The status functions; any other function is an error."""
        if arguments or name not in STATUS_FUNCTIONS:
            raise ExpressionError(f"the rehearsal does not evaluate {name}({'...' if arguments else ''})")
        return {"success": not self.job_failed, "failure": self.job_failed, "always": True,
                "cancelled": False}[name]

    def condition(self, text):
        """Whether an `if:` holds; without a status function it is `success() && (...)`."""
        text = to_text(text).strip()
        whole = re.fullmatch(r"\$\{\{(.*)\}\}", text, re.S)
        tree = Parser(whole.group(1) if whole else text).parse()
        if not uses_status_function(tree):
            tree = ("and", ("call", "success", []), tree)
        return truthy(self.evaluate(tree))

    def interpolate(self, value):
        """A string with each ${{ expression }} replaced by its value; other YAML scalars as text."""
        return re.sub(r"\$\{\{(.*?)\}\}", lambda match: to_text(self.evaluate(Parser(match.group(1)).parse())),
                      to_text(value), flags=re.S)


def describe(tree):
    """An expression tree's context path, for messages (steps.plan.outputs.exitcode)."""
    if tree[0] == "context":
        return tree[1]
    if tree[0] == "property" and tree[2][0] == "literal":
        return f"{describe(tree[1])}.{tree[2][1]}"
    return "the expression"


# ---------------------------------------------------------------------------------------------------------------
# The workflow


def load_workflow(path):
    """The workflow file, its one job checked for what the rehearsal supports."""
    with open(path, encoding="utf-8") as file:
        workflow = yaml.safe_load(file)
    if True in workflow:  # YAML 1.1 reads the key `on` as true
        workflow["on"] = workflow.pop(True)
    unknown = set(workflow) - {"name", "on", "permissions", "concurrency", "env", "jobs"}
    if unknown:
        raise SystemExit(f"{path}: the rehearsal does not support {sorted(unknown)}")
    if len(workflow.get("jobs", {})) != 1:
        raise SystemExit(f"{path}: the rehearsal runs a workflow of one job")
    (job_id, job), = workflow["jobs"].items()
    unsupported = set(job) - {"runs-on", "steps", "env", "permissions", "name"}
    if unsupported:
        raise SystemExit(f"{path}: job {job_id}: the rehearsal does not support {sorted(unsupported)}")
    if not str(job.get("runs-on", "")).startswith("ubuntu-"):
        raise SystemExit(f"{path}: job {job_id}: the rehearsal runs Linux jobs (runs-on: ubuntu-*)")
    for step in job["steps"]:
        extra = set(step) - {"name", "id", "if", "uses", "run", "with", "env", "shell"}
        if extra or ("uses" in step) == ("run" in step) or step.get("shell", "bash") != "bash":
            raise SystemExit(f"{path}: step {step_name(step)!r}: a `uses:` or a bash `run:` step, no {sorted(extra)}")
    return workflow


def step_name(step):
    """A step's name as GitHub shows it."""
    if "name" in step:
        return step["name"]
    return f"Run {step['uses']}" if "uses" in step else f"Run {step['run'].strip().splitlines()[0]}"


def triggers(workflow, event_name, payload):
    """Whether the workflow's `on:` starts a run for this event."""
    on = workflow["on"]
    on = {on: None} if isinstance(on, str) else {name: None for name in on} if isinstance(on, list) else on
    if event_name not in on:
        return False
    filters = on[event_name] or {}
    unsupported = set(filters) - {"branches", "branches-ignore", "types"}
    if unsupported:
        raise SystemExit(f"the rehearsal does not support the {event_name} filters {sorted(unsupported)}")
    if event_name == "pull_request":
        if payload["action"] not in filters.get("types", ["opened", "synchronize", "reopened"]):
            return False
        branch = payload["pull_request"]["base"]["ref"]
    else:
        branch = payload["ref"].removeprefix("refs/heads/")
    if "branches" in filters and not any(fnmatch.fnmatchcase(branch, pattern) for pattern in filters["branches"]):
        return False
    return not any(fnmatch.fnmatchcase(branch, pattern) for pattern in filters.get("branches-ignore", []))


SCOPES = ["actions", "attestations", "checks", "contents", "deployments", "discussions", "id-token", "issues",
          "packages", "pages", "pull-requests", "repository-projects", "security-events", "statuses"]


def token_permissions(workflow, job):
    """The GITHUB_TOKEN's scopes: the `permissions:` block, or a restricted repository's defaults."""
    declared = job.get("permissions", workflow.get("permissions"))
    if declared is None:
        return {"contents": "read", "packages": "read", "metadata": "read"}
    if declared in ("read-all", "write-all"):
        return {scope: declared.removesuffix("-all") for scope in SCOPES + ["metadata"]}
    return {**{scope: str(level) for scope, level in declared.items()}, "metadata": "read"}


def permitted(permissions, needs):
    """Whether any of the (scope, level) pairs `needs` names is granted."""
    order = {"none": 0, "read": 1, "write": 2}
    return any(order[permissions.get(scope, "none")] >= order[level] for scope, level in needs)


# ---------------------------------------------------------------------------------------------------------------
# The fake GitHub REST API


@dataclass
class ApiRequest:
    """One request to the fake API, as it answered it."""

    method: str
    path: str
    query: dict
    body: object
    run_id: int = None
    status: int = None


class FakeGitHub:
    """The REST API of the repository acme/examples on 127.0.0.1: comments, pulls, workflow runs, artifacts.

    Each job run gets its own token with the workflow's permissions, revoked when the job ends; every request is
    recorded with its answer.
    """

    def __init__(self):
        self.lock = threading.Lock()
        self.comments = {}
        self.pulls = {}
        self.runs = {}
        self.artifacts = {}
        self.tokens = {}
        self.requests = []
        self.next_id = 1
        handler = type("Handler", (FakeGitHubHandler,), {"api": self})
        self.server = ThreadingHTTPServer(("127.0.0.1", 0), handler)
        self.url = f"http://127.0.0.1:{self.server.server_port}"
        self.routes = [
            ("GET", r"/repos/{repo}/issues/(?P<number>\d+)/comments", self.list_comments,
             [("issues", "read"), ("pull-requests", "read")]),
            ("POST", r"/repos/{repo}/issues/(?P<number>\d+)/comments", self.create_comment,
             [("issues", "write"), ("pull-requests", "write")]),
            ("PATCH", r"/repos/{repo}/issues/comments/(?P<comment_id>\d+)", self.update_comment,
             [("issues", "write"), ("pull-requests", "write")]),
            ("GET", r"/repos/{repo}/commits/(?P<sha>\w+)/pulls", self.commit_pulls,
             [("contents", "read"), ("pull-requests", "read")]),
            ("GET", r"/repos/{repo}/actions/runs/(?P<run_id>\d+)", self.get_run, [("actions", "read")]),
            ("GET", r"/repos/{repo}/actions/workflows/(?P<workflow>[^/]+)/runs", self.list_runs,
             [("actions", "read")]),
            ("GET", r"/repos/{repo}/actions/runs/(?P<run_id>\d+)/artifacts", self.list_artifacts,
             [("actions", "read")]),
            ("GET", r"/repos/{repo}/actions/artifacts/(?P<artifact_id>\d+)/zip", self.download_artifact,
             [("actions", "read")]),
        ]
        threading.Thread(target=self.server.serve_forever, daemon=True).start()

    def new_id(self):
        """The next id of a comment, run or artifact."""
        with self.lock:
            self.next_id += 1
            return self.next_id

    # The rehearsal's side: what GitHub itself does around the job.

    def add_comment(self, number, body, user):
        """A comment on issue or pull request `number`, as someone posted it."""
        comment_id = self.new_id()
        comment = {"id": comment_id, "body": body, "user": dict(user),
                   "html_url": f"https://github.com/{OWNER}/{REPO}/pull/{number}#issuecomment-{comment_id}",
                   "created_at": now(), "updated_at": now()}
        self.comments.setdefault(number, []).append(comment)
        return comment

    def open_pull(self, number, head_sha, branch, base_sha):
        """A pull request opened from `branch` at `head_sha`."""
        self.pulls[number] = {"number": number, "state": "open", "merged_at": None, "merge_commit_sha": None,
                              "head": {"sha": head_sha, "ref": branch},
                              "base": {"sha": base_sha, "ref": DEFAULT_BRANCH}}
        return self.pulls[number]

    def merge_pull(self, number, merge_sha):
        """The pull request merged as commit `merge_sha` of the default branch."""
        self.pulls[number].update(state="closed", merged_at=now(), merge_commit_sha=merge_sha)

    def start_run(self, event, head_sha, branch, permissions):
        """A workflow run in progress, and the token of its job."""
        run_id = self.new_id() + 9_000_000
        self.runs[run_id] = {"id": run_id, "workflow_id": WORKFLOW_ID, "path": WORKFLOW_FILE, "event": event,
                             "head_sha": head_sha, "head_branch": branch, "status": "in_progress",
                             "conclusion": None, "created_at": now()}
        token = f"ghs_{uuid.uuid4().hex}"
        self.tokens[token] = (run_id, permissions)
        return run_id, token

    def finish_run(self, run_id, token, conclusion):
        """The run completed; its token no longer works."""
        self.runs[run_id].update(status="completed", conclusion=conclusion)
        del self.tokens[token]

    def store_artifact(self, run_id, name, files):
        """An artifact of a run (what actions/upload-artifact does through its own service)."""
        if any(a["run_id"] == run_id and a["name"] == name for a in self.artifacts.values()):
            raise ValueError(f"an artifact named {name} already exists in run {run_id}")
        artifact_id = self.new_id()
        self.artifacts[artifact_id] = {"id": artifact_id, "name": name, "run_id": run_id, "files": files}
        return artifact_id

    def requests_of(self, run_id):
        """The requests made with the token of a run."""
        return [request for request in self.requests if request.run_id == run_id]

    # The HTTP side.

    def handle(self, method, target, authorization, raw):
        """Answers one HTTP request: (status, headers, JSON-able data or bytes)."""
        url = urllib.parse.urlsplit(target)
        query = dict(urllib.parse.parse_qsl(url.query))
        request = ApiRequest(method, url.path, query, None)
        self.requests.append(request)
        try:
            request.body = json.loads(raw) if raw else None
        except ValueError:
            request.status = 400
            return 400, {}, {"message": "Problems parsing JSON"}
        token = (authorization or "").removeprefix("token ").removeprefix("Bearer ")
        if token not in self.tokens:
            request.status = 401
            return 401, {}, {"message": "Bad credentials"}
        request.run_id, permissions = self.tokens[token]
        request.status, headers, data = 404, {}, {"message": "Not Found"}
        for route_method, pattern, answer, needs in self.routes:
            match = re.fullmatch(pattern.replace("{repo}", f"{OWNER}/{REPO}"), url.path)
            if match and route_method == method and not permitted(permissions, needs):
                request.status, data = 403, {"message": "Resource not accessible by integration"}
            elif match and route_method == method:
                try:
                    request.status, headers, data = answer(request, **match.groupdict())
                except (ValueError, TypeError, AttributeError) as error:  # a request the route cannot read
                    request.status, data = 400, {"message": f"Problems parsing the request: {error}"}
            else:
                continue
            break
        return request.status, headers, data

    def page(self, request, items):
        """One page of a list, per_page (default 30, at most 100) and page, with GitHub's Link header."""
        per_page = min(int(request.query.get("per_page", 30)), 100)
        number = int(request.query.get("page", 1))
        last = max(1, math.ceil(len(items) / per_page))
        links = []
        for relation, target in (("next", number + 1), ("last", last)):
            if number < last:
                query = urllib.parse.urlencode({**request.query, "page": target})
                links.append(f'<{self.url}{request.path}?{query}>; rel="{relation}"')
        headers = {"Link": ", ".join(links)} if links else {}
        return headers, items[(number - 1) * per_page:number * per_page]

    def list_comments(self, request, number):
        """GET /repos/{owner}/{repo}/issues/{issue_number}/comments"""
        if int(number) not in self.pulls:
            return 404, {}, {"message": "Not Found"}
        headers, comments = self.page(request, self.comments.get(int(number), []))
        return 200, headers, comments

    def create_comment(self, request, number):
        """POST /repos/{owner}/{repo}/issues/{issue_number}/comments, as github-actions[bot]"""
        if int(number) not in self.pulls:
            return 404, {}, {"message": "Not Found"}
        body = (request.body or {}).get("body")
        if not isinstance(body, str) or not body:
            return 422, {}, {"message": "Validation Failed: body"}
        return 201, {}, self.add_comment(int(number), body, BOT)

    def update_comment(self, request, comment_id):
        """PATCH /repos/{owner}/{repo}/issues/comments/{comment_id}: the token's own (the Bot's) comments only"""
        body = (request.body or {}).get("body")
        for comment in (c for comments in self.comments.values() for c in comments if c["id"] == int(comment_id)):
            if comment["user"]["login"] != BOT["login"]:
                return 403, {}, {"message": "Resource not accessible by integration"}
            if not isinstance(body, str) or not body:
                return 422, {}, {"message": "Validation Failed: body"}
            comment.update(body=body, updated_at=now())
            return 200, {}, comment
        return 404, {}, {"message": "Not Found"}

    def commit_pulls(self, request, sha):
        """GET /repos/{owner}/{repo}/commits/{commit_sha}/pulls: the pulls whose head or merge it is"""
        pulls = [pull for pull in self.pulls.values() if sha in (pull["head"]["sha"], pull["merge_commit_sha"])]
        headers, page = self.page(request, pulls)
        return 200, headers, page

    def get_run(self, request, run_id):
        """GET /repos/{owner}/{repo}/actions/runs/{run_id}"""
        run = self.runs.get(int(run_id))
        return (200, {}, run) if run else (404, {}, {"message": "Not Found"})

    def list_runs(self, request, workflow):
        """GET /repos/{owner}/{repo}/actions/workflows/{workflow_id}/runs, newest first, filtered"""
        if workflow not in (str(WORKFLOW_ID), os.path.basename(WORKFLOW_FILE)):
            return 404, {}, {"message": "Not Found"}
        query = request.query
        runs = [run for run in sorted(self.runs.values(), key=lambda run: run["id"], reverse=True)
                if query.get("event", run["event"]) == run["event"]
                and query.get("head_sha", run["head_sha"]) == run["head_sha"]
                and query.get("branch", run["head_branch"]) == run["head_branch"]
                and query.get("status", run["status"]) in (run["status"], run["conclusion"])]
        headers, page = self.page(request, runs)
        return 200, headers, {"total_count": len(runs), "workflow_runs": page}

    def list_artifacts(self, request, run_id):
        """GET /repos/{owner}/{repo}/actions/runs/{run_id}/artifacts[?name=]"""
        found = [{"id": a["id"], "name": a["name"], "expired": False, "workflow_run": {"id": a["run_id"]},
                  "archive_download_url": f"{self.url}/repos/{OWNER}/{REPO}/actions/artifacts/{a['id']}/zip"}
                 for a in self.artifacts.values()
                 if a["run_id"] == int(run_id) and request.query.get("name", a["name"]) == a["name"]]
        headers, page = self.page(request, found)
        return 200, headers, {"total_count": len(found), "artifacts": page}

    def download_artifact(self, request, artifact_id):
        """GET /repos/{owner}/{repo}/actions/artifacts/{artifact_id}/zip: the files, zipped"""
        artifact = self.artifacts.get(int(artifact_id))
        if not artifact:
            return 404, {}, {"message": "Not Found"}
        archive = io.BytesIO()
        with zipfile.ZipFile(archive, "w") as zipped:
            for name, content in artifact["files"].items():
                zipped.writestr(name, content)
        return 200, {"Content-Type": "application/zip"}, archive.getvalue()


class FakeGitHubHandler(BaseHTTPRequestHandler):
    """HTTP for FakeGitHub (`api`, set by a subclass)."""

    api = None

    def serve(self):
        """Reads the request, lets the API answer it, writes the answer."""
        raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
        status, headers, data = self.api.handle(self.command, self.path, self.headers.get("Authorization"), raw)
        payload = data if isinstance(data, bytes) else json.dumps(data).encode()
        self.send_response(status)
        self.send_header("Content-Type", headers.pop("Content-Type", "application/json; charset=utf-8"))
        self.send_header("Content-Length", str(len(payload)))
        for name, value in headers.items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(payload)

    do_GET = do_POST = do_PATCH = do_PUT = do_DELETE = serve

    def log_message(self, *arguments):
        """Quiet: FakeGitHub records the requests itself."""


def now():
    """The time as GitHub writes it."""
    return time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime())


# ---------------------------------------------------------------------------------------------------------------
# The repository and the runner


class Repository:
    """The repository's commits, git-less: a folder of files for each sha, which the checkout stand-in copies."""

    def __init__(self, root):
        self.root = root
        os.makedirs(root)

    def commit(self, label, parent=None, source=None, edits=()):
        """A new commit from `parent`'s files (or the folder `source`), each (file, old, new) edit made once."""
        sha = hashlib.sha1(label.encode()).hexdigest()
        shutil.copytree(source or self.tree(parent), self.tree(sha))
        for name, old, new in edits:
            path = os.path.join(self.tree(sha), name)
            with open(path, encoding="utf-8") as file:
                text = file.read()
            if text.count(old) != 1:
                raise ValueError(f"{name}: {old!r} is not in it exactly once")
            with open(path, "w", encoding="utf-8") as file:
                file.write(text.replace(old, new))
        return sha

    def tree(self, sha):
        """The folder of a commit's files."""
        return os.path.join(self.root, sha)


@dataclass
class StepResult:
    """A step of a job run: what it was, how the rehearsal ran it, and what came of it."""

    name: str
    what: str
    how: str
    outcome: str = "skipped"
    outputs: dict = field(default_factory=dict)
    log: str = ""
    annotations: list = field(default_factory=list)


@dataclass
class JobRun:
    """One run of the job: its event, its steps, its conclusion ('not triggered' when `on:` does not start it)."""

    run_id: int
    event: str
    sha: str
    temp: str = ""
    steps: list = field(default_factory=list)
    conclusion: str = "not triggered"

    def step(self, name):
        """The step named `name`; one with the outcome 'absent' if the job has none (or did not run)."""
        return next((step for step in self.steps if step.name == name), StepResult(name, "", "", "absent"))


@dataclass
class StepFiles:
    """GitHub's environment files of one step."""

    output: str
    env: str
    path: str
    summary: str

    @classmethod
    def create(cls, folder):
        """Empty files in `folder`, named as the runner names them."""
        os.makedirs(folder, exist_ok=True)
        kinds = ("set_output", "set_env", "add_path", "step_summary")
        paths = [os.path.join(folder, f"{kind}_{uuid.uuid4()}") for kind in kinds]
        for path in paths:
            open(path, "w", encoding="utf-8").close()
        return cls(*paths)

    def append(self, path, text):
        """Appends a line to one of the files, as an action's toolkit does."""
        with open(path, "a", encoding="utf-8") as file:
            file.write(text + "\n")


def parse_environment_file(text):
    """GITHUB_OUTPUT / GITHUB_ENV: `name=value` lines and `name<<DELIMITER` ... `DELIMITER` blocks."""
    values, lines = {}, text.split("\n")
    index = 0
    while index < len(lines):
        line = lines[index].rstrip("\r")
        index += 1
        if not line:
            continue
        equals, heredoc = line.find("="), line.find("<<")
        if equals >= 0 and (heredoc < 0 or equals < heredoc):
            name, value = line[:equals], line[equals + 1:]
        elif heredoc >= 0:
            name, delimiter = line[:heredoc], line[heredoc + 2:]
            end = next((i for i in range(index, len(lines)) if lines[i].rstrip("\r") == delimiter), None)
            if end is None:
                raise ValueError(f"Matching delimiter not found '{delimiter}'")
            value = "\n".join(line.rstrip("\r") for line in lines[index:end])
            index = end + 1
        else:
            raise ValueError(f"Invalid format '{line}'")
        if not name:
            raise ValueError(f"Invalid format '{line}': no name")
        values[name] = value
    return values


ANNOTATION = re.compile(r"^::(error|warning|notice)(?: [^:]*)?::(.*)$", re.M)

WRAPPER = """#!/usr/bin/env bash
# The rehearsal's stand-in for the bedrockctl that bedrockctl/bedrockctl installs: the binary under rehearsal,
# its AWS account the sandbox. `plan` and `apply` of manifests get --sandbox "$REHEARSAL_SANDBOX"; `apply` of a
# saved plan (a JSON file) takes its sandbox from the plan; anything else runs as it is.
set -euo pipefail
real={binary}
saved_plan() {{
  local argument
  for argument in "$@"; do
    if [[ $argument != -* && -f $argument && $(head -c1 -- "$argument") == "{{" ]]; then return 0; fi
  done
  return 1
}}
if [[ ${{1-}} == plan ]] || {{ [[ ${{1-}} == apply ]] && ! saved_plan "${{@:2}}"; }}; then
  exec "$real" "$@" --sandbox "$REHEARSAL_SANDBOX"
fi
exec "$real" "$@"
"""


class Runner:
    """Runs the workflow's job as GitHub's runner does, its actions by the rehearsal's stand-ins."""

    INPUTS = {  # the inputs of each action the rehearsal runs; any other is an error
        "actions/checkout": {"ref", "fetch-depth", "persist-credentials", "clean"},
        "bedrockctl/bedrockctl": {"version", "repository", "releases-url"},  # as action.yml declares
        "aws-actions/configure-aws-credentials": {"role-to-assume", "role-session-name", "aws-region", "audience",
                                                  "role-duration-seconds", "mask-aws-account-id"},
        "actions/upload-artifact": {"name", "path", "if-no-files-found", "retention-days", "compression-level",
                                    "overwrite", "include-hidden-files"},
        "actions/download-artifact": {"name", "path", "github-token", "repository", "run-id"},
        "actions/github-script": {"script", "github-token", "debug", "user-agent", "previews", "result-encoding",
                                  "retries", "retry-exempt-status-codes", "base-url"},
    }

    def __init__(self, workflow, api, repository, bedrockctl, sandbox, root):
        self.workflow = workflow
        (self.job_id, self.job), = workflow["jobs"].items()
        self.api = api
        self.repository = repository
        self.bedrockctl = bedrockctl
        self.sandbox = sandbox
        self.root = root
        self.workspace = os.path.join(root, "runner", "work", REPO, REPO)
        self.stand_ins = {
            "actions/checkout": self.checkout,
            "bedrockctl/bedrockctl": self.install_bedrockctl,
            "aws-actions/configure-aws-credentials": self.configure_aws_credentials,
            "actions/upload-artifact": self.upload_artifact,
            "actions/download-artifact": self.download_artifact,
        }

    def run(self, event_name, payload, sha, head_sha):
        """One run of the job for an event at `sha` (the commit checked out; `head_sha` is the run's)."""
        if not triggers(self.workflow, event_name, payload):
            return JobRun(None, event_name, sha)
        permissions = token_permissions(self.workflow, self.job)
        branch = payload["pull_request"]["head"]["ref"] if event_name == "pull_request" else DEFAULT_BRANCH
        run_id, token = self.api.start_run(event_name, head_sha, branch, permissions)
        run = JobRun(run_id, event_name, sha, temp=os.path.join(self.root, "runs", str(run_id), "temp"))
        os.makedirs(run.temp)
        shutil.rmtree(self.workspace, ignore_errors=True)  # a fresh machine for every job
        os.makedirs(self.workspace)
        event_path = os.path.join(self.root, "runs", str(run_id), "event.json")
        with open(event_path, "w", encoding="utf-8") as file:
            json.dump(payload, file, indent=2)
        state = {"run": run, "token": token, "permissions": permissions, "exported": {}, "path": [],
                 "github": self.github_context(event_name, payload, sha, run_id, token), "event_path": event_path,
                 "steps": {step["id"]: NullWhenMissing() for step in self.job["steps"] if "id" in step}}
        for step in self.job["steps"]:
            run.steps.append(self.run_step(step, state))
        failed = any(step.outcome == "failure" for step in run.steps)
        run.conclusion = "failure" if failed else "success"
        self.api.finish_run(run_id, token, run.conclusion)
        return run

    def github_context(self, event_name, payload, sha, run_id, token):
        """The `github` context of a run."""
        if event_name == "pull_request":
            number = payload["number"]
            ref, ref_name = f"refs/pull/{number}/merge", f"{number}/merge"
            head_ref, base_ref = payload["pull_request"]["head"]["ref"], payload["pull_request"]["base"]["ref"]
        else:
            ref, ref_name, head_ref, base_ref = payload["ref"], payload["ref"].removeprefix("refs/heads/"), "", ""
        return {"event_name": event_name, "event": payload, "sha": sha, "ref": ref, "ref_name": ref_name,
                "ref_type": "branch", "head_ref": head_ref, "base_ref": base_ref, "repository": f"{OWNER}/{REPO}",
                "repository_owner": OWNER, "run_id": str(run_id), "run_number": str(run_id % 1000),
                "run_attempt": "1", "token": token, "workspace": self.workspace, "server_url": "https://github.com",
                "api_url": self.api.url, "actor": "octocat", "job": self.job_id, "workflow": self.workflow["name"]}

    def scope(self, state, env):
        """The expression contexts of a step, with the env context `env`."""
        run = state["run"]
        return Scope({"github": state["github"], "env": env, "vars": VARS, "steps": state["steps"],
                      "runner": {"os": "Linux", "arch": "X64", "temp": run.temp, "name": "rehearsal"}},
                     job_failed=any(step.outcome == "failure" for step in run.steps))

    def machine_environment(self, state):
        """A minimal machine's variables, its PATH after the folders earlier steps added (GITHUB_PATH)."""
        home = os.path.join(self.root, "runner", "home")
        os.makedirs(home, exist_ok=True)
        return {"PATH": os.pathsep.join(state["path"] + [os.environ.get("PATH", "/usr/bin:/bin")]), "HOME": home,
                "LANG": "C.UTF-8"}

    def github_environment(self, state, files):
        """GitHub's variables of a step, which the workflow's env cannot override, its environment files'."""
        github, run = state["github"], state["run"]
        env = {"CI": "true", "GITHUB_ACTIONS": "true", "RUNNER_OS": "Linux", "RUNNER_ARCH": "X64",
               "RUNNER_TEMP": run.temp, "GITHUB_WORKSPACE": self.workspace, "GITHUB_EVENT_PATH": state["event_path"],
               "GITHUB_OUTPUT": files.output, "GITHUB_ENV": files.env, "GITHUB_PATH": files.path,
               "GITHUB_STEP_SUMMARY": files.summary}
        for name in ("event_name", "sha", "ref", "ref_name", "ref_type", "head_ref", "base_ref", "repository",
                     "repository_owner", "run_id", "run_number", "run_attempt", "server_url", "api_url", "actor",
                     "job", "workflow"):
            env[f"GITHUB_{name.upper()}"] = github[name]
        return env

    def run_step(self, step, state):
        """Evaluates a step's `if`, runs it if it holds, and takes in its environment files."""
        what = step["uses"] if "uses" in step else f"run: {step['run'].strip().splitlines()[0]}"
        action = step.get("uses", "").split("@")[0]
        how = "real (bash)" if "run" in step else "real (node)" if action == "actions/github-script" else "stand-in"
        result = StepResult(step_name(step), what, how)
        env = {}  # the env context: the workflow's, the job's, GITHUB_ENV's, the step's
        try:
            for level in (self.workflow.get("env", {}), self.job.get("env", {})):
                env.update({name: self.scope(state, dict(env)).interpolate(value) for name, value in level.items()})
            env.update(state["exported"])
            if not self.scope(state, env).condition(step.get("if", "success()")):
                return self.record(step, state, result)
            for name, value in step.get("env", {}).items():
                env[name] = self.scope(state, env).interpolate(value)
            inputs = {name: self.scope(state, env).interpolate(value) for name, value in step.get("with", {}).items()}
            script = self.scope(state, env).interpolate(step["run"]) if "run" in step else None
        except ExpressionError as error:
            return self.record(step, state, result, outcome="failure", log=f"Error: {error}")
        files = StepFiles.create(os.path.join(state["run"].temp, "_runner_file_commands"))
        env = {**self.machine_environment(state), **env, **self.github_environment(state, files)}
        if script is not None:
            ok, log = self.shell(script, env, state)
        elif action not in self.INPUTS:
            ok, log = False, f"Error: the rehearsal has no stand-in for {step['uses']}"
        elif set(inputs) - self.INPUTS[action]:
            ok, log = False, f"Error: {action} has no input(s) {sorted(set(inputs) - self.INPUTS[action])}"
        elif action == "actions/github-script":
            ok, log = self.github_script(inputs, env, state)
        else:
            ok, log = self.stand_ins[action](inputs, env, files, state)
        return self.record(step, state, result, "success" if ok else "failure", log, files)

    def record(self, step, state, result, outcome="skipped", log="", files=None):
        """A step's result, its outputs and exports taken from its environment files (an invalid one fails it)."""
        result.outcome, result.log = outcome, log
        if files:
            try:
                with open(files.output, encoding="utf-8") as file:
                    result.outputs = parse_environment_file(file.read())
                with open(files.env, encoding="utf-8") as file:
                    state["exported"].update(parse_environment_file(file.read()))
                with open(files.path, encoding="utf-8") as file:
                    for folder in filter(None, file.read().splitlines()):
                        state["path"].insert(0, folder)
            except ValueError as error:
                result.outcome, result.log = "failure", f"{log}\nError: an environment file: {error}"
        result.annotations = ANNOTATION.findall(result.log)
        if "id" in step:
            state["steps"][step["id"]] = NullWhenMissing(outputs=NullWhenMissing(result.outputs),
                                                         outcome=result.outcome, conclusion=result.outcome)
        log_folder = os.path.join(self.root, "runs", str(state["run"].run_id), "logs")
        os.makedirs(log_folder, exist_ok=True)
        slug = re.sub(r"[^a-z0-9]+", "-", result.name.lower()).strip("-")
        with open(os.path.join(log_folder, f"{len(state['run'].steps) + 1:02d}-{slug}.log"), "w") as file:
            file.write(result.log)
        return result

    def shell(self, script, env, state):
        """A `run:` step: bash --noprofile --norc -eo pipefail FILE in the workspace."""
        path = os.path.join(state["run"].temp, f"{uuid.uuid4()}.sh")
        with open(path, "w", encoding="utf-8") as file:
            file.write(script)
        return self.execute(["bash", "--noprofile", "--norc", "-eo", "pipefail", path], env)

    def github_script(self, inputs, env, state):
        """actions/github-script: the script under node, with the action's inputs as INPUT_* variables."""
        inputs = {"github-token": state["token"], "result-encoding": "json", "debug": "false", **inputs}
        env = {**env, **{f"INPUT_{name.replace(' ', '_').upper()}": value for name, value in inputs.items()}}
        return self.execute(["node", SHIM], env)

    def execute(self, command, env):
        """Runs a command in the workspace: whether it exited 0, and its output."""
        try:
            done = subprocess.run(command, cwd=self.workspace, env=env, stdout=subprocess.PIPE,
                                  stderr=subprocess.STDOUT, text=True, timeout=STEP_TIMEOUT_SECONDS)
        except subprocess.TimeoutExpired as timeout:
            return False, f"{timeout.output or ''}\nError: the step ran longer than {STEP_TIMEOUT_SECONDS}s"
        log = done.stdout + ("" if done.returncode == 0 else f"\nError: Process completed with exit code "
                                                             f"{done.returncode}.")
        return done.returncode == 0, log

    # The stand-ins: each takes the step's inputs, environment, files and the run's state, and returns (ok, log).

    def checkout(self, inputs, env, files, state):
        """actions/checkout: the commit GITHUB_SHA's files, copied into the workspace (the same path every run)."""
        tree = self.repository.tree(env["GITHUB_SHA"])
        if not os.path.isdir(tree):
            return False, f"Error: the repository has no commit {env['GITHUB_SHA']}"
        shutil.copytree(tree, self.workspace, dirs_exist_ok=True)
        return True, f"stand-in: copied commit {env['GITHUB_SHA']} into {self.workspace}"

    def install_bedrockctl(self, inputs, env, files, state):
        """bedrockctl/bedrockctl: a wrapper of the binary under rehearsal on the PATH, the version asked for
        (`latest`, or a release with or without a leading v) checked against the binary's."""
        actual = subprocess.run([self.bedrockctl, "--version"], stdout=subprocess.PIPE, text=True).stdout.strip()
        wanted = inputs.get("version", "")
        wanted = actual if wanted == "latest" else wanted.removeprefix("v")
        if wanted != actual:
            return False, f"Error: the workflow installs bedrockctl {wanted!r}; the binary under rehearsal is {actual}"
        folder = os.path.join(self.root, "runner", "toolcache", "bedrockctl", wanted, "x64")
        os.makedirs(folder, exist_ok=True)
        wrapper = os.path.join(folder, "bedrockctl")
        with open(wrapper, "w", encoding="utf-8") as file:
            file.write(WRAPPER.format(binary=shlex.quote(self.bedrockctl)))
        os.chmod(wrapper, 0o755)
        files.append(files.path, folder)
        files.append(files.env, f"REHEARSAL_SANDBOX={self.sandbox}")
        files.append(files.output, f"version={wanted}")
        files.append(files.output, f"path={wrapper}")
        return True, f"stand-in: {wrapper} runs {self.bedrockctl} ({actual}) against the sandbox {self.sandbox}"

    def configure_aws_credentials(self, inputs, env, files, state):
        """aws-actions/configure-aws-credentials: no credentials (the account is the sandbox); its inputs and the
        OIDC permission checked as the action needs them."""
        if not inputs.get("role-to-assume") or not inputs.get("aws-region"):
            return False, "Error: role-to-assume and aws-region are required (OIDC, no static keys)"
        if state["permissions"].get("id-token") != "write":
            return False, "Error: no OIDC token: the workflow lacks `permissions: id-token: write`"
        for name in ("AWS_REGION", "AWS_DEFAULT_REGION"):
            files.append(files.env, f"{name}={inputs['aws-region']}")
        return True, (f"stand-in: would assume {inputs['role-to-assume']} in {inputs['aws-region']}; "
                      "the account is the sandbox")

    def upload_artifact(self, inputs, env, files, state):
        """actions/upload-artifact: the files of `path` stored under the run's id and `name`."""
        patterns = [line.strip() for line in inputs.get("path", "").splitlines() if line.strip()]
        found = sorted({os.path.abspath(path) for pattern in patterns
                        for path in glob.glob(os.path.join(self.workspace, pattern), recursive=True)})
        paths = [path for found_path in found for path in walk_files(found_path)]
        if not paths:
            message = (f"No files were found with the provided path: {inputs.get('path', '')}. "
                       "No artifacts will be uploaded.")
            mode = inputs.get("if-no-files-found", "warn")
            return mode != "error", f"{'Error' if mode == 'error' else 'Warning'}: {message}"
        root = os.path.dirname(paths[0]) if len(paths) == 1 else os.path.commonpath(paths)
        content = {}
        for path in paths:
            with open(path, "rb") as file:
                content[os.path.relpath(path, root)] = file.read()
        name = inputs.get("name", "artifact")
        try:
            artifact_id = self.api.store_artifact(state["run"].run_id, name, content)
        except ValueError as error:
            return False, f"Error: {error}"
        return True, f"stand-in: artifact {name} ({artifact_id}) of run {state['run'].run_id}: {sorted(content)}"

    def download_artifact(self, inputs, env, files, state):
        """actions/download-artifact: the artifact `name` of run `run-id` (else this run), through the REST API
        with `github-token`, unzipped into `path`."""
        name, run_id = inputs.get("name", ""), inputs.get("run-id", "") or str(state["run"].run_id)
        token = inputs.get("github-token", "") or state["token"]
        if not name or inputs.get("repository", f"{OWNER}/{REPO}") != f"{OWNER}/{REPO}":
            return False, "Error: the rehearsal downloads one artifact by name, from this repository"
        if inputs.get("run-id") and not inputs.get("github-token"):
            return False, "Error: github-token is required to download from another run"
        destination = os.path.join(self.workspace, os.path.expanduser(inputs.get("path", "")))
        query = urllib.parse.urlencode({"name": name})
        try:
            listing = json.loads(http_get(f"{self.api.url}/repos/{OWNER}/{REPO}/actions/runs/{run_id}/artifacts?"
                                          f"{query}", token))
            if not listing["artifacts"]:
                return False, f"Error: Unable to download artifact(s): Artifact not found: {name} (run {run_id})"
            archive = http_get(listing["artifacts"][0]["archive_download_url"], token)
        except urllib.error.HTTPError as error:
            return False, f"Error: the GitHub API answered {error.code}: {error.read().decode()}"
        with zipfile.ZipFile(io.BytesIO(archive)) as zipped:
            zipped.extractall(destination)
            names = zipped.namelist()
        return True, f"stand-in: artifact {name} of run {run_id} into {destination}: {names}"


def walk_files(path):
    """A file, or the files under a folder."""
    if os.path.isfile(path):
        return [path]
    return sorted(os.path.join(folder, name) for folder, _, names in os.walk(path) for name in names)


def http_get(url, token):
    """The body of a GET with the token."""
    request = urllib.request.Request(url, headers={"Authorization": f"token {token}"})
    with urllib.request.urlopen(request, timeout=30) as response:
        return response.read()


# ---------------------------------------------------------------------------------------------------------------
# The scenarios


class Rehearsal:
    """The scenarios, in order, over one repository, one sandbox and one fake GitHub; the checks' failures."""

    def __init__(self, arguments):
        self.bedrockctl = os.path.abspath(arguments.bedrockctl)
        self.keep = bool(arguments.work)
        if arguments.work:
            os.makedirs(arguments.work, exist_ok=True)
        self.root = tempfile.mkdtemp(prefix="bedrockctl-rehearsal-", dir=arguments.work)
        self.sandbox = os.path.join(self.root, "sandbox")
        self.api = FakeGitHub()
        self.repository = Repository(os.path.join(self.root, "repository"))
        self.workflow_path = os.path.abspath(arguments.workflow)
        self.runner = Runner(load_workflow(self.workflow_path), self.api, self.repository, self.bedrockctl,
                             self.sandbox, self.root)
        source = os.path.join(self.root, "source")
        shutil.copytree(arguments.examples, source)
        shutil.copyfile(self.workflow_path, os.path.join(source, WORKFLOW_FILE))
        self.base = self.repository.commit("main: the examples", source=source)
        self.seeded = {}
        self.failures = []
        self.scenario = ""
        self.checks_made = 0
        self.runs = {}

    # Helpers.

    def check(self, what, holds, detail=""):
        """Records and prints one check."""
        self.checks_made += 1
        print(f"    {'ok  ' if holds else 'FAIL'} {what}" + ("" if holds or not detail else f": {detail}"))
        if not holds:
            self.failures.append(f"{self.scenario}: {what}" + (f" ({detail})" if detail else ""))

    def bedrockctl_in(self, sha, *arguments):
        """The real bedrockctl on a copy of a commit's manifests (in a folder named for the stack): (status, output)."""
        folder = os.path.join(self.root, "checks", uuid.uuid4().hex[:8], REPO)
        shutil.copytree(self.repository.tree(sha), folder)
        done = subprocess.run([self.bedrockctl, arguments[0], folder, "--sandbox", self.sandbox, *arguments[1:]],
                              stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True)
        return done.returncode, done.stdout

    def live_state_matches(self, sha):
        """Whether `plan --detailed-exitcode` of a commit's manifests says no changes (exit 0)."""
        return self.bedrockctl_in(sha, "plan", "--detailed-exitcode")[0] == 0

    def repository_payload(self):
        """The `repository` object of an event payload."""
        return {"name": REPO, "full_name": f"{OWNER}/{REPO}", "owner": {"login": OWNER},
                "default_branch": DEFAULT_BRANCH}

    def pull_request_run(self, number, action, head, before=None):
        """A pull_request event on pull `number` at `head` (its merge preview checked out, as GitHub does)."""
        pull = self.api.pulls[number]
        preview = self.repository.commit(f"refs/pull/{number}/merge at {head}", parent=head)
        payload = {"action": action, "number": number, "repository": self.repository_payload(),
                   "sender": {"login": "octocat", "type": "User"},
                   "pull_request": {"number": number, "state": "open", "merged": False, "head": dict(pull["head"]),
                                    "base": dict(pull["base"]),
                                    "html_url": f"https://github.com/{OWNER}/{REPO}/pull/{number}"}}
        if before:
            payload.update(before=before, after=head)
        return self.run("pull_request", payload, preview, head)

    def push_run(self, sha, before):
        """A push event of `sha` to the default branch."""
        payload = {"ref": f"refs/heads/{DEFAULT_BRANCH}", "before": before, "after": sha,
                   "repository": self.repository_payload(), "pusher": {"name": "octocat"},
                   "head_commit": {"id": sha}}
        return self.run("push", payload, sha, sha)

    def run(self, event, payload, sha, head_sha):
        """Runs the job and prints its step table."""
        run = self.runner.run(event, payload, sha, head_sha)
        print(f"  run {run.run_id}: {event} at {sha[:12]}: {run.conclusion}")
        print(f"    {'step':<50} {'uses / run':<44} {'how':<12} outcome")
        for step in run.steps:
            what = step.what if len(step.what) <= 44 else step.what[:43] + "…"
            print(f"    {step.name[:50]:<50} {what:<44} {step.how:<12} {step.outcome}")
            for kind, message in step.annotations:
                print(f"        {kind}: {message[:110]}")
            if step.outcome == "failure" and not step.annotations:
                for line in step.log.strip().splitlines()[-3:]:
                    print(f"        | {line[:110]}")
        return run

    def bot_marker_comments(self, number):
        """The Bot comments on pull `number` with the plan marker."""
        return [c for c in self.api.comments.get(number, []) if c["user"]["type"] == "Bot" and MARKER in c["body"]]

    def check_requests_answered(self, run):
        """Every request of the run was answered with a 2xx (no bad token, permission, route)."""
        refused = [f"{r.method} {r.path} {r.status}" for r in self.api.requests_of(run.run_id) if r.status >= 300]
        self.check("the fake GitHub answered every request of the run with 2xx", not refused, "; ".join(refused))

    def check_outcomes(self, run, expected):
        """The outcomes of the named steps."""
        for name, outcome in expected.items():
            actual = run.step(name).outcome
            self.check(f"step {name!r} {outcome}", actual == outcome, f"it is {actual}")

    def seed(self):
        """Main already deployed to the sandbox; pull #7 with 130 comments (the plan's will be on page 2)."""
        deployed = os.path.join(self.root, "deployed", REPO)
        shutil.copytree(self.repository.tree(self.base), deployed)
        subprocess.run([self.bedrockctl, "apply", deployed, "--sandbox", self.sandbox, "--auto-approve"],
                       stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=True)
        users = [{"login": "alice", "type": "User"}, {"login": "bob", "type": "User"}]
        for index in range(130):
            if index == 16:
                self.api.add_comment(7, f"Does the bot look for {MARKER}?", {"login": "mallory", "type": "User"})
            elif index == 40:
                self.api.add_comment(7, "<!-- bedrockctl-plan:other -->\nThe plan of another stack.", BOT)
            elif index % 10 == 9:
                self.api.add_comment(7, "Dependabot will resolve any conflicts.", {"login": "dependabot[bot]",
                                                                                    "type": "Bot"})
            else:
                self.api.add_comment(7, f"Review remark {index}.", users[index % 2])
        self.seeded = {c["id"]: c["body"] for c in self.api.comments[7]}

    # The scenarios.

    def pull_request_opened(self):
        """1. Pull #7 opened at H1: plan, one new Bot comment with the marker and the plan, the artifact kept."""
        self.h1 = self.repository.commit("pr7: 1", parent=self.base,
                                         edits=[("inference-profiles.yaml", 'cost-center: "4410"\n---',
                                                 'cost-center: "4420"\n---')])
        self.api.open_pull(7, self.h1, "retag-support", self.base)
        run = self.runs[1] = self.pull_request_run(7, "opened", self.h1)
        self.check("the job succeeded", run.conclusion == "success", run.conclusion)
        self.check_outcomes(run, {"Validate the manifests": "success", "Plan": "success",
                                  "Comment the plan on the pull request": "success", "Keep the saved plan": "success",
                                  "Fail when the plan cannot be applied": "skipped",
                                  "Apply the reviewed plan": "skipped"})
        outputs = run.step("Plan").outputs
        self.check("the plan's exit code output is 2 (changes)", outputs.get("exitcode") == "2", str(outputs))
        comments = self.bot_marker_comments(7)
        created = [c for c in self.api.comments[7] if c["id"] not in self.seeded]
        self.check("exactly one new comment, by the Bot, with the marker", len(created) == 1 and comments == created,
                   f"{len(created)} new, {len(comments)} Bot comments with the marker")
        body = created[0]["body"] if created else ""
        self.check("the comment holds the Markdown plan (retag of support-haiku)",
                   "**Plan: 0 to create, 0 to update in place, 0 to replace, 1 to retag" in body
                   and "InferenceProfile/support-haiku" in body, body[:200])
        self.check("the comment names head H1 and the run", f"Planned at {self.h1}" in body
                   and f"actions/runs/{run.run_id}" in body)
        self.check("the seeded comments are untouched (the user's with the marker, the other stack's)",
                   all(c["body"] == self.seeded[c["id"]] for c in self.api.comments[7] if c["id"] in self.seeded))
        artifacts = [a for a in self.api.artifacts.values() if a["run_id"] == run.run_id]
        self.check(f"the artifact {ARTIFACT} holds the saved plan",
                   [(a["name"], sorted(a["files"])) for a in artifacts] == [(ARTIFACT, ["bedrockctl-plan.json"])],
                   str([(a["name"], sorted(a["files"])) for a in artifacts]))
        self.check_requests_answered(run)
        self.first_body = body

    def pull_request_synchronized(self):
        """2. A second push to #7 (H2, another tag): the one marker comment updated, none created."""
        self.h2 = self.repository.commit("pr7: 2", parent=self.h1,
                                         edits=[("deployments.yaml", "env: staging", "env: canary")])
        self.api.pulls[7]["head"]["sha"] = self.h2
        run = self.runs[2] = self.pull_request_run(7, "synchronize", self.h2, before=self.h1)
        self.check("the job succeeded", run.conclusion == "success", run.conclusion)
        comments = self.bot_marker_comments(7)
        created = [c for c in self.api.comments[7] if c["id"] not in self.seeded]
        self.check("still exactly one Bot comment with the marker, and no other new comment",
                   len(comments) == 1 and created == comments, f"{len(created)} new, {len(comments)} with the marker")
        body = comments[0]["body"] if comments else ""
        self.check("the comment is updated: another body, naming H2 and the deployment's retag",
                   body != self.first_body and f"Planned at {self.h2}" in body
                   and "CustomModelDeployment/support-bot-on-demand" in body)
        requests = self.api.requests_of(run.run_id)
        self.check("the comments were listed page by page (page 2 asked for)",
                   any(r.method == "GET" and r.path.endswith("/comments") and r.query.get("page") == "2"
                       for r in requests))
        writes = [f"{r.method} {r.path}" for r in requests if r.method != "GET"]
        expected = [f"PATCH /repos/{OWNER}/{REPO}/issues/comments/{comments[0]['id']}"] if comments else ["(none)"]
        self.check("the comment was updated (one PATCH of it), none created (no POST)", writes == expected,
                   str(writes))
        self.check("the seeded comments are untouched",
                   all(c["body"] == self.seeded[c["id"]] for c in self.api.comments[7] if c["id"] in self.seeded))
        self.check_requests_answered(run)

    def merged(self):
        """3. #7 merged as M: the push run finds run 2, downloads its plan and applies it."""
        self.m = self.repository.commit("main: merge #7", parent=self.h2)
        self.api.merge_pull(7, self.m)
        run = self.runs[3] = self.push_run(self.m, before=self.base)
        self.check("the job succeeded", run.conclusion == "success", run.conclusion)
        self.check_outcomes(run, {"Validate the manifests": "success", "Plan": "skipped",
                                  "Comment the plan on the pull request": "skipped",
                                  "Find the reviewed plan of the merged pull request": "success",
                                  "Download the reviewed plan": "success", "Apply the reviewed plan": "success"})
        find = run.step("Find the reviewed plan of the merged pull request")
        self.check("the Find step chose the run of H2", find.outputs.get("run-id") == str(self.runs[2].run_id),
                   f"run-id {find.outputs.get('run-id')}, run 2 is {self.runs[2].run_id}")
        listed = [r.query for r in self.api.requests_of(run.run_id) if r.path.endswith(f"/{WORKFLOW_ID}/runs")]
        self.check("it asked for the completed pull_request runs of H2", listed and listed[0].get("head_sha") ==
                   self.h2 and listed[0].get("event") == "pull_request" and listed[0].get("status") == "completed",
                   str(listed))
        artifact = next((a for a in self.api.artifacts.values() if a["run_id"] == self.runs[2].run_id), None)
        downloaded = os.path.join(run.temp, "reviewed", "bedrockctl-plan.json")
        self.check("the plan downloaded is the artifact of run 2", artifact is not None and os.path.isfile(downloaded)
                   and open(downloaded, "rb").read() == artifact["files"]["bedrockctl-plan.json"])
        apply_log = run.step("Apply the reviewed plan").log
        self.check("the Apply step applied both retags of H2", "ok      InferenceProfile/support-haiku" in apply_log
                   and "ok      CustomModelDeployment/support-bot-on-demand" in apply_log, apply_log[-300:])
        self.check("afterwards a plan of the merged manifests says no changes (exit 0)",
                   self.live_state_matches(self.m))
        self.check("and the live state is not H1's (H2's change was applied)", not self.live_state_matches(self.h1))
        self.check_requests_answered(run)

    def stale_plan(self):
        """4. #8 plans; the live state changes before its merge; the merge's apply refuses the stale plan."""
        self.h3 = self.repository.commit("pr8: 1", parent=self.m, edits=[
            ("throughputs.yaml", "team: search\n    env: prod", "team: search\n    env: staging")])
        self.api.open_pull(8, self.h3, "search-staging", self.m)
        self.api.add_comment(8, f"Quoting the marker: {MARKER}", {"login": "mallory", "type": "User"})
        run = self.runs[4] = self.pull_request_run(8, "opened", self.h3)
        self.check("the pull request's run succeeded", run.conclusion == "success", run.conclusion)
        self.check("its plan was kept as an artifact", any(a["run_id"] == run.run_id and a["name"] == ARTIFACT
                                                           for a in self.api.artifacts.values()))
        hotfix = self.repository.commit("hotfix outside the workflow", parent=self.m, edits=[
            ("inference-profiles.yaml", "team: search\n", "team: search-ops\n")])
        status, output = self.bedrockctl_in(hotfix, "apply", "--auto-approve")
        self.check("the live state changed (a hotfix applied outside the workflow)", status == 0, output[-300:])
        self.m2 = self.repository.commit("main: merge #8", parent=self.h3)
        self.api.merge_pull(8, self.m2)
        merge = self.runs[5] = self.push_run(self.m2, before=self.m)
        self.check("the merge's job failed", merge.conclusion == "failure", merge.conclusion)
        self.check_outcomes(merge, {"Find the reviewed plan of the merged pull request": "success",
                                    "Download the reviewed plan": "success", "Apply the reviewed plan": "failure"})
        apply_log = merge.step("Apply the reviewed plan").log
        refusal = "the saved plan is stale: what it rests on in the account changed since it was made"
        self.check("bedrockctl refused the stale plan", refusal in apply_log, apply_log[-300:])
        self.check("nothing was applied: the live state is the hotfix's", self.live_state_matches(hotfix)
                   and not self.live_state_matches(self.h3))
        self.check_requests_answered(merge)
        self.hotfix = hotfix

    def push_without_pull_request(self):
        """5. A push that is no merge of a pull request: Find fails, nothing downloaded or applied."""
        sha = self.repository.commit("main: a direct push", parent=self.m2, edits=[
            ("throughputs.yaml", "# Provisioned Throughputs for", "# The Provisioned Throughputs of")])
        run = self.runs[6] = self.push_run(sha, before=self.m2)
        self.check("the job failed", run.conclusion == "failure", run.conclusion)
        self.check_outcomes(run, {"Find the reviewed plan of the merged pull request": "failure",
                                  "Download the reviewed plan": "skipped", "Apply the reviewed plan": "skipped"})
        find_log = run.step("Find the reviewed plan of the merged pull request").log
        self.check("Find says the commit is not the merge of a pull request",
                   f"{sha} is not the merge of a pull request" in find_log, find_log[-300:])
        self.check("no artifact was asked for", not any("/artifacts" in r.path for r in self.api.requests_of(
            run.run_id)))
        self.check("the live state did not change", self.live_state_matches(self.hotfix))
        self.check_requests_answered(run)

    def main(self):
        """Runs every scenario in order; a scenario that raises is a failure, the next ones still run."""
        print(f"rehearsal of {self.workflow_path}")
        print(f"  work folder {self.root}; fake GitHub {self.api.url}; sandbox {self.sandbox}")
        print(f"  workspace {self.runner.workspace} (the same in every run)")
        print("  real: run steps (bash; bedrockctl is the binary under rehearsal, by a wrapper adding --sandbox),")
        print("        actions/github-script (the script under node, github-script-shim.js)")
        print(f"  stand-ins: {', '.join(list(self.runner.stand_ins)[:3])},")
        print(f"             {', '.join(list(self.runner.stand_ins)[3:])}")
        scenarios = [self.pull_request_opened, self.pull_request_synchronized, self.merged, self.stale_plan,
                     self.push_without_pull_request]
        try:
            self.seed()
        except subprocess.CalledProcessError as error:
            self.check("the sandbox was seeded with the examples (bedrockctl apply)", False, str(error))
            scenarios = []
        for index, scenario in enumerate(scenarios, start=1):
            self.scenario = f"{index}. {scenario.__name__}"
            print(f"\n{self.scenario}: {re.sub(r'^[0-9]+[.] ', '', scenario.__doc__)}")
            try:
                scenario()
            except Exception as error:  # a broken workflow may break a scenario's assumptions: report, go on
                self.check("the scenario ran to its end", False, f"{type(error).__name__}: {error}")
        print(f"\n{self.checks_made - len(self.failures)} of {self.checks_made} checks hold")
        self.api.server.shutdown()
        if self.keep or self.failures:
            print(f"the runs' logs, payloads and temp folders are in {self.root}/runs")
        else:
            shutil.rmtree(self.root)
        print(json.dumps({"ok": not self.failures, "failures": self.failures}))
        return 0 if not self.failures else 1


def wait_for(path, seconds=300):
    """Waits for a file that a rebuild may briefly remove."""
    deadline = time.time() + seconds
    while not os.path.isfile(path):
        if time.time() > deadline:
            raise SystemExit(f"{path} does not exist")
        time.sleep(5)


def parse_arguments():
    """The command line."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--bedrockctl", required=True, help="the bedrockctl binary under rehearsal")
    parser.add_argument("--examples", required=True, help="the examples folder (the stack's manifests)")
    parser.add_argument("--workflow", help="the workflow to rehearse (default: EXAMPLES/" + WORKFLOW_FILE + ")")
    parser.add_argument("--work", help="the folder to make the rehearsal's work folder in, kept afterwards "
                        "(default: the temp folder, removed when every check holds)")
    arguments = parser.parse_args()
    arguments.workflow = arguments.workflow or os.path.join(arguments.examples, WORKFLOW_FILE)
    return arguments


if __name__ == "__main__":
    ARGUMENTS = parse_arguments()
    wait_for(ARGUMENTS.bedrockctl)
    sys.exit(Rehearsal(ARGUMENTS).main())
