"""The entry point of `billtrack` and `python -m billtrack`.

The CLI is imported inside main(), so that Ctrl-C even while Python is still loading it
ends with the documented exit code 130 and one line, never a traceback.
"""

import signal
import sys


def main() -> None:
    try:
        from billtrack.cli import main as run

        run()
    except KeyboardInterrupt:
        sys.stderr.write("billtrack: error: interrupted\n")
        sys.exit(130)
    finally:
        # The command is done (or has reported why not): a Ctrl-C now could only break
        # into Python's own clean-up and print a traceback from some __del__.
        signal.signal(signal.SIGINT, signal.SIG_IGN)


if __name__ == "__main__":
    main()
