"""`python -m service.cli`: the `ringkas` command line, as the tests and benchmarks start the server."""

from service.cli import main

if __name__ == "__main__":
    main()
