"""Bounded loopback load on one server process: does admission control hold latency, and /healthz, steady?

Starts ``nlp-service serve`` (one server process, the default two analysis workers and queue; analyses in
worker processes, then in threads) on a free loopback port with a throwaway SQLite store, then for each
concurrency (1, 4, 16, 64) keeps that many clients posting an article to /v1/analyze for a fixed number of
seconds, 16 clients a process, while a probe process asks /healthz every 50 ms. Prints, per level: throughput,
status counts, whether every 503 carried Retry-After, p50/p95/p99 of accepted (200) requests, /healthz p99, the
server process's CPU, and RSS before and after. Then one request of 25,000 one-word sentences: status, seconds,
RSS growth. Every loop is bounded by time; only 127.0.0.1 is contacted.

    PYTHONPATH=. .venv/bin/python benchmarks/bench_load.py --seconds 30
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import socket
import subprocess
import sys
import tempfile
import time
from collections import Counter
from concurrent.futures import ProcessPoolExecutor
from pathlib import Path

import httpx
import psutil

ROOT = Path(__file__).resolve().parent.parent
# Written for this benchmark: an ordinary provincial news item of about 1,000 characters.
ARTICLE = (
    "Sáng 12/3, Ủy ban nhân dân huyện tổ chức hội nghị tổng kết công tác cải cách hành chính năm qua và triển "
    "khai nhiệm vụ năm nay. Theo báo cáo, toàn huyện đã giải quyết đúng hạn hơn chín mươi tám phần trăm hồ sơ "
    "thủ tục hành chính, tăng so với cùng kỳ. Bộ phận một cửa cấp xã được đầu tư thêm trang thiết bị, giúp người "
    "dân nộp hồ sơ trực tuyến thuận tiện hơn.\n"
    "Phát biểu tại hội nghị, Chủ tịch Ủy ban nhân dân huyện đề nghị các phòng, ban tiếp tục rà soát, cắt giảm "
    "thủ tục không cần thiết, công khai thời gian giải quyết và xử lý nghiêm cán bộ gây phiền hà cho người dân. "
    "Huyện đặt mục tiêu đến cuối năm có ít nhất tám mươi phần trăm hồ sơ được tiếp nhận qua cổng dịch vụ công.\n"
    "Dịp này, mười hai tập thể và hai mươi cá nhân được khen thưởng vì thành tích xuất sắc trong phong trào thi "
    "đua thực hiện cải cách hành chính."
)
LEVELS = (1, 4, 16, 64)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def wait_ready(url: str, timeout: float = 180) -> bool:
    """Whether ``url``'s /readyz said 200 within ``timeout`` seconds (asked every half second)."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{url}/readyz", timeout=2).status_code == 200:
                return True
        except httpx.HTTPError:
            pass
        time.sleep(0.5)
    return False


def percentile(values: list[float], q: float) -> float:
    if not values:
        return float("nan")
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


def rss_mb(pid: int) -> str:
    """The server's RSS, and its largest child's (an analysis process) when it has children."""
    process = psutil.Process(pid)
    children = [child.memory_info().rss for child in process.children(recursive=True)]
    own = f"{process.memory_info().rss / 2**20:.0f}"
    return f"{own} + {max(children) / 2**20:.0f}" if children else own


CLIENTS_PER_PROCESS = 16  # more in one asyncio loop and the loop itself, not the server, sets the latency
CLIENT_NICE = 10


async def clients_in_loop(url: str, clients: int, seconds: float) -> dict:
    """``clients`` clients of one process posting the article until ``seconds`` have passed."""
    stop = time.monotonic() + seconds
    statuses: Counter = Counter()
    accepted: list[float] = []
    missing_retry_after = 0

    async def client(http: httpx.AsyncClient) -> None:
        nonlocal missing_retry_after
        while time.monotonic() < stop:
            started = time.perf_counter()
            try:
                r = await http.post(f"{url}/v1/analyze", json={"text": ARTICLE})
            except httpx.HTTPError as exc:
                statuses[type(exc).__name__] += 1
                continue
            statuses[r.status_code] += 1
            if r.status_code == 200:
                accepted.append(time.perf_counter() - started)
            elif r.status_code == 503:
                missing_retry_after += "retry-after" not in r.headers
                await asyncio.sleep(float(r.headers.get("retry-after", 1)) / 10)  # a polite client backs off

    async with httpx.AsyncClient(timeout=60, limits=httpx.Limits(max_connections=clients + 2)) as http:
        await asyncio.gather(*(client(http) for _ in range(clients)))
    return {"statuses": statuses, "accepted": accepted, "missing": missing_retry_after}


def client_process(url: str, clients: int, seconds: float) -> dict:
    # On this one machine the clients' own CPU time is taken from the server; niced, they stand behind it
    # as clients on other machines would, and what is measured is the server's answer, not their queue.
    os.nice(CLIENT_NICE)
    return asyncio.run(clients_in_loop(url, clients, seconds))


def probe_process(url: str, seconds: float) -> list[float]:
    """/healthz every 50 ms from a process of its own, so no client's work delays the probe."""
    stop, health = time.monotonic() + seconds, []
    with httpx.Client(timeout=60) as http:
        while time.monotonic() < stop:
            started = time.perf_counter()
            if http.get(f"{url}/healthz").status_code == 200:
                health.append(time.perf_counter() - started)
            time.sleep(0.05)
    return health


def level(url: str, clients: int, seconds: float) -> dict:
    """``clients`` clients spread over processes of at most CLIENTS_PER_PROCESS, and the probe beside them."""
    shares = [min(CLIENTS_PER_PROCESS, clients - start) for start in range(0, clients, CLIENTS_PER_PROCESS)]
    with ProcessPoolExecutor(len(shares) + 1, mp_context=multiprocessing.get_context("spawn")) as pool:
        probe = pool.submit(probe_process, url, seconds)
        parts = [future.result() for future in [pool.submit(client_process, url, n, seconds) for n in shares]]
        health = probe.result()
    statuses = sum((part["statuses"] for part in parts), Counter())
    accepted = [t for part in parts for t in part["accepted"]]
    return {"statuses": statuses, "accepted": accepted, "health": health,
            "missing": sum(part["missing"] for part in parts)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seconds", type=float, default=30, help="seconds at each concurrency")
    parser.add_argument("--mode", choices=("processes", "threads", "both"), default="both",
                        help="analyses in worker processes (the default setting), in threads, or each in turn")
    parser.add_argument("--clients", type=int, nargs="+", default=LEVELS, help="concurrency levels to run")
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.2f} (2 cores, shared)")
    print("| analyses in | clients | seconds | req/s (200) | 200 | 503 | other | 503 without Retry-After | p50 s "
          "| p95 s | p99 s | /healthz p99 ms | server process CPU | RSS MB before (server + largest worker) | after |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    modes = ("processes", "threads") if args.mode == "both" else (args.mode,)
    for mode in modes:
        run(mode, args.seconds, args.clients)
    print(f"load average after: {os.getloadavg()[0]:.2f}")


def run(mode: str, seconds: float, levels: list[int]) -> None:
    port = free_port()
    url = f"http://127.0.0.1:{port}"
    with tempfile.TemporaryDirectory() as data:
        env = {**os.environ, "NLP_SERVICE_DATA_DIR": data, "NLP_SERVICE_LOG_LEVEL": "warning",
               "NLP_SERVICE_ANALYSIS_PROCESSES": str(mode == "processes").lower()}
        env.pop("NLP_SERVICE_API_KEYS", None)
        env.pop("NLP_SERVICE_DATABASE_URL", None)
        server = subprocess.Popen([sys.executable, "-m", "nlp_service.cli", "serve", "--port", str(port)], cwd=ROOT,
                                  env=env, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
        try:
            if not wait_ready(url):
                raise SystemExit("the server did not become ready")
            httpx.post(f"{url}/v1/analyze", json={"text": ARTICLE}, timeout=60)  # warm
            for clients in levels:
                before, cpu = rss_mb(server.pid), psutil.Process(server.pid).cpu_times()
                result = level(url, clients, seconds)
                after, spent = rss_mb(server.pid), psutil.Process(server.pid).cpu_times()
                busy = (spent.user + spent.system - cpu.user - cpu.system) / seconds
                s, ok = result["statuses"], result["accepted"]
                other = sum(n for k, n in s.items() if k not in (200, 503))
                print(f"| {mode} | {clients} | {seconds:g} | {len(ok) / seconds:.1f} | {s[200]} | {s[503]} | {other} "
                      f"| {result['missing']} | {percentile(ok, .5):.3f} | {percentile(ok, .95):.3f} "
                      f"| {percentile(ok, .99):.3f} | {percentile(result['health'], .99) * 1000:.1f} "
                      f"| {busy:.0%} | {before} | {after} |", flush=True)
            before = rss_mb(server.pid)
            started = time.perf_counter()
            r = httpx.post(f"{url}/v1/analyze", json={"text": "Có. " * 25_000}, timeout=120)
            took = time.perf_counter() - started
            print(f"| {mode} | 25,000 one-word sentences: {r.status_code} in {took:.2f} s, "
                  f"RSS {before} -> {rss_mb(server.pid)} MB |", flush=True)
        finally:
            server.terminate()
            server.wait(30)


if __name__ == "__main__":
    main()
