"""Calls of one pure function (the article step) in worker processes, their answers taken in
the order the caller asks for them; or in this process when there is too little work to pay
for starting workers. A worker that dies (a crash, a signal) costs the call it was running,
never the run: that call is run again alone to find which one it was, and the caller gets
a WorkerDied for it. Calls go to the workers in batches (one message each way for several
calls: a call's own round trip through the executor cost more CPU than pickling its
article), each call's answer or exception its own.

Workers are started by a fork server (multiprocessing "forkserver"), not forked from the
caller: the caller holds the run lock, the state database and, under a terminal, the progress
bar's thread, none of which a child may inherit (a forked child keeps a lock's file open
after its parent is killed; SQLite forbids using a connection across fork(); forking a
process with threads can deadlock the child). The fork server is a fresh interpreter that
imports the step's modules once (preload), and forks each worker from that: a worker
starts in milliseconds, and the server's start overlaps the caller's fetching."""

from __future__ import annotations

import dataclasses
import importlib
import multiprocessing
import multiprocessing.connection
import operator
import os
import threading
from collections import deque
from collections.abc import Callable, Hashable, Sequence
from concurrent.futures import Future, ProcessPoolExecutor
from concurrent.futures.process import BrokenProcessPool
from multiprocessing.reduction import ForkingPickler
from typing import Any, Generic, TypeVar

T = TypeVar("T")
# A batch of calls handed to one worker at once: at most this many (its first answer is
# awaited until the whole batch is done), and at least two batches per worker in each
# flush, so that the workers finish together.
MAX_BATCH = 8
# A call as handed on: its future, "module:function", its arguments.
_Item = tuple[Future[Any], str, tuple[Any, ...]]


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
    returns its answer (waiting for it); a call never submitted is made by ``take``, in a
    worker once any was asked for, else in this process. ``jobs`` = 1: every call in this
    process, no worker is ever started.

    ``target`` names a module-level function, "package.module:function", that returns its
    failures as results. Its module is imported once by the fork server (every worker has
    it), and in this process only if a call is made here; so are the modules ``preload``
    names, whose functions ``call`` hands to the workers too.

    The workers start in a thread of their own: the fork server imports the step's modules
    before it answers (a few hundred milliseconds), and meanwhile the caller goes on
    (fetching and parsing the next source) instead of waiting for it; the calls submitted
    until then are handed on as soon as the workers are up."""

    def __init__(self, target: str, jobs: int, preload: Sequence[str] = (),
                 by_fields: Sequence[type] = ()) -> None:
        self.target = target
        self.jobs = jobs
        self.preload = tuple(preload)
        # frozen dataclasses the calls and answers carry, pickled by their fields (both ways)
        self.by_fields = tuple(by_fields)
        _pickle_by_fields(self.by_fields)
        self._pool: ProcessPoolExecutor | None = None  # set by the starting thread
        self._alone: ProcessPoolExecutor | None = None  # one worker, after a death
        self._pending: dict[Hashable, _Item] = {}
        self._lock = threading.Lock()  # guards _pool and _queued against the starter
        self._queued: deque[list[_Item]] = deque()  # batches waiting for the workers
        self._open: list[_Item] = []  # submitted, not yet handed on (flush)
        self._starter: threading.Thread | None = None
        self._used = False

    @property
    def parallel(self) -> bool:
        return self.jobs > 1

    @property
    def started(self) -> bool:
        """Whether workers were ever asked for (they may still be starting)."""
        return self._used

    def start(self) -> None:
        """Start the fork server and the workers, in a thread: this returns at once."""
        if self.parallel and self._starter is None:
            self._used = True
            self._starter = threading.Thread(target=self._start, name="start-workers",
                                             daemon=True)
            self._starter.start()

    def submit(self, key: Hashable, *args: Any) -> None:
        """Hand the call ``target(*args)`` to a worker with the others submitted until the
        next ``flush()`` (or ``take``); ``take(key)`` collects it. A key submitted twice is
        computed once."""
        if not self.parallel or key in self._pending:
            return
        item: _Item = (Future(), self.target, args)
        self._pending[key] = item
        self._open.append(item)

    def flush(self) -> None:
        """Hand the calls submitted since the last flush to the workers, in batches."""
        items, self._open = self._open, []
        if not items:
            return
        size = max(1, min(MAX_BATCH, -(-len(items) // (2 * self.jobs))))
        for i in range(0, len(items), size):
            self._hand(items[i:i + size])

    def call(self, target: str, key: Hashable, *args: Any) -> None:
        """Hand the call ``target(*args)`` to a worker now, alone (``target``
        "module:function", its module in ``preload``); ``take(key)`` or ``answer(key)``
        collects it."""
        self.calls(target, [(key, args)])

    def calls(self, target: str, calls: Sequence[tuple[Hashable, tuple[Any, ...]]]) -> None:
        """Hand the calls ``target(*args)`` of each (key, args) to one worker now, together:
        one message, where an argument object the calls share is pickled once (a feed's
        entries, rendered in three formats). ``answer(key)`` collects each."""
        if not self.parallel:
            return
        batch: list[_Item] = []
        for key, args in calls:
            if key in self._pending:
                continue
            item: _Item = (Future(), target, args)
            self._pending[key] = item
            batch.append(item)
        if batch:
            self._hand(batch)

    def _hand(self, batch: list[_Item]) -> None:
        with self._lock:
            pool = self._pool
            if pool is None:
                self._queued.append(batch)
        if pool is None:
            self.start()
        else:
            self._forward(pool, batch)

    def take(self, key: Hashable, *args: Any) -> T:
        """The answer of the call submitted as ``key``; when none was, ``target(*args)`` made
        now (in a worker if any was started). Raises WorkerDied when the worker running it
        died."""
        if key not in self._pending:
            if not self.started:
                fn: Callable[..., T] = _resolve(self.target)
                return fn(*args)
            self.submit(key, *args)
        answer: T = self.answer(key)
        return answer

    def answer(self, key: Hashable) -> Any:
        """The answer of the call handed to the workers as ``key`` (KeyError if none was).
        Raises what the call raised, and WorkerDied when the worker running it died."""
        if self._open:
            self.flush()
        future, target, args = self._pending.pop(key)
        try:
            return future.result()
        except BrokenProcessPool:
            # Every call in flight fails with the pool, not only the one that killed its
            # worker: each of them is run again, alone, and only a second death is its own.
            self._discard_pool()
            return self._run_alone(target, args)

    def close(self) -> None:
        """Stop the workers (calls not taken are dropped)."""
        self._pending.clear()
        self._open = []
        if self._starter is not None:
            self._starter.join()
        for pool in (self._pool, self._alone):
            if pool is not None:
                pool.shutdown(wait=True, cancel_futures=True)
        self._pool = self._alone = None
        self._starter = None

    def __enter__(self) -> Pool[T]:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def _start(self) -> None:
        """In the starting thread: start the workers, then hand them the calls queued
        meanwhile, in their order. A failure to start fails those calls (with
        BrokenProcessPool: each is run again, alone)."""
        try:
            pool = self._executor(self.jobs)
        except Exception as e:  # no fork server could be started (no /dev/shm, say)
            pool = None
            error = e
        while True:
            with self._lock:
                if not self._queued:
                    self._pool = pool
                    return
                batch = self._queued.popleft()
            if pool is None:
                for future, _target, _args in batch:
                    future.set_exception(BrokenProcessPool(f"no worker could be started: "
                                                           f"{error}"))
            else:  # the first one waits for the fork server
                self._forward(pool, batch)

    def _forward(self, pool: ProcessPoolExecutor, batch: list[_Item]) -> None:
        """Submit the batch to ``pool``; each call's answer, or failure, becomes its future's.
        A failure of the whole batch (the pool broke) is each call's."""
        try:
            inner = pool.submit(_call_batch, [(target, args) for _f, target, args in batch])
        except (BrokenProcessPool, RuntimeError) as e:  # broken, or shut down meanwhile
            for future, _target, _args in batch:
                future.set_exception(BrokenProcessPool(str(e)))
            return

        def done(inner: Future[Any]) -> None:
            error: BaseException | None
            if inner.cancelled():
                error = BrokenProcessPool("cancelled with its pool")
            else:
                error = inner.exception()
            if error is not None:
                for future, _target, _args in batch:
                    future.set_exception(error)
                return
            for (future, _target, _args), (ok, value) in zip(batch, inner.result(),
                                                             strict=True):
                if ok:
                    future.set_result(value)
                else:
                    future.set_exception(value)

        inner.add_done_callback(done)

    def _executor(self, workers: int) -> ProcessPoolExecutor:
        context = multiprocessing.get_context("forkserver")
        context.set_forkserver_preload([self.target.split(":")[0], *self.preload])
        return ProcessPoolExecutor(max_workers=workers, mp_context=context,
                                   initializer=_start_worker, initargs=(self.by_fields,))

    def _discard_pool(self) -> None:
        if self._starter is not None:
            self._starter.join()
        if self._pool is not None:
            self._pool.shutdown(wait=False, cancel_futures=True)
        self._pool = None  # the next submit starts a new one
        self._starter = None

    def _run_alone(self, target: str, args: tuple[Any, ...]) -> Any:
        if self._alone is None:
            self._alone = self._executor(1)
        try:
            return self._alone.submit(_call, target, *args).result()
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


def _call_batch(calls: list[tuple[str, tuple[Any, ...]]]) -> list[tuple[bool, Any]]:
    """What a worker runs: each call of the batch, (True, its answer) or (False, what it
    raised), in order."""
    out: list[tuple[bool, Any]] = []
    for target, args in calls:
        try:
            out.append((True, _resolve(target)(*args)))
        except Exception as e:  # that call's failure, raised again by answer()
            out.append((False, e))
    return out


def _pickle_by_fields(types: Sequence[type]) -> None:
    """Pickle these frozen dataclasses, across to the workers and back, as a call of their
    class with their fields' values: the same object comes out. A frozen dataclass with
    slots is otherwise pickled through Python-level __getstate__/__setstate__ that dataclasses
    writes (a loop over its fields, object.__setattr__ each): an article there and its
    answer back (eleven findings) cost 1.20 M instructions, 0.91 M by fields (callgrind,
    benchmarks' articles)."""
    for cls in types:
        fields = dataclasses.fields(cls)
        if not all(f.init for f in fields):
            raise TypeError(f"{cls.__name__} has a field its constructor does not take")
        values = operator.attrgetter(*(f.name for f in fields))
        if len(fields) == 1:  # attrgetter of one name returns the value, not a tuple
            def one(obj: Any, cls: type = cls, values: Any = values) -> Any:
                return cls, (values(obj),)
            ForkingPickler.register(cls, one)
        else:
            def many(obj: Any, cls: type = cls, values: Any = values) -> Any:
                return cls, values(obj)
            ForkingPickler.register(cls, many)


class WithUtf8:
    """A frozen dataclass as handed to the workers with one of its text fields sent as the
    UTF-8 the caller made of it already, which pickle would make a second time: rebuilt
    there as the same object (its text decoded from those bytes), by ``_with_text``. An
    article's content, English text, is UCS-2 to Python: 500 articles of benchmarks/run.py
    cost the run's process 198 M instructions to pickle, 90 M this way, and the workers
    100 M to unpickle, 116 M (callgrind)."""

    __slots__ = ("data", "name", "obj")

    def __init__(self, obj: Any, name: str, data: bytes) -> None:
        self.obj, self.name, self.data = obj, name, data

    def __reduce__(self) -> tuple[Any, ...]:
        cls = type(self.obj)
        names = [f.name for f in dataclasses.fields(cls)]
        values = [getattr(self.obj, n) for n in names]
        at = names.index(self.name)
        values[at] = self.data
        return _with_text, (cls, at, tuple(values))


def _with_text(cls: type, at: int, values: tuple[Any, ...]) -> Any:
    """In a worker: the object WithUtf8 sent, its field number ``at`` decoded from UTF-8."""
    return cls(*values[:at], values[at].decode(), *values[at + 1:])


def _start_worker(by_fields: Sequence[type]) -> None:
    """What each worker does first: pickle its answers as the caller pickles its calls, and
    watch the caller."""
    _pickle_by_fields(by_fields)
    _watch_parent()


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
