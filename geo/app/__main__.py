"""``python -m geo.app [--workspace W.gpkg | --corpus DIR] [--port N]``: run the app."""
from __future__ import annotations

import argparse
import sys


def main(argv: list[str] | None = None) -> int:
    from geo.app import launch
    from geo.settings import Settings, using

    parser = argparse.ArgumentParser(prog="geo app", description="the conflict map in your browser (streamlit)")
    parser.add_argument("--workspace", help="workspace file (.gpkg); default: the one in your data folder")
    parser.add_argument("--corpus", help="a folder of documents, for this session only")
    parser.add_argument("--port", type=int, help="port to serve on (default 8501)")
    parser.add_argument("--address", help="address to serve on (default: all interfaces)")
    args, rest = parser.parse_known_args(sys.argv[1:] if argv is None else argv)
    app_args = [*(["--workspace", args.workspace] if args.workspace else []),
                *(["--corpus", args.corpus] if args.corpus else []), *rest]
    options = [*(["--server.port", str(args.port)] if args.port else []),
               *(["--server.address", args.address] if args.address else [])]
    with using(Settings.from_environment()):
        return launch(app_args, options)


if __name__ == "__main__":
    raise SystemExit(main())
