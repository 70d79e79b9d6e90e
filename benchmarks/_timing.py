"""Shared by the benchmarks: time whole commands side by side."""

from __future__ import annotations

import subprocess
import time


def interleaved(cmds: dict[str, list[str]], runs: int, *, warm: bool = True) -> dict[str, list[float]]:
    """Wall times of fresh processes, the commands interleaved run by run so that
    any load on the machine hits them all alike. One untimed warm-up run each
    fills the OS file cache."""
    if warm:
        for cmd in cmds.values():
            subprocess.run(cmd, check=True, capture_output=True)
    times: dict[str, list[float]] = {name: [] for name in cmds}
    for _ in range(runs):
        for name, cmd in cmds.items():
            t = time.perf_counter()
            subprocess.run(cmd, check=True, capture_output=True)
            times[name].append(time.perf_counter() - t)
    return times
