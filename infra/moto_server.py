"""moto's server, with requests handled one at a time.

moto's own `moto_server` handles requests on many threads without a lock, and it rolls a
failed DynamoDB transaction back by restoring a copy of the whole table taken when the
transaction began. Under concurrent writes that loses or resurrects other requests' items
and lets two conditional creates of one item both succeed: things DynamoDB never does, and
exactly what Keyway's conditional writes, transactions and refresh leases are tested for.
Serialising requests gives the linearizable behaviour the tests claim about DynamoDB.

Usage: python infra/moto_server.py -H 127.0.0.1 -p PORT
"""
import argparse
import os
import signal
import sys
import threading

from werkzeug.serving import run_simple

from moto.moto_server.werkzeug_app import (
    DomainDispatcherApplication,
    MotoRequestHandler,
    create_backend_app,
)


def serialised(app):
    lock = threading.Lock()

    def handle(environ, start_response):
        with lock:
            # Drain the response inside the lock: moto builds bodies lazily.
            return list(app(environ, start_response))

    return handle


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("-H", "--host", default="127.0.0.1")
    parser.add_argument("-p", "--port", type=int, default=5000)
    args = parser.parse_args(argv)
    os.environ.setdefault("MOTO_PORT", str(args.port))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    app = DomainDispatcherApplication(create_backend_app)
    # Connections are still accepted on many threads; only the handling is one at a time.
    run_simple(args.host, args.port, serialised(app), threaded=True, request_handler=MotoRequestHandler)


if __name__ == "__main__":
    main(sys.argv[1:])
