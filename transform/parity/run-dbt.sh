#!/usr/bin/env bash
# Runs real dbt (`dbt build`) over a COPY of a Ledgerline database, for the parity check with transform/.
# Usage: transform/parity/run-dbt.sh DBFILE [extra dbt args, e.g. --full-refresh or --select fct_journal_lines]
# Never point it at the live file: while the service holds it, no second process can open it (and dbt
# would write marts into it). Copy the file (and its .wal, or checkpoint first) and pass the copy.
set -euo pipefail

if [ $# -lt 1 ]; then
    echo "usage: $0 DBFILE [dbt build args...]" >&2
    exit 2
fi

ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
DBFILE="$(cd "$(dirname "$1")" && pwd)/$(basename "$1")"
shift

if [ ! -f "$DBFILE" ]; then
    echo "no database file at $DBFILE" >&2
    exit 2
fi
LIVE_DB="$(cd "$ROOT" && realpath -m "${LEDGERLINE_DB:-data/ledgerline.duckdb}")"
if [ "$(realpath -m "$DBFILE")" = "$LIVE_DB" ]; then
    echo "refusing to run on $DBFILE, the live database; pass a copy" >&2
    exit 2
fi
if [ ! -x "$ROOT/.venv/bin/dbt" ]; then
    echo "no dbt in $ROOT/.venv; run transform/parity/setup-venv.sh first" >&2
    exit 2
fi

cd "$ROOT"
LEDGERLINE_DB="$DBFILE" DBT_SEND_ANONYMOUS_USAGE_STATS=false \
    "$ROOT/.venv/bin/dbt" build --profiles-dir . --project-dir . "$@"
