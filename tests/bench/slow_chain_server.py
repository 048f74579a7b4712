#!/usr/bin/env python3
"""Loopback HTTP/1.1 keep-alive server for the 20 ms chain of redirect-chain.sh.

GET /slow/N sleeps DELAY seconds, then answers 302 Location: /slow/N+1 for N < HOPS and
200 with a short body for N == HOPS. Binds 127.0.0.1 only, on PORT (0: a free one), writes the
port it got to PORT_FILE, and stops by itself after LIFETIME seconds at the latest.

usage: slow_chain_server.py PORT_FILE [--hops 10] [--delay 0.02] [--port 0] [--lifetime 600]
"""
import argparse
import http.server
import os
import re
import sys
import threading
import time

PATH = re.compile(r"^/slow/(\d+)$")


def main() -> int:
    ap = argparse.ArgumentParser()
    ap.add_argument("port_file")
    ap.add_argument("--hops", type=int, default=10)
    ap.add_argument("--delay", type=float, default=0.02)
    ap.add_argument("--port", type=int, default=0)
    ap.add_argument("--lifetime", type=float, default=600.0)
    args = ap.parse_args()

    class Handler(http.server.BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"  # keep-alive: one connection for the whole chain
        disable_nagle_algorithm = True  # no Nagle/delayed-ACK stall between header and body writes

        def do_GET(self) -> None:
            m = PATH.match(self.path)
            time.sleep(args.delay)
            if not m:
                self._answer(404, b"not found\n")
                return
            n = int(m.group(1))
            if n < args.hops:
                self._answer(302, b"", location=f"/slow/{n + 1}")
            else:
                self._answer(200, b"done\n")

        def _answer(self, status: int, body: bytes, location: str = "") -> None:
            self.send_response(status)
            if location:
                self.send_header("Location", location)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            if body:
                self.wfile.write(body)

        def log_message(self, format: str, *a) -> None:  # noqa: A002 - quiet
            pass

    server = http.server.ThreadingHTTPServer(("127.0.0.1", args.port), Handler)
    server.daemon_threads = True
    with open(args.port_file + ".tmp", "w") as f:
        f.write(f"{server.server_address[1]}\n")
    os.replace(args.port_file + ".tmp", args.port_file)
    stopper = threading.Timer(args.lifetime, server.shutdown)
    stopper.daemon = True
    stopper.start()
    try:
        server.serve_forever()
    except KeyboardInterrupt:
        pass
    server.server_close()
    return 0


if __name__ == "__main__":
    sys.exit(main())
