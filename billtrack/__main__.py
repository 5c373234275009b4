"""The entry point of `billtrack` and `python -m billtrack`.

The CLI is imported inside main(), so that Ctrl-C even while Python is still loading it
ends with the documented exit code 130 and one line, never a traceback. This module
only turns KeyboardInterrupt into that exit; signal handling itself is
billtrack.interrupts'.
"""

import sys

from billtrack.interrupts import caused_by_interrupt, ignore_from_now, own_the_process


def main() -> None:
    own_the_process()
    try:
        from billtrack.cli import main as run

        run()
    except KeyboardInterrupt:
        sys.stderr.write("billtrack: error: interrupted\n")
        sys.exit(130)
    except Exception as exc:  # a Ctrl-C wrapped by Python while it loaded the CLI
        if not caused_by_interrupt(exc):
            raise
        sys.stderr.write("billtrack: error: interrupted\n")
        sys.exit(130)
    finally:
        ignore_from_now()


if __name__ == "__main__":
    main()
