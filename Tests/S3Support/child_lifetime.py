"""What every helper server the Swift tests start needs: to stop when told, and never to outlive the tests."""
import os
import signal
import threading
import time


def tie_to_parent(parent_pid):
    """Exits on SIGTERM/SIGINT, and as soon as `parent_pid` is no longer our parent (it died and we were
    reparented), checked every 0.25 s.

    Swift's Foundation.Process starts children with the spawning thread's signal mask, in which SIGTERM and SIGINT
    are often blocked (Dispatch worker threads): they are unblocked first, or terminate() would do nothing.
    """
    signal.pthread_sigmask(signal.SIG_SETMASK, [])
    signal.signal(signal.SIGTERM, lambda *_: os._exit(0))
    signal.signal(signal.SIGINT, lambda *_: os._exit(0))
    if parent_pid is None:
        return

    def watch():
        while True:
            if os.getppid() != parent_pid:
                os._exit(0)
            time.sleep(0.25)
    threading.Thread(target=watch, name="parent-watch", daemon=True).start()
