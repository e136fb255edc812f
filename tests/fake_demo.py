"""A stand-in for a project's Gradio demo: a tiny HTTP server that reads GRADIO_SERVER_NAME and
GRADIO_SERVER_PORT as a Gradio app does, so tests of `showcase serve` need neither Gradio nor the
network (tests/engine/serve and the browser tests share it)."""

FAKE_APP = """
import http.server, os

class Handler(http.server.BaseHTTPRequestHandler):
    def do_GET(self):
        body = b"<!doctype html><title>demo</title><p id=ok>local demo ok</p>"
        self.send_response(200)
        self.send_header("Content-Type", "text/html")
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args):
        pass

address = (os.environ["GRADIO_SERVER_NAME"], int(os.environ["GRADIO_SERVER_PORT"]))
http.server.HTTPServer(address, Handler).serve_forever()
"""
