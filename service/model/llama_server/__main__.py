"""`python -m service.model.llama_server`: llama-cpp-python's server (`python -m llama_cpp.server`, same arguments) with
Ringkas's patches installed and clients watched. `RINGKAS_GRAMMAR_FIRST=0` keeps llama-cpp-python's own
sampling and caching, to compare."""

import os
import sys

from llama_cpp import llama as llama_module

from service.model.llama_server import install
from service.model.llama_server.client_watch import create_app_watching_clients, eval_until_client_gone


def main() -> None:
    """Install the patches and run llama-cpp-python's server on `sys.argv`; returns when the server stops."""
    if os.environ.get("RINGKAS_GRAMMAR_FIRST", "1") != "0":
        install()
    else:
        llama_module.Llama.eval = eval_until_client_gone
    import llama_cpp.server.__main__ as server_main

    server_main.create_app = create_app_watching_clients
    sys.argv[0] = "llama_cpp.server"
    server_main.main()


if __name__ == "__main__":
    main()
