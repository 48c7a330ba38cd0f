"""A hostile HTTP server for testing bedrockctl's AWS client (and any other client).

Usage: python3 hostile_server.py --mode MODE [--lifetime SECONDS]
       (or HOSTILE_MODE=MODE python3 hostile_server.py)

Binds 127.0.0.1 on a free port and prints `PORT N` as its first line on stdout, then answers every
request, whatever its method and path (the Bedrock paths the client uses), the same hostile way.
It serves until its standard input closes or --lifetime seconds (120) pass, so a test that
starts it with a pipe on stdin stops it by closing the pipe (and a crashed test cannot leave it
behind for long). Note that `python3 hostile_server.py &` in a non-interactive shell gets
/dev/null as stdin and exits at once: give it a pipe (`sleep 130 | python3 ...`).

Each request is logged on stderr when it has been read, as exactly one line
`hostile-server[MODE] +SECONDS request #N: METHOD PATH` (count the lines with ` request #` to
count attempts; SECONDS since start show the delays between retries); what the mode then did is
logged as `hostile-server[MODE] +SECONDS #N done: ...` once it is over.

Modes:
  ok                     a well-formed answer: InvokeModel JSON, or a valid event stream for
                         .../invoke-with-response-stream (a control)
  stall-after-headers    200 with Content-Length: 100, then nothing; the socket stays open
  slow-drip              200 with Content-Length: 1000, then one byte every 2 s
  slow-drip-error        429 ThrottlingException with Content-Length: 1000, then one byte every
                         0.5 s (under any idle timeout: only a whole-body deadline ends it)
  huge-body              200 with a 200 MB chunked body of `{"a":` repeated, sent as fast as read
  invalid-json           200 with the body `{not json`
  retry-after-inf        429 ThrottlingException with Retry-After: inf
  retry-after-nan        ... Retry-After: nan
  retry-after-huge       ... Retry-After: 1e300
  retry-after-negative   ... Retry-After: -5
  eventstream-garbage    200 application/vnd.amazon.eventstream: one valid chunk, then a frame
                         declaring a total length of 0xFFFFFFFF (its prelude CRC right), then
                         frames with a wrong prelude CRC, a wrong message CRC, a total length of
                         0, headers longer than the message, then random bytes
  eventstream-huge-length     only the frame of total length 0xFFFFFFFF (prelude CRC right),
                              followed by 64 KB of data, then the stream ends
  eventstream-bad-prelude-crc only a frame whose prelude CRC is wrong
  eventstream-bad-message-crc only a frame whose message CRC is wrong
  eventstream-zero-length     only a frame of total length 0 (prelude CRC right)
  eventstream-headers-overflow only a frame whose headers length exceeds its total length
  eventstream-bad-header      only a frame (CRCs right) whose header says a string is 65535 long
  eventstream-truncated       a valid chunk, then half a frame, then the end of the stream
  close-mid-body         200 with Content-Length: 1000, 10 bytes, then close
  never-answer           accepts and reads, never writes; the socket stays open
  status-garbage         `HTTP/1.1 999999999999 X` as the status line
  header-garbage         200 with a header line of 1 MB
"""
import argparse
import base64
import json
import os
import random
import socket
import struct
import sys
import threading
import time
import zlib

MODES = [
    "ok", "stall-after-headers", "slow-drip", "slow-drip-error", "huge-body", "invalid-json",
    "retry-after-inf", "retry-after-nan", "retry-after-huge", "retry-after-negative",
    "eventstream-garbage", "eventstream-huge-length", "eventstream-bad-prelude-crc", "eventstream-bad-message-crc",
    "eventstream-zero-length", "eventstream-headers-overflow", "eventstream-bad-header", "eventstream-truncated",
    "close-mid-body", "never-answer", "status-garbage", "header-garbage",
]

START = time.monotonic()
STOP = threading.Event()
COUNTER = [0]
LOCK = threading.Lock()


def log(mode, text):
    sys.stderr.write("hostile-server[%s] +%.2fs %s\n" % (mode, time.monotonic() - START, text))
    sys.stderr.flush()


# MARK: - event-stream frames (AWS's application/vnd.amazon.eventstream)

def es_header(name, value):
    raw = value.encode()
    return bytes([len(name)]) + name.encode() + b"\x07" + struct.pack(">H", len(raw)) + raw


def es_frame(headers, payload, total=None, headers_length=None, prelude_crc=None, message_crc=None):
    """One frame; any of its length or checksum fields can be forced to a wrong value. The prelude
    CRC is computed over the (possibly forced) lengths unless it is forced itself."""
    h = b"".join(es_header(k, v) for k, v in headers)
    total = 16 + len(h) + len(payload) if total is None else total
    headers_length = len(h) if headers_length is None else headers_length
    prelude = struct.pack(">II", total, headers_length)
    prelude += struct.pack(">I", zlib.crc32(prelude) if prelude_crc is None else prelude_crc)
    body = prelude + h + payload
    return body + struct.pack(">I", zlib.crc32(body) if message_crc is None else message_crc)


def chunk_event(text):
    payload = json.dumps({"bytes": base64.b64encode(json.dumps({"outputText": text}).encode()).decode()}).encode()
    return es_frame([(":event-type", "chunk"), (":content-type", "application/json"), (":message-type", "event")], payload)


def eventstream_body(mode):
    good = chunk_event("hello ")
    headers = [(":event-type", "chunk"), (":content-type", "application/json"), (":message-type", "event")]
    payload = b'{"bytes":"aGk="}'
    huge = es_frame(headers, payload, total=0xFFFFFFFF)
    bad_prelude = es_frame(headers, payload, prelude_crc=0xDEADBEEF)
    bad_message = es_frame(headers, payload, message_crc=0xDEADBEEF)
    zero = es_frame(headers, payload, total=0)
    overflow = es_frame(headers, payload, headers_length=0x7FFFFFF0)
    # A string header whose declared length (65535) runs past the headers section; CRCs right.
    bad_header_bytes = bytes([3]) + b"abc" + b"\x07" + b"\xff\xff" + b"x" * 8
    prelude = struct.pack(">II", 16 + len(bad_header_bytes) + 2, len(bad_header_bytes))
    prelude += struct.pack(">I", zlib.crc32(prelude))
    body = prelude + bad_header_bytes + b"{}"
    bad_header = body + struct.pack(">I", zlib.crc32(body))
    if mode == "eventstream-garbage":
        return [good, huge, bad_prelude, bad_message, zero, overflow, bad_header, random.Random(1).randbytes(4096)]
    if mode == "eventstream-huge-length":
        return [huge, b"\0" * 65536]
    if mode == "eventstream-bad-prelude-crc":
        return [bad_prelude]
    if mode == "eventstream-bad-message-crc":
        return [bad_message]
    if mode == "eventstream-zero-length":
        return [zero]
    if mode == "eventstream-headers-overflow":
        return [overflow]
    if mode == "eventstream-bad-header":
        return [bad_header]
    if mode == "eventstream-truncated":
        second = chunk_event("world")
        return [good, second[:len(second) // 2]]
    raise ValueError(mode)


# MARK: - requests

def read_request(conn, mode):
    """Reads one request (headers, and a Content-Length or chunked body); returns (method, path,
    headers) or None when the peer closed. Bounded: 1 MB of headers, 64 MB of body."""
    data = b""
    while b"\r\n\r\n" not in data:
        chunk = conn.recv(65536)
        if not chunk:
            return None
        data += chunk
        if len(data) > 1 << 20:
            log(mode, "headers over 1 MB; closing the connection")
            return None
    head, rest = data.split(b"\r\n\r\n", 1)
    lines = head.decode("latin-1").split("\r\n")
    parts = lines[0].split(" ")
    method, path = (parts + ["", ""])[:2]
    headers = {}
    for line in lines[1:]:
        name, _, value = line.partition(":")
        headers[name.strip().lower()] = value.strip()
    length = int(headers.get("content-length", "0") or 0)
    if headers.get("transfer-encoding", "").lower() == "chunked":
        while not rest.endswith(b"0\r\n\r\n") and len(rest) < 64 << 20:
            chunk = conn.recv(65536)
            if not chunk:
                break
            rest += chunk
    else:
        while len(rest) < min(length, 64 << 20):
            chunk = conn.recv(65536)
            if not chunk:
                break
            rest += chunk
    return method, path, headers


def response_head(status, reason, headers):
    lines = ["HTTP/1.1 %s %s" % (status, reason)] + ["%s: %s" % h for h in headers]
    return ("\r\n".join(lines) + "\r\n\r\n").encode("latin-1")


def hold(conn):
    """Keeps the connection open, reading and discarding, until the server stops."""
    conn.settimeout(0.5)
    while not STOP.is_set():
        try:
            if conn.recv(65536) == b"":
                # The peer closed its side; keep ours open all the same, as a stuck server would.
                STOP.wait(0.5)
        except socket.timeout:
            continue
        except OSError:
            return


def drip(conn, head, interval):
    """Sends a 1000-byte JSON body starting with `head`, one byte every `interval` seconds, until the
    server stops; returns how many bytes went out."""
    body = (head + b"x" * 1000)[:998] + b'"}'
    sent = 0
    while sent < len(body) and not STOP.wait(interval):
        conn.sendall(body[sent:sent + 1])
        sent += 1
    return sent


def answer(conn, mode, method, path, number):
    """Writes this mode's answer. Returns True when the connection may serve another request."""
    rid = "hostile-%06d" % number
    json_headers = [("Content-Type", "application/json"), ("x-amzn-RequestId", rid)]
    if mode == "ok":
        if path.endswith("/invoke-with-response-stream"):
            frames = [chunk_event(w) for w in ("hello ", "from ", "the hostile server")]
            conn.sendall(response_head(200, "OK", [("Content-Type", "application/vnd.amazon.eventstream"), ("x-amzn-RequestId", rid),
                                                   ("X-Amzn-Bedrock-Content-Type", "application/json"), ("Transfer-Encoding", "chunked")]))
            for frame in frames:
                conn.sendall(b"%x\r\n%s\r\n" % (len(frame), frame))
            conn.sendall(b"0\r\n\r\n")
            return "a valid event stream of 3 chunks", True
        body = json.dumps({"inputTextTokenCount": 1, "results": [{"tokenCount": 3, "outputText": "hello", "completionReason": "FINISH"}]}).encode()
        conn.sendall(response_head(200, "OK", json_headers + [("Content-Length", len(body))]) + body)
        return "200 with %d bytes of JSON" % len(body), True
    if mode == "stall-after-headers":
        conn.sendall(response_head(200, "OK", json_headers + [("Content-Length", 100)]))
        log(mode, "#%d headers sent (Content-Length: 100); now stalling" % number)
        hold(conn)
        return "stalled until shutdown", False
    if mode == "slow-drip":
        conn.sendall(response_head(200, "OK", json_headers + [("Content-Length", 1000)]))
        sent = drip(conn, b'{"inputTextTokenCount": 1, "results": [], "padding": "', interval=2)
        return "dripped %d of 1000 bytes" % sent, False
    if mode == "slow-drip-error":
        conn.sendall(response_head(429, "Too Many Requests", json_headers + [("x-amzn-ErrorType", "ThrottlingException"),
                                                                              ("Content-Length", 1000)]))
        sent = drip(conn, b'{"message": "Rate exceeded", "padding": "', interval=0.5)
        return "dripped %d of 1000 bytes of an error" % sent, False
    if mode == "huge-body":
        conn.sendall(response_head(200, "OK", json_headers + [("Transfer-Encoding", "chunked")]))
        piece = b'{"a":' * 13108  # 65,540 bytes
        frame = b"%x\r\n%s\r\n" % (len(piece), piece)
        total, target = 0, 200 << 20
        started = time.monotonic()
        while total < target and not STOP.is_set():
            conn.sendall(frame)
            total += len(piece)
        conn.sendall(b"0\r\n\r\n")
        return "sent %.0f MB in %.1f s" % (total / (1 << 20), time.monotonic() - started), False
    if mode == "invalid-json":
        body = b"{not json"
        conn.sendall(response_head(200, "OK", json_headers + [("Content-Length", len(body))]) + body)
        return "200 {not json", True
    if mode.startswith("retry-after-"):
        value = {"retry-after-inf": "inf", "retry-after-nan": "nan", "retry-after-huge": "1e300", "retry-after-negative": "-5"}[mode]
        body = json.dumps({"message": "Rate exceeded (hostile server)"}).encode()
        conn.sendall(response_head(429, "Too Many Requests", json_headers + [("x-amzn-ErrorType", "ThrottlingException"),
                                                                            ("Retry-After", value), ("Content-Length", len(body))]) + body)
        return "429 ThrottlingException, Retry-After: %s" % value, True
    if mode.startswith("eventstream-"):
        conn.sendall(response_head(200, "OK", [("Content-Type", "application/vnd.amazon.eventstream"), ("x-amzn-RequestId", rid),
                                               ("X-Amzn-Bedrock-Content-Type", "application/json"), ("Transfer-Encoding", "chunked")]))
        pieces = eventstream_body(mode)
        for piece in pieces:
            conn.sendall(b"%x\r\n%s\r\n" % (len(piece), piece))
            time.sleep(0.05)
        conn.sendall(b"0\r\n\r\n")
        return "%d pieces of event stream (%d bytes)" % (len(pieces), sum(map(len, pieces))), False
    if mode == "close-mid-body":
        conn.sendall(response_head(200, "OK", json_headers + [("Content-Length", 1000)]) + b'{"results"')
        return "10 of 1000 bytes, then closed", False
    if mode == "never-answer":
        hold(conn)
        return "never answered", False
    if mode == "status-garbage":
        conn.sendall(b"HTTP/1.1 999999999999 X\r\nContent-Type: application/json\r\nContent-Length: 2\r\n\r\n{}")
        time.sleep(0.2)
        return "status line HTTP/1.1 999999999999 X", False
    if mode == "header-garbage":
        conn.sendall(response_head(200, "OK", json_headers + [("X-Garbage", "g" * (1 << 20)), ("Content-Length", 2)]) + b"{}")
        time.sleep(0.2)
        return "200 with a 1 MB header line", False
    raise ValueError(mode)


def serve(conn, mode):
    with conn:
        try:
            conn.setsockopt(socket.IPPROTO_TCP, socket.TCP_NODELAY, 1)
            while not STOP.is_set():
                conn.settimeout(None if mode == "never-answer" else 60)
                request = read_request(conn, mode)
                if request is None:
                    return
                with LOCK:
                    COUNTER[0] += 1
                    number = COUNTER[0]
                method, path, _ = request
                log(mode, "request #%d: %s %s" % (number, method, path))
                if mode == "never-answer":
                    hold(conn)
                    log(mode, "#%d done: never answered" % number)
                    return
                what, again = answer(conn, mode, method, path, number)
                log(mode, "#%d done: %s" % (number, what))
                if not again:
                    return
        except (OSError, ValueError) as error:
            log(mode, "connection ended: %s" % error)


def main():
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--mode", default=os.environ.get("HOSTILE_MODE"), choices=MODES)
    parser.add_argument("--lifetime", type=float, default=120.0, help="seconds to serve at most (120)")
    args = parser.parse_args()
    if not args.mode:
        parser.error("--mode (or HOSTILE_MODE) is required: one of " + ", ".join(MODES))
    listener = socket.socket(socket.AF_INET, socket.SOCK_STREAM)
    listener.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    listener.bind(("127.0.0.1", 0))
    listener.listen(128)
    listener.settimeout(0.25)
    print("PORT %d" % listener.getsockname()[1], flush=True)
    log(args.mode, "listening on 127.0.0.1:%d for %.0f s" % (listener.getsockname()[1], args.lifetime))

    def watch_stdin():
        try:
            while sys.stdin.buffer.read1(4096) if hasattr(sys.stdin.buffer, "read1") else sys.stdin.buffer.read(1):
                pass
        except (OSError, ValueError):
            pass
        log(args.mode, "stdin closed; stopping")
        STOP.set()

    threading.Thread(target=watch_stdin, daemon=True).start()
    deadline = START + args.lifetime
    while not STOP.is_set():
        if time.monotonic() >= deadline:
            log(args.mode, "lifetime over; stopping")
            STOP.set()
            break
        try:
            conn, _ = listener.accept()
        except socket.timeout:
            continue
        threading.Thread(target=serve, args=(conn, args.mode), daemon=True).start()
    listener.close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
