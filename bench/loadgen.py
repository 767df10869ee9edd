"""A small HTTP/1.1 load generator (standard library only: asyncio streams, keep-alive).

* closed loop (``rate=None``): N connections each send the next request as soon as the
  previous answer arrived — the maximum throughput;
* open loop (``rate=R``): requests are scheduled at fixed times R per second over the N
  connections; latency is measured from the *scheduled* time, so queueing in the server
  is counted (no coordinated omission).

``body_factory()`` returns the JSON bytes of each request (e.g. a fresh event id)."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Callable
from dataclasses import dataclass


@dataclass
class LoadResult:
    requests: int
    errors: int
    seconds: float
    latencies: list[float]
    statuses: dict[int, int]

    @property
    def rps(self) -> float:
        return self.requests / self.seconds if self.seconds else 0.0

    def percentile(self, p: float) -> float:
        if not self.latencies:
            return float("nan")
        data = sorted(self.latencies)
        return data[min(len(data) - 1, int(p / 100 * len(data)))]


async def _open(host: str, port: int):
    return await asyncio.open_connection(host, port)


async def _request(reader, writer, head: bytes, body: bytes) -> int:
    writer.write(head + str(len(body)).encode() + b"\r\n\r\n" + body)
    await writer.drain()
    status_line = await reader.readline()
    if not status_line:
        raise ConnectionError("closed")
    status = int(status_line.split()[1])
    length, close, chunked = 0, False, False
    while True:
        line = await reader.readline()
        if line in (b"\r\n", b"\n", b""):
            break
        name, _, value = line.partition(b":")
        name = name.strip().lower()
        if name == b"content-length":
            length = int(value.strip())
        elif name == b"connection" and value.strip().lower() == b"close":
            close = True
        elif name == b"transfer-encoding" and b"chunked" in value.lower():
            chunked = True
    if chunked:  # pages without Content-Length (streamed or gzip-compressed HTML)
        while True:
            size = int((await reader.readline()).split(b";")[0].strip() or b"0", 16)
            await reader.readexactly(size + 2)  # the chunk and its CRLF
            if size == 0:
                break
    elif length:
        await reader.readexactly(length)
    if close:
        raise ConnectionResetError("server closed")  # reopen for the next request
    return status


async def _run(host, port, path, headers, body_factory, connections, seconds, rate, method):
    head = (
        f"{method} {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n"
        + "".join(f"{k}: {v}\r\n" for k, v in headers.items())
        + "Connection: keep-alive\r\nContent-Length: "
    ).encode()
    latencies: list[float] = []
    statuses: dict[int, int] = {}
    errors = 0
    start = time.perf_counter()
    deadline = start + seconds
    queue: asyncio.Queue | None = asyncio.Queue() if rate else None

    async def worker():
        nonlocal errors
        conn = None
        while True:
            if queue is not None:
                scheduled = await queue.get()
                if scheduled is None:
                    return
                delay = scheduled - time.perf_counter()
                if delay > 0:
                    await asyncio.sleep(delay)
            else:
                scheduled = time.perf_counter()
                if scheduled >= deadline:
                    return
            try:
                if conn is None:
                    conn = await _open(host, port)
                status = await _request(conn[0], conn[1], head, body_factory())
                statuses[status] = statuses.get(status, 0) + 1
                if status >= 400:
                    errors += 1
            except (ConnectionError, asyncio.IncompleteReadError, OSError):
                errors += 1
                if conn is not None:
                    conn[1].close()
                conn = None
                continue
            latencies.append(time.perf_counter() - scheduled)

    tasks = [asyncio.create_task(worker()) for _ in range(connections)]
    if queue is not None:
        n = int(seconds * rate)
        for i in range(n):
            queue.put_nowait(start + i / rate)
        for _ in tasks:
            queue.put_nowait(None)
    await asyncio.gather(*tasks)
    took = time.perf_counter() - start
    return LoadResult(len(latencies), errors, took, latencies, statuses)


def load(
    url_host: str,
    port: int,
    path: str,
    *,
    headers: dict[str, str],
    body_factory: Callable[[], bytes],
    connections: int = 50,
    seconds: float = 10.0,
    rate: float | None = None,
    method: str = "POST",
) -> LoadResult:
    """``method="GET"`` with ``body_factory=lambda: b""`` loads a page."""
    return asyncio.run(
        _run(url_host, port, path, headers, body_factory, connections, seconds, rate, method)
    )
