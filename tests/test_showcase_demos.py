"""Demo addresses and the local-demo switch."""

import pytest

from showcase.exceptions import DemoError
from showcase.site.demos import LOCAL_DEMOS_ENV, gradio_script, local_demo_urls, space_host


def test_space_host_and_gradio_pin():
    assert space_host("Ada/My_App.v2") == "https://ada-my-app-v2.hf.space"
    assert gradio_script("6.31.0") == "https://gradio.s3-us-west-2.amazonaws.com/6.31.0/gradio.js"
    assert gradio_script("4.44.1+cpu").endswith("/4.44.1/gradio.js")
    assert gradio_script(None) is None and gradio_script("latest; rm -rf") is None


def test_local_demo_urls():
    assert local_demo_urls({}) == {}
    urls = local_demo_urls({LOCAL_DEMOS_ENV: '{"a": "http://127.0.0.1:7861/"}'})
    assert urls == {"a": "http://127.0.0.1:7861/"}
    for bad in ("{", '{"a": "https://evil.example/"}', "[1]"):
        with pytest.raises(DemoError, match=LOCAL_DEMOS_ENV):
            local_demo_urls({LOCAL_DEMOS_ENV: bad})
