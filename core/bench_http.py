"""The HTTP half of ``manage.py bench``: the site under gunicorn, a bounded client, worker memory.

gunicorn runs with the deploy kit's own config (deploy/gunicorn.conf.py: preload, gc.freeze,
gthread workers with keep-alive) on a free local port, against the bench database. The client
is plain Python: a few processes, each with a few threads, each on one kept-alive connection
(as nginx keeps its upstream connections), for a fixed time and at most a fixed number of
requests. The client shares the machine's cores with the server: its own cost is in the figure.
Worker memory is read from /proc after the load: RSS, and PSS (shared pages divided among the
processes sharing them, the honest figure once the master preloads the app).
"""

from __future__ import annotations

import http.client
import multiprocessing
import os
import signal
import socket
import subprocess
import sys
import threading
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


class Gunicorn:
    """gunicorn started on a free port, stopped by its own PID."""

    def __init__(self, settings_module: str, workers: int, env: dict[str, str] | None = None):
        self.port = free_port()
        self.env = {
            **os.environ,
            "DJANGO_SETTINGS_MODULE": settings_module,
            "GUNICORN_BIND": f"127.0.0.1:{self.port}",
            "GUNICORN_WORKERS": str(workers),
            "GUNICORN_ACCESS_LOG": "off",
            "GUNICORN_LOG_LEVEL": "warning",
            **(env or {}),
        }
        self.process: subprocess.Popen | None = None

    def __enter__(self) -> Gunicorn:
        gunicorn = Path(sys.executable).with_name("gunicorn")
        self.process = subprocess.Popen(  # noqa: S603 - our own gunicorn and config
            [str(gunicorn), "-c", str(ROOT / "deploy" / "gunicorn.conf.py")],
            cwd=ROOT,
            env=self.env,
            stdout=None if os.environ.get("BENCH_SHOW_SERVER") else subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            try:
                status, _ = request(self.port, "/healthz")
                if status == 200:
                    return self
            except OSError:
                time.sleep(0.2)
        self.__exit__()
        raise RuntimeError("gunicorn did not answer /healthz within 60 s")

    def __exit__(self, *exc) -> None:
        if self.process and self.process.poll() is None:
            self.process.send_signal(signal.SIGTERM)
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()

    def worker_memory(self) -> list[tuple[float, float]]:
        """(RSS MB, PSS MB) of each worker: the master's children."""
        result = []
        children = Path(f"/proc/{self.process.pid}/task/{self.process.pid}/children")
        for pid in children.read_text().split():
            rss = pss = 0.0
            for line in Path(f"/proc/{pid}/smaps_rollup").read_text().splitlines():
                if line.startswith("Rss:"):
                    rss = int(line.split()[1]) / 1024
                elif line.startswith("Pss:"):
                    pss = int(line.split()[1]) / 1024
            result.append((rss, pss))
        return result


def request(port: int, path: str, host: str = "localhost") -> tuple[int, bytes]:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
    try:
        connection.request("GET", path, headers={"Host": host, "Accept-Language": "it"})
        response = connection.getresponse()
        return response.status, response.read()
    finally:
        connection.close()


def _client_process(port, path, seconds, threads, max_requests, queue) -> None:
    """``threads`` clients, each on one kept-alive connection (http.client opens a new one by
    itself when the server closes it, as the sync worker does)."""
    done = [0] * threads
    errors = [0] * threads
    deadline = time.monotonic() + seconds
    headers = {"Host": "localhost", "Accept-Language": "it"}

    def run(index: int) -> None:
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=10)
        while time.monotonic() < deadline and done[index] < max_requests:
            try:
                connection.request("GET", path, headers=headers)
                response = connection.getresponse()
                response.read()
            except (OSError, http.client.HTTPException):
                errors[index] += 1
                connection.close()
                continue
            if response.status == 200:
                done[index] += 1
            else:
                errors[index] += 1
        connection.close()

    workers = [threading.Thread(target=run, args=(i,)) for i in range(threads)]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    queue.put((sum(done), sum(errors)))


def throughput(
    port: int, path: str, *, seconds: float = 5, processes: int = 2, threads: int = 2
) -> tuple[float, int]:
    """Requests per second answered 200 on ``path``, and the number of failures."""
    max_requests = 200_000  # per thread: the bound, should the machine be very fast
    context = multiprocessing.get_context("fork")
    queue = context.Queue()
    clients = [
        context.Process(
            target=_client_process, args=(port, path, seconds, threads, max_requests, queue)
        )
        for _ in range(processes)
    ]
    started = time.monotonic()
    for client in clients:
        client.start()
    results = [queue.get() for _ in clients]
    for client in clients:
        client.join()
    elapsed = time.monotonic() - started
    return sum(r[0] for r in results) / elapsed, sum(r[1] for r in results)
