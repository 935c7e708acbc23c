"""Calls of one pure function (the article step) in worker processes, their answers taken in
the order the caller asks for them; or in this process when there is too little work to pay
for starting workers. A worker that dies (a crash, a signal) costs the call it was running,
never the run: that call is run again alone to find which one it was, and the caller gets
a WorkerDied for it.

Workers are started by a fork server (multiprocessing "forkserver"), not forked from the
caller: the caller holds the run lock, the state database and, under a terminal, the progress
bar's thread, none of which a child may inherit (a forked child keeps a lock's file open
after its parent is killed; SQLite forbids using a connection across fork(); forking a
process with threads can deadlock the child). The fork server is a fresh interpreter that
imports the step's modules once (preload), and forks each worker from that: a worker
starts in milliseconds, and the server's start overlaps the caller's fetching."""

from __future__ import annotations

import importlib
import multiprocessing
import multiprocessing.connection
import os
import threading
from collections.abc import Callable, Hashable
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from typing import Any, Generic, TypeVar

T = TypeVar("T")


class WorkerDied(Exception):
    """The worker process running a call died (killed by a signal, or crashed)."""


def in_worker() -> bool:
    """Whether this process was started by multiprocessing (a worker, or the fork server):
    one never starts workers of its own. A script that calls the pipeline without an
    ``if __name__ == "__main__":`` guard is run again by each worker (multiprocessing's
    "safe importing of main module"); there the run takes the lock-holding parent's
    refusal instead of starting processes without end."""
    return multiprocessing.parent_process() is not None


def default_jobs() -> int:
    """One worker per CPU this process may run on."""
    try:
        return len(os.sched_getaffinity(0))
    except AttributeError:  # not Linux
        return os.cpu_count() or 1


class Pool(Generic[T]):
    """``submit(key, *args)`` hands a call of ``target`` to the workers, ``take(key, *args)``
    returns its answer (waiting for it), or makes the call in this process when it was never
    submitted. ``jobs`` = 1: every call in this process, no worker is ever started.

    ``target`` names a module-level function, "package.module:function", that returns its
    failures as results. Its module is imported once by the fork server (every worker has
    it), and in this process only if a call is made here."""

    def __init__(self, target: str, jobs: int) -> None:
        self.target = target
        self.jobs = jobs
        self._pool: ProcessPoolExecutor | None = None
        self._alone: ProcessPoolExecutor | None = None  # one worker, after a death
        self._pending: dict[Hashable, Future[T]] = {}

    @property
    def parallel(self) -> bool:
        return self.jobs > 1

    @property
    def started(self) -> bool:
        return self._pool is not None

    def start(self) -> None:
        """Start the fork server and the workers now, so that they are ready by the first
        submit (their start overlaps what the caller does meanwhile)."""
        if self.parallel and self._pool is None:
            self._pool = self._executor(self.jobs)

    def submit(self, key: Hashable, *args: Any) -> None:
        """Hand the call ``target(*args)`` to a worker; ``take(key)`` collects it. A key
        submitted twice is computed once."""
        if not self.parallel or key in self._pending:
            return
        self.start()
        assert self._pool is not None
        self._pending[key] = self._pool.submit(_call, self.target, *args)

    def take(self, key: Hashable, *args: Any) -> T:
        """The answer of the call submitted as ``key``; ``target(*args)`` made here when none
        was. Raises WorkerDied when the worker running it died."""
        future = self._pending.pop(key, None)
        if future is None:
            fn: Callable[..., T] = _resolve(self.target)
            return fn(*args)
        try:
            return future.result()
        except BrokenProcessPool:
            # Every call in flight fails with the pool, not only the one that killed its
            # worker: each of them is run again, alone, and only a second death is its own.
            self._discard_pool()
            return self._run_alone(args)

    def close(self) -> None:
        """Stop the workers (calls not taken are dropped)."""
        self._pending.clear()
        for pool in (self._pool, self._alone):
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
        self._pool = self._alone = None

    def __enter__(self) -> Pool[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _executor(self, workers: int) -> ProcessPoolExecutor:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([self.target.split(":")[0]])
        return ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                   initializer=_watch_parent)

    def _discard_pool(self) -> None:
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
            self._pool = None  # the next submit starts a new one

    def _run_alone(self, args: tuple[Any, ...]) -> T:
        if self._alone is None:
            self._alone = self._executor(1)
        try:
            answer: T = self._alone.submit(_call, self.target, *args).result()
            return answer
        except BrokenProcessPool as e:
            self._alone.shutdown(wait=False, cancel_futures=True)
            self._alone = None
            raise WorkerDied("the worker process running it died (a crash or a signal)") from e


def _resolve(target: str) -> Any:
    """The function "module:name" names; its module is imported here if it is not yet (in a
    worker, the fork server has imported it)."""
    module, name = target.split(":")
    return getattr(importlib.import_module(module), name)


def _call(target: str, *args: Any) -> Any:
    """What a worker runs: the named function."""
    return _resolve(target)(*args)


def _watch_parent() -> None:
    """In each worker: exit when the process that started the pool is gone (killed by a
    signal, say), instead of waiting for work for ever. Its sentinel becomes readable when
    it ends, whatever the cause."""
    parent = multiprocessing.parent_process()
    if parent is None:
        return

    def watch() -> None:
        multiprocessing.connection.wait([parent.sentinel])
        os._exit(1)

    threading.Thread(target=watch, name="watch-parent", daemon=True).start()
