"""Run the demo of the current folder (its app.py) with other queue settings than its own, so
the load bench can set the same app beside Gradio's defaults, or try other settings, without a
test-only branch in the templates.

    cd projects/imdb-sentiment && python ../../bench/demo_with_queue.py            # Gradio's defaults
    cd projects/imdb-sentiment && python ../../bench/demo_with_queue.py --concurrency 4 --max-size 64

app.py is imported, not run, so its own launch() under the main guard is skipped; `Blocks.queue()`
builds a new queue, which replaces the one app.py set (with no arguments: Gradio's defaults, one
request at a time per event and no size limit, as every Blocks gets when it is made).
"""

import argparse
import sys
from pathlib import Path

parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
parser.add_argument("--concurrency", type=int, help="default_concurrency_limit (Gradio's default: 1)")
parser.add_argument("--max-size", type=int, help="the queue's max_size (Gradio's default: no limit)")
args = parser.parse_args()
sys.path.insert(0, str(Path.cwd()))

import app  # noqa: E402  (the demo in the current folder)

settings = {"max_size": args.max_size}
if args.concurrency is not None:
    settings["default_concurrency_limit"] = args.concurrency
app.demo.queue(**settings).launch()
