"""Stops a rule that runs too long on one record, so that it becomes that rule's internal error
and the run goes on.

Two mechanisms, by the thread the engine runs in:

- The main thread of a Unix process (the command line, its worker processes): a SIGALRM
  timer. Its handler runs between bytecodes and also inside C calls that check for signals
  (the `re` matcher does, so a regular expression that backtracks for minutes is stopped).
- Any other thread (a Dask worker's task, `validator.check` called from a thread), or a
  platform without SIGALRM: one monitor thread per process raises the exception in the thread
  whose rules overran, with PyThreadState_SetAsyncExc. Such an exception is only seen when
  that thread runs Python code again: a rule stuck inside one long C call (a backtracking
  regular expression, a blocking read) is stopped only when the call returns.

Either way the timer is armed twice per record, so both stay cheap: two setitimer calls, or
two stores and a lock.
"""
from __future__ import annotations

import ctypes
import functools
import os
import signal
import threading
import time
from contextlib import contextmanager


class RuleTimeout(Exception):
    pass


@functools.lru_cache(maxsize=None)
def timeout_type(seconds: float) -> type[RuleTimeout]:
    """A RuleTimeout whose message gives the limit without arguments: another thread can only
    raise an exception class in a thread, not an instance."""
    message = f"did not finish within {seconds:g} s"
    return type("RuleTimeout", (RuleTimeout,), {"__init__": lambda self: RuleTimeout.__init__(self, message)})


class Watchdog:
    """A time limit per record, for the thread that runs the engine. `installed` around a run
    over records, `start` and `stop` around each record's rules: when the limit passes, the
    rule running gets RuleTimeout, and the rules after it a fresh budget."""

    def __init__(self, seconds: float):
        self.seconds = seconds
        self._local = _PerThread()  # one engine may run in several threads (a Dask worker's)

    @contextmanager
    def installed(self):
        main = threading.current_thread() is threading.main_thread()
        clock = _SignalClock(self.seconds) if main and hasattr(signal, "setitimer") else _ThreadClock(self.seconds)
        previous, self._local.clock = self._local.clock, clock
        try:
            with clock.armed():
                yield
        finally:
            self._local.clock = previous

    def start(self) -> None:
        """A fresh budget, for one record or one dataset rule's finish."""
        clock = self._local.clock
        if clock is not None:
            clock.start()

    def stop(self) -> None:
        """The end of a budget. The limit may pass just as this is called: the rules did finish,
        so a RuleTimeout raised then is dropped."""
        clock = self._local.clock
        if clock is not None:
            try:
                clock.stop()
            except RuleTimeout:
                clock.stop()


class _PerThread(threading.local):
    clock = None


class _SignalClock:
    def __init__(self, seconds: float):
        self.seconds = seconds

    @contextmanager
    def armed(self):
        previous = signal.signal(signal.SIGALRM, self._expired)
        try:
            yield
        finally:
            signal.setitimer(signal.ITIMER_REAL, 0)
            signal.signal(signal.SIGALRM, previous)

    def start(self) -> None:
        signal.setitimer(signal.ITIMER_REAL, self.seconds)

    def stop(self) -> None:
        signal.setitimer(signal.ITIMER_REAL, 0)

    def _expired(self, signum, frame):
        signal.setitimer(signal.ITIMER_REAL, self.seconds)  # a fresh budget for the rules after it
        raise timeout_type(self.seconds)()


class _ThreadClock:
    def __init__(self, seconds: float):
        self.seconds = seconds
        self.thread = threading.get_ident()
        self.deadline: float | None = None  # while the rules of a record run
        self.raised = False  # RuleTimeout was raised in the thread since the last stop

    def armed(self):
        return _monitor.watching(self)

    def start(self) -> None:
        self.deadline = time.monotonic() + self.seconds

    def stop(self) -> None:
        with _monitor.lock:
            self.deadline = None
            if self.raised:
                self.withdraw()

    def expire(self, now: float) -> None:
        """Called by the monitor, holding its lock, so never between a stop's two steps."""
        self.deadline = now + self.seconds  # a fresh budget for the rules after it
        self.raised = True
        _raise_in(self.thread, timeout_type(self.seconds))

    def withdraw(self) -> None:
        """Take back a RuleTimeout raised too late for the rules, before the engine's code sees it."""
        _raise_in(self.thread, None)
        self.raised = False


class _Monitor:
    """One daemon thread per process, asleep until the earliest deadline of the clocks it watches."""

    def __init__(self):
        self.lock = threading.Lock()
        self._changed = threading.Condition(self.lock)
        self._clocks: set[_ThreadClock] = set()
        self._thread: threading.Thread | None = None

    @contextmanager
    def watching(self, clock: _ThreadClock):
        with self.lock:
            self._clocks.add(clock)
            if self._thread is None:
                self._thread = threading.Thread(target=self._run, name="newslint-watchdog", daemon=True)
                self._thread.start()
            self._changed.notify()
        try:
            yield
        finally:
            with self.lock:
                self._clocks.discard(clock)
                clock.deadline = None
                if clock.raised:
                    clock.withdraw()

    def _run(self) -> None:
        with self.lock:
            while True:
                now = time.monotonic()
                wait = None
                for clock in self._clocks:
                    if clock.deadline is not None and clock.deadline <= now:
                        clock.expire(now)
                    # A record started while this thread sleeps has a deadline after it wakes,
                    # as long as it sleeps no longer than the clock's limit.
                    until = clock.deadline - now if clock.deadline is not None else clock.seconds
                    wait = until if wait is None else min(wait, until)
                self._changed.wait(wait)


def _raise_in(thread: int, exception: type[BaseException] | None) -> None:
    """Raise `exception` in another thread when it next runs Python code (None: take it back)."""
    ctypes.pythonapi.PyThreadState_SetAsyncExc(ctypes.c_ulong(thread),
                                               ctypes.py_object(exception) if exception else None)


_monitor = _Monitor()


def _after_fork() -> None:
    """A forked child has no monitor thread, and the lock may have been held at the fork."""
    global _monitor
    _monitor = _Monitor()


if hasattr(os, "register_at_fork"):
    os.register_at_fork(after_in_child=_after_fork)
