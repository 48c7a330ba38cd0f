"""A hostile client against bedrockctl's emulator HTTP server, over raw sockets on 127.0.0.1.

Usage: EMULATOR=http://127.0.0.1:PORT python3 hostile_client.py

Runs a battery of malformed, oversized, slow and concurrent inputs. After each case (and every
second during the slow ones) GET /_emulator/health must answer 200 within 2 s: the server must
survive everything. A case passes when the server stays healthy and answers the hostile input
with a 4xx status or by closing the connection within a bound (30 s for the slow cases), never
with a 5xx (505 is accepted for an unsupported HTTP version), and never by leaving it hanging.
Cases made of valid requests (pipelined, 500 concurrent, a request followed by a half close) pass
when every request is answered 2xx (or refused with a 4xx or a close), none with a 5xx or a hang.

When the server's process can be found (EMULATOR_PID, else the process holding the listening
socket, found through /proc), its resident memory is sampled during each case; for the cases
that send large inputs a growth past HOSTILE_RSS_LIMIT_MB (default 40) over the RSS before the
case is a failure: the server buffered what it should have refused.

Prints one line a case, then `hostile client: N passed, M failed`; exits 1 if any failed.
Bounded: under 90 s in all, at most ~560 sockets at once, only to 127.0.0.1.
"""
import errno
import os
import random
import re
import resource
import selectors
import socket
import sys
import threading
import time
import urllib.parse

URL = urllib.parse.urlsplit(os.environ.get("EMULATOR", ""))
HOST, PORT = URL.hostname, URL.port
if HOST not in ("127.0.0.1", "localhost") or not PORT:
    sys.exit("hostile client: EMULATOR must be http://127.0.0.1:PORT (loopback only), got %r" % os.environ.get("EMULATOR"))
HOST = "127.0.0.1"

TOTAL_BUDGET = float(os.environ.get("HOSTILE_BUDGET_SECONDS", "85"))
QUICK_WAIT = 5.0          # how long a quick case waits for an answer or a close
SLOW_BOUND = float(os.environ.get("HOSTILE_SLOW_BOUND", "30"))  # how long a slow case may go unanswered
HEALTH_TIMEOUT = float(os.environ.get("HOSTILE_HEALTH_TIMEOUT", "2"))
RSS_LIMIT_MB = float(os.environ.get("HOSTILE_RSS_LIMIT_MB", "40"))
START = time.monotonic()
HEALTH_REQUEST = b"GET /_emulator/health HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n"


def raise_fd_limit(want=4096):
    soft, hard = resource.getrlimit(resource.RLIMIT_NOFILE)
    if soft < want:
        resource.setrlimit(resource.RLIMIT_NOFILE, (min(want, hard), hard))


# MARK: - the server's process and memory

def find_server_pid():
    if os.environ.get("EMULATOR_PID"):
        return int(os.environ["EMULATOR_PID"])
    inodes = set()
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        try:
            lines = open(table).read().splitlines()[1:]
        except OSError:
            continue
        for line in lines:
            fields = line.split()
            local, state, inode = fields[1], fields[3], fields[9]
            if state == "0A" and int(local.rsplit(":", 1)[1], 16) == PORT:
                inodes.add(inode)
    if not inodes:
        return None
    targets = {"socket:[%s]" % i for i in inodes}
    for pid in os.listdir("/proc"):
        if not pid.isdigit():
            continue
        try:
            for fd in os.listdir("/proc/%s/fd" % pid):
                if os.readlink("/proc/%s/fd/%s" % (pid, fd)) in targets:
                    return int(pid)
        except OSError:
            continue
    return None


SERVER_PID = find_server_pid()


def rss_kb():
    if SERVER_PID is None:
        return None
    try:
        for line in open("/proc/%d/status" % SERVER_PID):
            if line.startswith("VmRSS:"):
                return int(line.split()[1])
    except OSError:
        return None
    return None


def server_alive():
    return SERVER_PID is None or os.path.exists("/proc/%d" % SERVER_PID)


class RSSSampler:
    """Samples the server's VmRSS every 20 ms while a case runs."""

    def __init__(self):
        self.before = rss_kb()
        self.peak = self.before
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._run, daemon=True)
        self._thread.start()

    def _run(self):
        while not self._stop.wait(0.02):
            value = rss_kb()
            if value is not None and (self.peak is None or value > self.peak):
                self.peak = value

    def stop(self):
        self._stop.set()
        self._thread.join()
        self.after = rss_kb()
        return self


def mb(kb):
    return "?" if kb is None else "%.1f" % (kb / 1024)


# MARK: - raw HTTP

class Outcome:
    """What the server did with one hostile input."""

    def __init__(self):
        self.statuses = []     # status codes of the answers received, in order
        self.closed = False    # the server closed (or reset) the connection
        self.reset = False
        self.hung = False      # neither an answer nor a close within the bound
        self.elapsed = 0.0     # until the first answer or the close (or the bound)
        self.notes = []

    def describe(self):
        parts = []
        if self.statuses:
            shown = self.statuses if len(self.statuses) <= 6 else self.statuses[:3] + ["…"] + self.statuses[-2:]
            parts.append("answered " + ",".join(str(s) for s in shown))
        if self.reset:
            parts.append("connection reset")
        elif self.closed:
            parts.append("connection closed")
        if self.hung:
            parts.append("NO ANSWER and no close (hang)")
        parts.append("in %.2fs" % self.elapsed)
        return ", ".join(parts + self.notes)


def connect(timeout=5.0):
    s = socket.create_connection((HOST, PORT), timeout=timeout)
    s.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
    return s


def send_all(sock, data, outcome, deadline):
    """Sends data in pieces; a server that closes or resets meanwhile is recorded, not raised."""
    view = memoryview(data)
    sent = 0
    try:
        while sent < len(view):
            sock.settimeout(max(0.05, deadline - time.monotonic()))
            sent += sock.send(view[sent:sent + (1 << 20)])
    except (BrokenPipeError, ConnectionResetError):
        outcome.closed = True
        outcome.reset = True
    except socket.timeout:
        outcome.notes.append("server stopped reading after %d of %d bytes" % (sent, len(data)))
    return sent


class ResponseReader:
    """Reads HTTP/1.x responses off a socket (status, headers, body by Content-Length or chunked)."""

    def __init__(self, sock):
        self.sock = sock
        self.buffer = b""
        self.eof = False
        self.reset = False

    def _fill(self, deadline):
        if self.eof:
            return False
        remaining = deadline - time.monotonic()
        if remaining <= 0:
            raise socket.timeout()
        self.sock.settimeout(remaining)
        try:
            data = self.sock.recv(65536)
        except ConnectionResetError:
            self.eof = self.reset = True
            return False
        if not data:
            self.eof = True
            return False
        self.buffer += data
        return True

    def _take_line(self, deadline, limit=1 << 20):
        while b"\r\n" not in self.buffer:
            if len(self.buffer) > limit or not self._fill(deadline):
                return None
        line, self.buffer = self.buffer.split(b"\r\n", 1)
        return line

    def _take(self, n, deadline):
        while len(self.buffer) < n:
            if not self._fill(deadline):
                return None
        data, self.buffer = self.buffer[:n], self.buffer[n:]
        return data

    def read(self, deadline):
        """One response as (status, headers); None when the connection ended first.
        Raises socket.timeout at the deadline."""
        line = self._take_line(deadline)
        while line == b"":
            line = self._take_line(deadline)
        if line is None:
            return None
        match = re.match(rb"HTTP/\d\.\d (\d{3})", line)
        if not match:
            raise ValueError("not an HTTP status line: %r" % line[:80])
        status = int(match.group(1))
        headers = {}
        while True:
            h = self._take_line(deadline)
            if h is None:
                return status, headers
            if h == b"":
                break
            name, _, value = h.partition(b":")
            headers[name.strip().lower().decode("latin-1")] = value.strip().decode("latin-1")
        if headers.get("transfer-encoding", "").lower() == "chunked":
            while True:
                size_line = self._take_line(deadline)
                if size_line is None:
                    break
                size = int(size_line.split(b";")[0], 16)
                if size == 0:
                    self._take_line(deadline)
                    break
                self._take(size + 2, deadline)
        elif "content-length" in headers:
            self._take(int(headers["content-length"]), deadline)
        return status, headers

    def wait_close(self, deadline):
        """True when the server closes the connection before the deadline."""
        try:
            while self._fill(deadline):
                self.buffer = b""
        except socket.timeout:
            return False
        return True


def exchange(data, wait=None, expect_responses=1, linger=0.3, shutdown_write=False, sock=None, outcome=None):
    """Sends `data` on a fresh connection and records the answers and whether it is closed."""
    wait = wait if wait is not None else quick_wait()
    outcome = outcome or Outcome()
    started = time.monotonic()
    deadline = started + wait
    try:
        sock = sock or connect()
    except OSError as error:
        outcome.notes.append("could not connect: %s" % error)
        outcome.hung = True
        return outcome
    with sock:
        send_all(sock, data, outcome, deadline)
        if shutdown_write and not outcome.closed:
            try:
                sock.shutdown(socket.SHUT_WR)
            except OSError:
                pass
        reader = ResponseReader(sock)
        first = None
        try:
            while len(outcome.statuses) < expect_responses:
                answer = reader.read(deadline)
                first = first or time.monotonic()
                if answer is None:
                    break
                outcome.statuses.append(answer[0])
            if reader.eof:
                outcome.closed = True
            else:
                outcome.closed = reader.wait_close(min(deadline, time.monotonic() + linger))
            outcome.reset = outcome.reset or reader.reset
        except socket.timeout:
            if not outcome.statuses and not outcome.closed:
                outcome.hung = True
        except ValueError as error:
            outcome.notes.append(str(error))
            outcome.closed = True
        except OSError as error:
            outcome.closed = True
            outcome.notes.append(str(error))
    outcome.elapsed = (first or time.monotonic()) - started
    return outcome


def health():
    """(ok, description) of GET /_emulator/health within 2 s on a fresh connection."""
    started = time.monotonic()
    try:
        with connect(timeout=HEALTH_TIMEOUT) as sock:
            sock.sendall(HEALTH_REQUEST)
            answer = ResponseReader(sock).read(started + HEALTH_TIMEOUT)
    except socket.timeout:
        return False, "health: no answer within %.0f s" % HEALTH_TIMEOUT
    except (OSError, ValueError) as error:
        return False, "health: %s%s" % (error, "" if server_alive() else " (the server process is gone)")
    elapsed = (time.monotonic() - started) * 1000
    if answer is None:
        return False, "health: connection closed without an answer"
    if answer[0] != 200:
        return False, "health: answered %d" % answer[0]
    return True, "healthy (%.0f ms)" % elapsed


def quick_wait():
    """A quick case's wait for an answer: QUICK_WAIT, shrunk when the run's time budget gets
    short (25 s are kept for the concurrency case and the health checks; up to a third of the
    cases left may use their whole wait)."""
    pool = TOTAL_BUDGET - (time.monotonic() - START) - 25
    return max(1.0, min(QUICK_WAIT, 3 * pool / max(1, CASES_LEFT[0])))


CASES_LEFT = [0]


# MARK: - judging

REJECT = "reject"        # hostile input: a 4xx or a close, in time
SERVE = "serve"          # valid requests: 2xx (or refusal by 4xx/close), never 5xx or a hang
EITHER = SERVE           # input a server may accept or refuse (RFC 9112 allows both)


def verdict(outcome, expect, allow=()):
    """None when the outcome is acceptable, else why not."""
    fives = [s for s in outcome.statuses if s >= 500 and s not in allow]
    if fives:
        return "answered %d" % fives[0]
    if outcome.hung:
        return "no answer and no close within the bound"
    if expect == REJECT:
        first = outcome.statuses[0] if outcome.statuses else None
        if first is not None and not (400 <= first < 500 or first in allow):
            return "accepted the hostile input (%d) instead of a 4xx or a close" % first
        if first is None and not outcome.closed:
            return "neither answered nor closed"
    return None


RESULTS = []


def record(name, outcome, problem, healthy, health_text, sampler=None, memory_limited=False):
    problems = [p for p in [problem, None if healthy else health_text] if p]
    memory = ""
    if sampler is not None and sampler.before is not None:
        growth = (sampler.peak - sampler.before) / 1024
        memory = "; rss %s -> peak %s -> %s MB" % (mb(sampler.before), mb(sampler.peak), mb(sampler.after))
        if memory_limited and growth > RSS_LIMIT_MB:
            problems.append("server memory grew by %.0f MB (limit %.0f MB): it buffered the input" % (growth, RSS_LIMIT_MB))
    passed = not problems
    line = "%s  %s: %s; %s%s" % ("PASS" if passed else "FAIL", name, outcome.describe() if outcome else "", health_text, memory)
    if problems:
        line += "  <- " + "; ".join(problems)
    RESULTS.append((passed, line))
    print(line, flush=True)


def run_case(name, action, expect=REJECT, allow=(), memory_limited=False):
    CASES_LEFT[0] -= 1
    sampler = RSSSampler()
    try:
        outcome = action()
    except Exception as error:  # a bug here must not hide the rest of the battery
        outcome = Outcome()
        outcome.notes.append("client error: %r" % error)
        outcome.hung = True
    sampler.stop()
    problem = verdict(outcome, expect, allow)
    healthy, text = health()
    record(name, outcome, problem, healthy, text, sampler, memory_limited)


# MARK: - quick cases

def request(target="/_emulator/health", method="GET", version="HTTP/1.1", headers=(), body=b""):
    lines = ["%s %s %s" % (method, target, version), "Host: 127.0.0.1"] + list(headers)
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1") + body


def big_header(size):
    return request(headers=["X-Big: " + "a" * size])


def many_headers(count):
    return request(headers=["X-H%d: v" % i for i in range(count)])


def fifty_mb_body():
    size = 50 << 20
    head = request("/_emulator/settings", "POST", headers=["Content-Type: application/json", "Content-Length: %d" % size])
    outcome = Outcome()
    started = time.monotonic()
    deadline = started + 30
    with connect() as sock:
        chunk = b'{"a":' * (1 << 18)  # 1.25 MB of garbage JSON
        send_all(sock, head, outcome, deadline)
        sent = 0
        while sent < size and not outcome.closed and time.monotonic() < deadline:
            piece = chunk[:min(len(chunk), size - sent)]
            before = len(outcome.notes)
            n = send_all(sock, piece, outcome, deadline)
            sent += n
            if len(outcome.notes) > before:
                break
            # an early answer (413) may be waiting: look without blocking
            sock.setblocking(False)
            try:
                peek = sock.recv(1, socket.MSG_PEEK)
                if peek == b"":
                    outcome.closed = True
                elif peek:
                    break
            except BlockingIOError:
                pass
            except ConnectionResetError:
                outcome.closed = outcome.reset = True
            finally:
                sock.setblocking(True)
        outcome.notes.append("sent %.1f of 50 MB" % (sent / (1 << 20)))
        reader = ResponseReader(sock)
        try:
            answer = reader.read(min(deadline, time.monotonic() + 10))
            if answer:
                outcome.statuses.append(answer[0])
            outcome.closed = outcome.closed or reader.eof or reader.wait_close(time.monotonic() + 0.3)
            outcome.reset = outcome.reset or reader.reset
        except socket.timeout:
            if not outcome.closed:
                outcome.hung = True
        except (OSError, ValueError) as error:
            outcome.closed = True
            outcome.notes.append(str(error))
    outcome.elapsed = time.monotonic() - started
    return outcome


def pipelined(count=10):
    data = HEALTH_REQUEST.replace(b"Connection: close\r\n", b"") * (count - 1) + HEALTH_REQUEST
    outcome = exchange(data, wait=max(quick_wait(), 5), expect_responses=count)
    if len(outcome.statuses) < count and not outcome.hung:
        outcome.notes.append("only %d of %d answered" % (len(outcome.statuses), count))
        if not outcome.closed:
            outcome.hung = True
    return outcome


def pipelined_with_garbage():
    """Judged on what follows the valid first request: the garbage must get a 4xx or a close."""
    keep = HEALTH_REQUEST.replace(b"Connection: close\r\n", b"")
    outcome = exchange(keep + b"GARBAGE \x00\x01 HTTP/1.1\r\n\r\n" + keep, expect_responses=3)
    first, rest = outcome.statuses[:1], outcome.statuses[1:]
    if first != [200]:
        outcome.notes.append("the valid request before the garbage was answered %s" % (first[0] if first else "not at all"))
        outcome.hung = outcome.hung or not outcome.closed
    else:
        outcome.notes.append("the valid first request answered 200")
    if len(rest) > 1:
        outcome.notes.append("the server went on after the garbage (%s)" % rest[1:])
    outcome.statuses = rest
    return outcome


def concurrent(count=500, bound=20.0):
    """`count` connections at once, each sending one valid request; all driven by one selector."""
    outcome = Outcome()
    started = time.monotonic()
    deadline = started + bound
    selector = selectors.DefaultSelector()
    states = {}
    refused = 0
    for i in range(count):
        s = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
        s.setblocking(False)
        err = s.connect_ex((HOST, PORT))
        if err not in (0, errno.EINPROGRESS):
            refused += 1
            s.close()
            continue
        states[s] = {"out": HEALTH_REQUEST, "in": b"", "done": False}
        selector.register(s, selectors.EVENT_WRITE)
    statuses, closed, reset = [], 0, 0
    pending = len(states)
    while pending and time.monotonic() < deadline:
        for key, mask in selector.select(timeout=0.2):
            s, st = key.fileobj, states[key.fileobj]
            try:
                if mask & selectors.EVENT_WRITE:
                    n = s.send(st["out"])
                    st["out"] = st["out"][n:]
                    if not st["out"]:
                        selector.modify(s, selectors.EVENT_READ)
                    continue
                data = s.recv(65536)
            except (ConnectionRefusedError, ConnectionResetError, BrokenPipeError):
                data, reset = None, reset + 1
            except BlockingIOError:
                continue
            if data:
                st["in"] += data
                m = re.match(rb"HTTP/\d\.\d (\d{3})", st["in"])
                if m and b"\r\n\r\n" in st["in"]:
                    statuses.append(int(m.group(1)))
                    data = None
                elif len(st["in"]) < 1 << 16:
                    continue
            if data is not None or (data is None and not st["in"]):
                closed += 1
            selector.unregister(s)
            s.close()
            st["done"] = True
            pending -= 1
    unanswered = [s for s, st in states.items() if not st["done"]]
    for s in unanswered:
        selector.unregister(s)
        s.close()
    selector.close()
    outcome.elapsed = time.monotonic() - started
    outcome.statuses = statuses
    outcome.closed = closed > 0
    codes = {}
    for s in statuses:
        codes[s] = codes.get(s, 0) + 1
    outcome.notes.append("%d connections: %s; %d closed without an answer, %d refused at connect, %d unanswered after %.0f s"
                         % (count, ", ".join("%d x %d" % (n, c) for c, n in sorted(codes.items())) or "no answers",
                            closed, refused, len(unanswered), bound))
    outcome.hung = bool(unanswered)
    return outcome


def half_close_after_request():
    outcome = exchange(HEALTH_REQUEST.replace(b"Connection: close\r\n", b""), shutdown_write=True)
    if not outcome.statuses and outcome.closed:
        outcome.notes.append("a complete request went unanswered: the server closed on the client's FIN (no half-close support)")
    return outcome


def half_close_mid_request():
    return exchange(b"GET /_emulator/health HTTP/1.1\r\nHost: 127.", shutdown_write=True)


def half_close_mid_body():
    return exchange(request("/_emulator/settings", "POST", headers=["Content-Length: 100"], body=b'{"throttle'), shutdown_write=True)


def half_close_empty():
    return exchange(b"", shutdown_write=True)


def tls_client_hello():
    # The start of a TLS 1.2 ClientHello: an https client speaking to the plain port.
    hello = bytes.fromhex("16030100a5010000a10303") + bytes(range(32)) + bytes.fromhex("000020c02bc02fc02cc030cca9cca8c013c014009c009d002f0035000a010000580000")
    return exchange(hello + bytes(64))


QUICK_CASES = [
    # name, bytes or action, expectation, accepted 5xx
    ("request line: method only", b"GET\r\n\r\n", REJECT, ()),
    ("request line: no version (HTTP/0.9 style)", b"GET /_emulator/health\r\n\r\n", REJECT, ()),
    ("request line: too many parts", b"GET /_emulator/health HTTP/1.1 extra\r\nHost: x\r\n\r\n", REJECT, ()),
    ("request line: NUL and control bytes", b"GET /_emu\x00lator\x01 HTTP/1.1\r\nHost: x\r\n\r\n", REJECT, ()),
    ("request line: bad method token", b"G@T /_emulator/health HTTP/1.1\r\nHost: x\r\n\r\n", REJECT, (501,)),
    ("request line: 100 KB target", ("GET /" + "a" * 100_000 + " HTTP/1.1\r\nHost: x\r\n\r\n").encode(), REJECT, ()),
    ("request line: bare LF line ends (RFC 9112 lets a server accept them)", b"GET /_emulator/health HTTP/1.1\nHost: x\n\n", EITHER, ()),
    ("version: HTTP/9.9", request(version="HTTP/9.9"), REJECT, (505,)),
    ("version: HTTP/1.1x", request(version="HTTP/1.1x"), REJECT, (505,)),
    ("version: HTTP/", request(version="HTTP/"), REJECT, (505,)),
    ("version: FOO/1.1", request(version="FOO/1.1"), REJECT, (505,)),
    ("version: HTTP/2.0 over HTTP/1 framing", request(version="HTTP/2.0"), REJECT, (505,)),
    ("garbage: 64 KB random bytes", bytes(random.Random(7).getrandbits(8) for _ in range(65536)), REJECT, ()),
    ("garbage: 64 KB of NUL", bytes(65536), REJECT, ()),
    ("garbage: TLS ClientHello", tls_client_hello, REJECT, ()),
    ("header: line without a colon", request(headers=["ThisIsNotAHeader"]), REJECT, ()),
    ("header: 100 KB value", big_header(100 * 1024), REJECT, ()),
    ("header: 1 MB value", big_header(1 << 20), REJECT, ()),
    ("header: 10,000 headers", many_headers(10_000), REJECT, ()),
    ("content-length: -1", request("/_emulator/settings", "POST", headers=["Content-Length: -1"], body=b"{}"), REJECT, ()),
    ("content-length: non-numeric", request("/_emulator/settings", "POST", headers=["Content-Length: abc"], body=b"{}"), REJECT, ()),
    ("content-length: two different values", request("/_emulator/settings", "POST", headers=["Content-Length: 2", "Content-Length: 5"], body=b"{}"), REJECT, ()),
    ("content-length: 2^64 + 1 (overflow)", request("/_emulator/settings", "POST", headers=["Content-Length: 18446744073709551617"], body=b"{}"), REJECT, ()),
    ("content-length with chunked (smuggling)", request("/_emulator/settings", "POST", headers=["Content-Length: 4", "Transfer-Encoding: chunked"], body=b"2\r\n{}\r\n0\r\n\r\n"), REJECT, ()),
    ("chunked: non-hex chunk size", request("/_emulator/settings", "POST", headers=["Transfer-Encoding: chunked"], body=b"ZZZ\r\n{}\r\n0\r\n\r\n"), REJECT, ()),
    ("chunked: chunk size overflows 64 bits", request("/_emulator/settings", "POST", headers=["Transfer-Encoding: chunked"], body=b"FFFFFFFFFFFFFFFFFFFFFF\r\nab\r\n0\r\n\r\n"), REJECT, ()),
    ("chunked: data longer than its size", request("/_emulator/settings", "POST", headers=["Transfer-Encoding: chunked"], body=b"2\r\n{}xxxxxxxx\r\n0\r\n\r\n"), REJECT, ()),
    ("transfer-encoding: unknown coding", request("/_emulator/settings", "POST", headers=["Transfer-Encoding: gzip, identity"], body=b"{}"), REJECT, ()),
    ("body: 50 MB POST /_emulator/settings", fifty_mb_body, REJECT, ()),
    ("pipelined: 10 valid requests in one write", pipelined, SERVE, ()),
    ("pipelined: valid, garbage, valid", pipelined_with_garbage, REJECT, (501,)),
    ("half-closed: full request, then SHUT_WR", half_close_after_request, SERVE, ()),
    ("half-closed: inside the headers", half_close_mid_request, REJECT, ()),
    ("half-closed: inside the body", half_close_mid_body, REJECT, ()),
    ("half-closed: nothing sent", half_close_empty, REJECT, ()),
    ("concurrency: 500 connections, one valid request each", concurrent, SERVE, ()),
]
MEMORY_CASES = {"header: 100 KB value", "header: 1 MB value", "header: 10,000 headers", "body: 50 MB POST /_emulator/settings",
                "request line: 100 KB target"}


# MARK: - slow cases, run together, with the health watched every second

class SlowCase:
    """A connection that keeps the server waiting; reports when (if ever) the server ends it."""

    def __init__(self, name, opening, drip=b"", drip_seconds=0.0, connections=1):
        self.name, self.opening, self.drip, self.drip_seconds, self.connections = name, opening, drip, drip_seconds, connections
        self.socks = []
        self.ended = {}      # index -> (seconds, status or None)
        self.sent = {}       # index -> drip bytes sent
        self.errors = []

    def start(self, t0):
        self.t0 = t0
        for i in range(self.connections):
            try:
                s = connect()
                s.sendall(self.opening)
                s.setblocking(False)
                self.socks.append(s)
            except OSError as error:
                self.errors.append(str(error))

    def tick(self, now):
        """Sends the next drip byte when due and notes connections the server ended."""
        elapsed = now - self.t0
        for i, s in enumerate(self.socks):
            if i in self.ended:
                continue
            try:
                data = s.recv(65536)
                m = re.match(rb"HTTP/\d\.\d (\d{3})", data or b"")
                self.ended[i] = (elapsed, int(m.group(1)) if m else None)
                continue
            except BlockingIOError:
                pass
            except OSError:
                self.ended[i] = (elapsed, None)
                continue
            if self.drip and elapsed < self.drip_seconds:
                due = int(elapsed) + 1
                count = self.sent.get(i, 0)
                if count < due and count < len(self.drip):
                    try:
                        s.send(self.drip[count:count + 1])
                        self.sent[i] = count + 1
                    except BlockingIOError:
                        pass
                    except OSError:
                        self.ended[i] = (elapsed, None)

    def finish(self):
        for s in self.socks:
            s.close()

    def outcome(self, bound):
        outcome = Outcome()
        if self.errors:
            outcome.notes.append("%d could not connect (%s)" % (len(self.errors), self.errors[0]))
        statuses = [st for _, st in self.ended.values() if st is not None]
        outcome.statuses = statuses
        outcome.closed = any(st is None for _, st in self.ended.values())
        open_ = len(self.socks) - len(self.ended)
        times = sorted(t for t, _ in self.ended.values())
        if self.connections > 1:
            outcome.notes.append("%d of %d connections ended by the server%s" % (
                len(self.ended), len(self.socks), " (first at %.1fs, last at %.1fs)" % (times[0], times[-1]) if times else ""))
        outcome.hung = open_ > 0
        if open_:
            outcome.notes.append("%d still open after %.0f s" % (open_, bound))
        outcome.elapsed = times[-1] if times and not open_ else bound
        return outcome


def slow_cases():
    slowloris_opening = b"GET /_emulator/health HTTP/1.1\r\nHost: 127.0.0.1\r\n"
    cases = [
        SlowCase("slowloris: 50 connections, one header byte a second for 15 s, then silence", slowloris_opening,
                 drip=b"X-Slow-Loris-Header-Name: v" * 2, drip_seconds=15, connections=50),
        SlowCase("content-length: 10 GB declared, 1 KB sent", request("/_emulator/settings", "POST", headers=["Content-Length: 10737418240"]) + b"{" * 1024),
        SlowCase("chunked: 64 GB chunk declared, 1 KB sent", request("/_emulator/settings", "POST", headers=["Transfer-Encoding: chunked"]) + b"1000000000\r\n" + b"{" * 1024),
        SlowCase("idle: half a request line, then silence", b"GET /_emulator/hea"),
        SlowCase("idle: connection opened, nothing sent", b""),
    ]
    return cases


def run_slow_cases(bound):
    cases = slow_cases()
    sampler = RSSSampler()
    t0 = time.monotonic()
    for case in cases:
        case.start(t0)
    health_failures, checks, worst = [], 0, 0.0
    next_health = t0 + 1
    while True:
        now = time.monotonic()
        if now - t0 >= bound or all(len(c.ended) == len(c.socks) for c in cases):
            break
        for case in cases:
            case.tick(now)
        if now >= next_health:
            started = time.monotonic()
            ok, text = health()
            worst = max(worst, time.monotonic() - started)
            checks += 1
            if not ok:
                health_failures.append("at %.0fs: %s" % (now - t0, text))
            next_health = time.monotonic() + 1
        time.sleep(0.05)
    for case in cases:
        case.finish()
    sampler.stop()
    ok, text = health()
    during = "health checked %d times during, slowest %.0f ms" % (checks, worst * 1000)
    if health_failures:
        ok, text = False, "UNHEALTHY during the slow cases: " + "; ".join(health_failures[:3])
    for case in cases:
        CASES_LEFT[0] -= 1
        outcome = case.outcome(bound)
        record(case.name, outcome, verdict(outcome, REJECT), ok, text + "; " + during, sampler)


def main():
    raise_fd_limit()
    print("hostile client: %s:%d, server pid %s" % (HOST, PORT, SERVER_PID if SERVER_PID else "not found (no memory figures)"), flush=True)
    ok, text = health()
    if not ok:
        print("hostile client: the server is not healthy before the battery: %s" % text)
        print("hostile client: 0 passed, 1 failed")
        return 1
    CASES_LEFT[0] = len(QUICK_CASES) + len(slow_cases())
    run_slow_cases(SLOW_BOUND)
    for name, action, expect, allow in QUICK_CASES:
        if callable(action):
            run = action
        else:
            run = (lambda data: lambda: exchange(data))(action)
        run_case(name, run, expect, allow, memory_limited=name in MEMORY_CASES)
    passed = sum(1 for p, _ in RESULTS if p)
    failed = len(RESULTS) - passed
    print("hostile client: total time %.1f s" % (time.monotonic() - START))
    print("hostile client: %d passed, %d failed" % (passed, failed))
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
