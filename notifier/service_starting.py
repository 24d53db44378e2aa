"""`fundwatch run` stopped while it starts: SIGTERM or Ctrl-C before its scheduler runs ends it
cleanly (exit 0, one line), where it had killed it outright (exit -15, not a word).

Light on purpose (the standard library only, and spiders/early_stop.py): installed before the
`run` command's module is imported (notifier/commands/lazy.py), which takes half a second
(APScheduler, pydantic, the config loader); the running service's own handlers replace it as its
scheduler starts (notifier/scheduler.py). Heard once Python code runs again: a wait for a
repository another process is writing finishes first.

Before that, from the command line's first line (notifier/stopping.py), a stop is only noted: raised
there, it would come out of the command line's own imports, where nothing can say it; it is raised
as this handler is installed, inside main().
"""

from __future__ import annotations

import signal

from spiders.early_stop import first_stop, stop_heard, stop_signalled


class StoppedBeforeStart(BaseException):
    """A stop signal came while the service was still starting (reading its config, planning its
    jobs): nothing was running, so it simply ends. A BaseException, as KeyboardInterrupt is, so
    that no `except Exception` on the way swallows the stop."""


def _stopped(signum, _frame) -> None:
    if first_stop(signum):  # a second stop while the first unwinds: raised there, it broke the exit
        raise StoppedBeforeStart(signal.Signals(signum).name)


def stop_while_starting() -> None:
    signal.signal(signal.SIGTERM, _stopped)
    signal.signal(signal.SIGINT, _stopped)
    if stop_signalled():  # noted as the command line started
        raise StoppedBeforeStart(stop_heard())
