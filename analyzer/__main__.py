"""`analyzer` and `python -m analyzer`: the command line. Ctrl-C while it is
still loading ends it as quietly as later, with exit code 130."""
import sys


def main() -> None:
    try:
        from .cli import main as run
    except KeyboardInterrupt:
        sys.stderr.write("\n")
        sys.exit(130)
    run()


if __name__ == "__main__":
    main()
