"""Shared by the bench scripts: the median wall time of a function over N runs."""
import statistics
import time


def median_time(fn, runs: int):
    """(median seconds, last result) of `runs` calls of `fn`."""
    times, out = [], None
    for _ in range(runs):
        started = time.perf_counter()
        out = fn()
        times.append(time.perf_counter() - started)
    return statistics.median(times), out
