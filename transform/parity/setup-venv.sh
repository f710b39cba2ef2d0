#!/usr/bin/env bash
# Creates .venv at the repository root with real dbt-core + dbt-duckdb, for the parity check against transform/.
# duckdb is pinned to the exact version of the Node binding (@duckdb/node-api 1.5.6-r.1) so both read one file format.
set -euo pipefail

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
VENV="$ROOT/.venv"
PYTHON="${PYTHON:-python3}"

DBT_CORE_VERSION="1.11.16"
DBT_DUCKDB_VERSION="1.11.1"
DUCKDB_VERSION="1.5.6"

# A venv left half-made (no pip: venv ran without ensurepip) or whose interpreter is gone is made again.
if [ ! -x "$VENV/bin/python" ] || ! "$VENV/bin/python" -m pip --version >/dev/null 2>&1; then
    rm -rf "$VENV"
    "$PYTHON" -m venv "$VENV"
fi
"$VENV/bin/python" -m pip install --quiet --upgrade pip
"$VENV/bin/python" -m pip install --quiet \
    "dbt-core==$DBT_CORE_VERSION" \
    "dbt-duckdb==$DBT_DUCKDB_VERSION" \
    "duckdb==$DUCKDB_VERSION"

# Fail loudly if a resolver ever swaps the duckdb pin: a different storage version could not share the file.
"$VENV/bin/python" - "$DUCKDB_VERSION" <<'PY'
import sys
import duckdb
wanted = sys.argv[1]
if duckdb.__version__ != wanted:
    sys.exit(f"duckdb {duckdb.__version__} installed, {wanted} required")
PY
"$VENV/bin/dbt" --version

# Both bindings must share the file: write one with the Node binding, read it back with Python.
if [ -d "$ROOT/node_modules/@duckdb/node-api" ]; then
    PROBE_DIR="$(mktemp -d)"
    trap 'rm -rf "$PROBE_DIR"' EXIT
    (cd "$ROOT" && PROBE_DB="$PROBE_DIR/node.duckdb" node --input-type=module -e "
        import { DuckDBInstance } from '@duckdb/node-api';
        const instance = await DuckDBInstance.create(process.env.PROBE_DB);
        const connection = await instance.connect();
        await connection.run('create table probe as select 1234.50::decimal(18, 2) as amount');
        connection.closeSync();
        instance.closeSync();
    ")
    "$VENV/bin/python" - "$PROBE_DIR/node.duckdb" <<'PY'
import sys
import duckdb
amount = duckdb.connect(sys.argv[1], read_only=True).sql("select amount from probe").fetchone()[0]
if str(amount) != "1234.50":
    sys.exit(f"read {amount!r} from a file written by the Node binding")
print(f"duckdb {duckdb.__version__}: reads a file written by the Node binding")
PY
else
    echo "node_modules missing (npm ci): skipped the Node-written file check" >&2
fi
