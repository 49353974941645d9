"""The store's faults under a real server: an SQLite directory deleted while it runs, a frozen PostgreSQL.

Each case starts ``nlp-service serve`` on a free loopback port and prints one row per request: what was asked,
the status and the seconds it took.

- *sqlite deleted*: three articles are stored, the data directory is removed, three more are posted (each must
  be a 503, never an acknowledged write into a deleted file), ``/readyz`` is asked, the server is restarted on the
  same directory and the articles it holds are counted against the writes acknowledged after the deletion.
- *postgresql frozen* (``--postgres URL``, a database this script may write to): one article is stored, every
  ``postgres`` process is stopped with SIGSTOP, then a write, a list, ``/readyz``, ``/v1/analyze`` and
  ``/healthz`` are timed (store calls must be 503 within the statement timeout, analysis unaffected); the
  processes are continued with SIGCONT whatever happens, and a write is tried again.

    PYTHONPATH=. .venv/bin/python benchmarks/bench_faults.py --postgres postgresql+psycopg://postgres@127.0.0.1/DB
"""

from __future__ import annotations

import argparse
import os
import shutil
import subprocess
import sys
import tempfile
import threading
import time
from pathlib import Path

import httpx

from benchmarks.bench_load import ARTICLE, ROOT, free_port, wait_ready

BODY = {"text": ARTICLE, "title": "Hội nghị tổng kết công tác cải cách hành chính"}


def start(env: dict) -> tuple[subprocess.Popen, str]:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    server = subprocess.Popen([sys.executable, "-m", "nlp_service.cli", "serve", "--port", str(port)], cwd=ROOT,
                              env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
    if wait_ready(url):
        return server, url
    server.kill()
    raise SystemExit("the server did not become ready within 180 s")


def timed(case: str, what: str, method: str, url: str, **kw) -> int:
    started = time.perf_counter()
    try:
        status = httpx.request(method, url, timeout=60, **kw).status_code
    except httpx.HTTPError as exc:
        status = type(exc).__name__
    print(f"| {case} | {what} | {status} | {time.perf_counter() - started:.3f} |", flush=True)
    return status


def sqlite_deleted(env: dict) -> None:
    case = "sqlite deleted"
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp) / "data"
        env = {**env, "NLP_SERVICE_DATA_DIR": str(data)}
        server, url = start(env)
        try:
            for _ in range(3):
                timed(case, "write before", "POST", f"{url}/v1/articles", json=BODY)
            shutil.rmtree(data)
            after = [timed(case, "write after deletion", "POST", f"{url}/v1/articles", json=BODY) for _ in range(3)]
            acknowledged = sum(status in (200, 201) for status in after)
            timed(case, "/readyz after deletion", "GET", f"{url}/readyz")
        finally:
            server.terminate()
            server.wait(30)
        server, url = start(env)
        try:
            held = len(httpx.get(f"{url}/v1/articles", timeout=30).json()["items"])
            print(f"| {case} | after restart: writes acknowledged after deletion {acknowledged}, articles held "
                  f"{held}, lost {max(acknowledged - held, 0)} | | |")
        finally:
            server.terminate()
            server.wait(30)


def postgres_frozen(env: dict, database_url: str) -> None:
    case = "postgresql frozen"
    server, url = start({**env, "NLP_SERVICE_DATABASE_URL": database_url})
    try:
        timed(case, "write before", "POST", f"{url}/v1/articles", json=BODY)
        subprocess.run(["pkill", "-STOP", "-x", "postgres"], check=True)
        try:
            slow = [threading.Thread(target=timed, args=(case, "write, frozen", "POST", f"{url}/v1/articles"),
                                     kwargs={"json": BODY}),
                    threading.Thread(target=timed, args=(case, "list, frozen", "GET", f"{url}/v1/articles")),
                    threading.Thread(target=timed, args=(case, "/readyz, frozen", "GET", f"{url}/readyz"))]
            for t in slow:
                t.start()
            time.sleep(0.5)  # the store calls are waiting on the database by now
            timed(case, "/v1/analyze, frozen", "POST", f"{url}/v1/analyze", json=BODY)
            timed(case, "/healthz, frozen", "GET", f"{url}/healthz")
            for t in slow:
                t.join()
        finally:
            subprocess.run(["pkill", "-CONT", "-x", "postgres"], check=False)
        time.sleep(1)
        timed(case, "write after thaw", "POST", f"{url}/v1/articles", json=BODY)
    finally:
        server.terminate()
        server.wait(30)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--postgres", help="SQLAlchemy URL of a PostgreSQL database to write to (skipped if unset)")
    args = parser.parse_args()
    env = {**os.environ, "NLP_SERVICE_LOG_LEVEL": "warning"}
    env.pop("NLP_SERVICE_API_KEYS", None)  # loopback without keys: every caller is an editor
    env.pop("NLP_SERVICE_DATABASE_URL", None)
    print("| case | request | status | seconds |\n|---|---|---|---:|")
    sqlite_deleted(env)
    if args.postgres:
        postgres_frozen(env, args.postgres)


if __name__ == "__main__":
    main()
