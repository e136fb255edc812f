"""Demo addresses and the local-demo switch."""

import pytest

from showcase.exceptions import DemoError
from showcase.site.demos import check_local_demos, gradio_script, space_host


def test_space_host_and_gradio_pin():
    assert space_host("Ada/My_App.v2") == "https://ada-my-app-v2.hf.space"
    assert gradio_script("6.31.0") == "https://gradio.s3-us-west-2.amazonaws.com/6.31.0/gradio.js"
    assert gradio_script("4.44.1+cpu").endswith("/4.44.1/gradio.js")
    assert gradio_script(None) is None and gradio_script("latest; rm -rf") is None


def test_check_local_demos():
    assert check_local_demos({}) == {}
    assert check_local_demos({"a": "http://127.0.0.1:7861/"}) == {"a": "http://127.0.0.1:7861/"}
    assert check_local_demos({"a": "http://localhost:80"}) == {"a": "http://localhost:80"}
    for bad in ('{"a": "http://127.0.0.1:1/"}', {"a": "https://evil.example/"}, {"a": 7861}, {1: "x"}):
        with pytest.raises(DemoError, match=r"local_demos: .*Fix: leave it unset"):
            check_local_demos(bad)
