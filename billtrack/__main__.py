"""`python -m billtrack`: the same entry point as the console script."""

from billtrack.cli import main

if __name__ == "__main__":
    main()
