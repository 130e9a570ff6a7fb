"""Running a command's round once, or every `interval` seconds until SIGTERM (`--loop`)."""

import signal
import time


def add_loop_arguments(parser, interval: int) -> None:
    parser.add_argument("--loop", action="store_true", help="blijf draaien tot SIGTERM")
    parser.add_argument("--interval", type=int, default=interval, help="seconden tussen rondes")


def run_rounds(round_, loop: bool, interval: int, say=print) -> None:
    """A SIGTERM during a round lets that round finish (each message once), then stops; the
    last line says so, for whoever reads the worker's log."""
    stop = []
    signal.signal(signal.SIGTERM, lambda *_: stop.append(True))
    while True:
        round_()
        if not loop:
            return
        for _ in range(interval):
            if stop:
                say("gestopt (SIGTERM)")
                return
            time.sleep(1)
