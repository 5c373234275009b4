"""The entry point of `billtrack` and `python -m billtrack`.

The CLI is imported inside main(), so that Ctrl-C even while Python is still loading it
ends with the documented exit code 130 and one line, never a traceback.
"""

import sys


def main() -> None:
    try:
        from billtrack.cli import main as run

        run()
    except KeyboardInterrupt:
        sys.stderr.write("billtrack: error: interrupted\n")
        sys.exit(130)


if __name__ == "__main__":
    main()
