"""moto's server, with requests handled one at a time.

moto's own `moto_server` handles requests on many threads without a lock, and it rolls a
failed DynamoDB transaction back by restoring a copy of the whole table taken when the
transaction began. Under concurrent writes that loses or resurrects other requests' items
and lets two conditional creates of one item both succeed: things DynamoDB never does, and
exactly what Keyway's conditional writes, transactions and refresh leases are tested for.
Serialising requests gives the linearizable behaviour the tests claim about DynamoDB.

The whole-table copy is also slow and unbounded: it happens per item of every transaction
and includes the table's stream history, so a few thousand transactional writes took a moto
server to 20 GB. With requests serialised, a transaction can instead remember just the items
it touches (and the stream's length) and put those back when it is cancelled.

Usage: python infra/moto_server.py -H 127.0.0.1 -p PORT
"""
import argparse
import os
import signal
import sys
import threading

from werkzeug.serving import run_simple

import copy as _copy
import moto.dynamodb.models as _dynamodb_models
from moto.dynamodb.models.dynamo_type import DynamoType

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


class _NoTableCopy:
    """Stands in for the `copy` module inside moto's DynamoDB backend: a table's 'backup' is the
    table itself (rollback is done per item below); everything else is copied as before."""

    @staticmethod
    def deepcopy(value, memo=None):
        if isinstance(value, _dynamodb_models.Table):
            return value
        return _copy.deepcopy(value, memo)


def _key_of(table, op):
    attrs = op.get("Item") or op.get("Key") or {}
    hash_value = DynamoType(attrs[table.hash_key_attr])
    range_value = DynamoType(attrs[table.range_key_attr]) if table.range_key_attr else None
    return hash_value, range_value


def _read(table, hash_value, range_value):
    if range_value is None:
        return table.items.get(hash_value)
    return table.items.get(hash_value, {}).get(range_value)


def _restore(table, hash_value, range_value, item):
    if range_value is None:
        if item is None:
            table.items.pop(hash_value, None)
        else:
            table.items[hash_value] = item
        return
    rows = table.items[hash_value]
    if item is None:
        rows.pop(range_value, None)
        if not rows:
            table.items.pop(hash_value, None)
    else:
        rows[range_value] = item


def _transact_with_item_rollback(original):
    def transact_write_items(self, transact_items):
        saved = []
        stream_lengths = {}
        for entry in transact_items:
            for op in entry.values():
                table = self.tables.get(op.get("TableName"))
                if table is None:
                    continue
                try:
                    hash_value, range_value = _key_of(table, op)
                except KeyError:
                    continue  # moto itself will answer with the validation error
                saved.append((table, hash_value, range_value,
                               _copy.deepcopy(_read(table, hash_value, range_value))))
                if table.stream_shard is not None:
                    stream_lengths[id(table)] = (table.stream_shard, len(table.stream_shard.items))
        try:
            return original(self, transact_items)
        except Exception:
            for table, hash_value, range_value, item in reversed(saved):
                _restore(table, hash_value, range_value, item)
            for shard, length in stream_lengths.values():
                del shard.items[length:]
            raise

    return transact_write_items


def _patch_transactions():
    _dynamodb_models.copy = _NoTableCopy
    backend = _dynamodb_models.DynamoDBBackend
    backend.transact_write_items = _transact_with_item_rollback(backend.transact_write_items)


def main(argv):
    parser = argparse.ArgumentParser()
    parser.add_argument("-H", "--host", default="127.0.0.1")
    parser.add_argument("-p", "--port", type=int, default=5000)
    args = parser.parse_args(argv)
    os.environ.setdefault("MOTO_PORT", str(args.port))
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(0))
    _patch_transactions()
    app = DomainDispatcherApplication(create_backend_app)
    # Connections are still accepted on many threads; only the handling is one at a time.
    run_simple(args.host, args.port, serialised(app), threaded=True, request_handler=MotoRequestHandler)


if __name__ == "__main__":
    main(sys.argv[1:])
