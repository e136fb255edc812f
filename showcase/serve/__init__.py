"""Serving on this machine: the built site and every project's demo (``showcase serve``)."""

from showcase.serve.run import ServeOptions, serve_site

__all__ = ["ServeOptions", "serve_site"]
