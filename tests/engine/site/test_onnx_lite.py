"""The site's small ONNX runtime (assets/showcase/demos/onnx-lite.mjs), run in Node.js, against
onnxruntime in Python: every operator it has, at the settings the exporters write and at the
awkward ones (strides, dilations, groups, uneven padding, broadcasting, negative axes), and each
example project's own model; a model it cannot run is refused with the reason, so the page falls
back to onnxruntime-web. The build's list of its operators (showcase/site/onnx_ops.py) is its own."""

import json
import re
import shutil
import subprocess
from pathlib import Path

import numpy as np
import onnxruntime
import pytest
from onnx import TensorProto, helper, numpy_helper, save

from showcase.site.onnx_ops import LITE_OPERATORS, LITE_RUNTIME, operators, runs_in_lite_runtime

REPO = Path(__file__).resolve().parents[3]
RUN = """
import fs from "fs";
const { createSession } = await import(process.argv[2]);
const results = [];
for (const c of JSON.parse(fs.readFileSync(process.argv[3]))) {
  try {
    const session = createSession(new Uint8Array(fs.readFileSync(c.model)));
    const feeds = {};
    for (const [name, [type, data, dims]] of Object.entries(c.feeds)) feeds[name] = { type, data, dims };
    const out = await session.run(feeds);
    const listed = Object.entries(out).map(([k, v]) => [k, { dims: v.dims, data: Array.from(v.data, Number) }
    ]);
    results.push(Object.fromEntries(listed));
  } catch (error) { results.push({ error: `${error.name}: ${error.message}` }); }
}
console.log(JSON.stringify(results));
"""
RNG = np.random.default_rng(0)
F = TensorProto.FLOAT


def run_lite(tmp_path: Path, cases: list[tuple[Path, dict[str, np.ndarray]]]) -> list[dict]:
    node = shutil.which("node")
    assert node, "Node.js is needed: run `make web`"
    listed = [
        {
            "model": str(model),
            "feeds": {
                k: ["int64" if v.dtype == np.int64 else "float32", v.ravel().tolist(), list(v.shape)]
                for k, v in feeds.items()
            },
        }
        for model, feeds in cases
    ]
    (tmp_path / "cases.json").write_text(json.dumps(listed))
    (tmp_path / "run.mjs").write_text(RUN)
    done = subprocess.run(
        [node, str(tmp_path / "run.mjs"), LITE_RUNTIME.as_uri(), str(tmp_path / "cases.json")],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout)


def assert_same(model: Path, feeds: dict[str, np.ndarray], got: dict, atol: float = 1e-5) -> None:
    assert "error" not in got, f"{model.name}: {got['error']}"
    session = onnxruntime.InferenceSession(str(model))
    for output, expected in zip(session.get_outputs(), session.run(None, feeds), strict=True):
        value = np.array(got[output.name]["data"]).reshape(got[output.name]["dims"])
        assert value.shape == expected.shape, f"{model.name}: {output.name} {value.shape} != {expected.shape}"
        np.testing.assert_allclose(
            value, expected, rtol=1e-5, atol=atol, err_msg=f"{model.name}: {output.name}"
        )


def one_node(
    tmp_path: Path,
    name: str,
    op: str,
    inputs: dict[str, np.ndarray],
    constants: dict[str, np.ndarray],
    attributes: dict,
    outputs: int = 1,
) -> tuple[Path, dict[str, np.ndarray]]:
    """A model of one `op` node: `inputs` fed, `constants` as initializers (in that order)."""
    names = [*inputs, *constants]
    graph = helper.make_graph(
        [helper.make_node(op, names, [f"y{i}" for i in range(outputs)], **attributes)],
        name,
        [
            helper.make_tensor_value_info(k, helper.np_dtype_to_tensor_dtype(v.dtype), v.shape)
            for k, v in inputs.items()
        ],
        [helper.make_tensor_value_info(f"y{i}", F, None) for i in range(outputs)],
        [numpy_helper.from_array(v, k) for k, v in constants.items()],
    )
    path = tmp_path / f"{name}.onnx"
    save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 20)]), str(path))
    return path, inputs


def x(*shape: int) -> np.ndarray:
    return RNG.standard_normal(shape).astype(np.float32)


def relu_like(*shape: int) -> np.ndarray:  # half zeros, as after a ReLU (the convolutions skip zeros)
    return np.maximum(x(*shape), 0)


def i64(*values: int) -> np.ndarray:
    return np.array(values, dtype=np.int64)


CASES = {
    "conv_exported": (
        "Conv",
        {"x": x(2, 3, 9, 9)},
        {"w": x(4, 3, 3, 3), "b": x(4)},
        {"pads": [1, 1, 1, 1], "kernel_shape": [3, 3]},
    ),
    "conv_stride_dilation_uneven_pads": (
        "Conv",
        {"x": relu_like(1, 2, 11, 10)},
        {"w": x(3, 2, 3, 2)},
        {"strides": [2, 3], "dilations": [2, 2], "pads": [0, 2, 1, 0]},
    ),
    "conv_many_outputs_stride_dilation": (
        "Conv",
        {"x": relu_like(2, 3, 10, 11)},
        {"w": x(9, 3, 3, 2), "b": x(9)},
        {"strides": [2, 1], "dilations": [1, 2], "pads": [1, 0, 2, 1]},
    ),
    "conv_many_outputs_groups": (
        "Conv",
        {"x": x(1, 4, 7, 6)},
        {"w": x(16, 2, 3, 3)},
        {"group": 2, "pads": [1, 1, 0, 0]},
    ),
    "conv_groups": (
        "Conv",
        {"x": x(1, 4, 6, 6)},
        {"w": x(6, 2, 3, 3), "b": x(6)},
        {"group": 2, "pads": [1, 0, 1, 0]},
    ),
    "conv_transpose_exported": (
        "ConvTranspose",
        {"x": relu_like(2, 4, 7, 7)},
        {"w": x(4, 3, 4, 4), "b": x(3)},
        {"strides": [2, 2], "pads": [1, 1, 1, 1]},
    ),
    "conv_transpose_output_padding_groups": (
        "ConvTranspose",
        {"x": x(1, 4, 5, 4)},
        {"w": x(4, 1, 3, 2)},
        {"strides": [2, 3], "pads": [0, 1, 1, 0], "output_padding": [1, 2], "group": 2, "dilations": [1, 2]},
    ),
    "max_pool_ceil": (
        "MaxPool",
        {"x": x(1, 2, 7, 9)},
        {},
        {"kernel_shape": [2, 2], "strides": [2, 2], "ceil_mode": 1},
    ),
    "max_pool_pads_dilations": (
        "MaxPool",
        {"x": x(2, 1, 8, 7)},
        {},
        {"kernel_shape": [3, 2], "pads": [1, 1, 1, 1], "dilations": [1, 2]},
    ),
    "gemm_exported": ("Gemm", {"a": x(3, 5)}, {"b": x(4, 5), "c": x(4)}, {"transB": 1}),
    "gemm_plain": ("Gemm", {"a": x(4, 6)}, {"b": x(6, 3)}, {}),
    "gemm_trans_a_alpha_beta": (
        "Gemm",
        {"a": x(5, 3)},
        {"b": x(5, 2), "c": x(3, 1)},
        {"transA": 1, "alpha": 0.5, "beta": 2.0},
    ),
    "reduce_mean_keepdims": ("ReduceMean", {"x": x(2, 3, 4, 5)}, {"axes": i64(-1, -2)}, {}),
    "reduce_mean_dropped_axis": ("ReduceMean", {"x": x(2, 3, 4)}, {"axes": i64(1)}, {"keepdims": 0}),
    "reduce_sum_all": ("ReduceSum", {"x": x(3, 4)}, {}, {"keepdims": 0}),
    "add_broadcast": ("Add", {"a": x(2, 1, 4)}, {"b": x(3, 1)}, {}),
    "sub_broadcast": ("Sub", {"a": x(4)}, {"b": x(2, 3, 4)}, {}),
    "mul_scalar": ("Mul", {"a": x(2, 3)}, {"b": np.float32(1.5).reshape(())}, {}),
    "div": ("Div", {"a": x(2, 3)}, {"b": x(2, 3) + 3}, {}),
    "relu": ("Relu", {"x": x(3, 4)}, {}, {}),
    "tanh": ("Tanh", {"x": x(3, 4)}, {}, {}),
    "sigmoid": ("Sigmoid", {"x": x(3, 4) * 10}, {}, {}),
    "sqrt": ("Sqrt", {"x": np.abs(x(3, 4))}, {}, {}),
    "exp": ("Exp", {"x": x(3, 4)}, {}, {}),
    "reshape_zero_and_minus_one": ("Reshape", {"x": x(2, 3, 4)}, {"shape": i64(0, -1)}, {}),
    "flatten": ("Flatten", {"x": x(2, 3, 4)}, {}, {"axis": 2}),
    "gather_axis_1_negative_ids": ("Gather", {"data": x(3, 5, 2)}, {"ids": i64(4, -1, 0)}, {"axis": 1}),
    "gather_nd": ("GatherND", {"data": x(6, 2)}, {"ids": np.array([[5], [0], [-1]], dtype=np.int64)}, {}),
    "concat_last_axis": ("Concat", {"a": x(2, 3)}, {"b": x(2, 1)}, {"axis": -1}),
    "unsqueeze": ("Unsqueeze", {"x": x(3, 4)}, {"axes": i64(0, -1)}, {}),
    "expand": ("Expand", {"x": x(3, 1)}, {"shape": i64(2, 1, 4)}, {}),
}


def test_each_operator_answers_as_onnxruntime_does(tmp_path):
    cases = [
        one_node(tmp_path, name, op, inputs, constants, attributes)
        for name, (op, inputs, constants, attributes) in CASES.items()
    ]
    for (model, feeds), got in zip(cases, run_lite(tmp_path, cases), strict=True):
        assert_same(model, feeds, got)


def test_shape_and_identity_and_constant_chain(tmp_path):
    nodes = [
        helper.make_node("Shape", ["x"], ["s"], start=1),
        helper.make_node("Constant", [], ["c"], value=numpy_helper.from_array(x(4), "c")),
        helper.make_node("Identity", ["c"], ["i"]),
        helper.make_node("Expand", ["i", "s"], ["y"]),
    ]
    graph = helper.make_graph(
        nodes,
        "chain",
        [helper.make_tensor_value_info("x", F, [2, 3, 4])],
        [
            helper.make_tensor_value_info("y", F, None),
            helper.make_tensor_value_info("s", TensorProto.INT64, None),
        ],
    )
    path = tmp_path / "chain.onnx"
    save(helper.make_model(graph, opset_imports=[helper.make_opsetid("", 20)]), str(path))
    feeds = {"x": x(2, 3, 4)}
    assert_same(path, feeds, run_lite(tmp_path, [(path, feeds)])[0])


def example_feeds(model: Path) -> dict[str, np.ndarray]:
    feeds = {}
    for spec in onnxruntime.InferenceSession(str(model)).get_inputs():
        if spec.name == "ngrams":
            feeds[spec.name] = RNG.integers(0, 150_000, 40).astype(np.int64)
        elif spec.name == "labels":
            feeds[spec.name] = RNG.integers(0, 10, 4).astype(np.int64)
        else:
            feeds[spec.name] = RNG.random([d if isinstance(d, int) else 4 for d in spec.shape]).astype(
                np.float32
            )
    return feeds


def test_every_example_projects_model_runs_here_as_in_onnxruntime(tmp_path):
    models = sorted(REPO.glob("projects/*/models/*.onnx"))
    assert len(models) == 5 and all(runs_in_lite_runtime(model) for model in models)
    cases = [(model, example_feeds(model)) for model in models]
    for (model, feeds), got in zip(cases, run_lite(tmp_path, cases), strict=True):
        assert_same(model, feeds, got)


def test_a_model_it_cannot_run_is_refused_with_the_reason(tmp_path):
    softmax = one_node(tmp_path, "softmax", "Softmax", {"x": x(2, 3)}, {}, {})
    same_pad = one_node(
        tmp_path, "same", "Conv", {"x": x(1, 1, 5, 5)}, {"w": x(1, 1, 3, 3)}, {"auto_pad": "SAME_UPPER"}
    )
    broken = tmp_path / "broken.onnx"
    broken.write_bytes(b"\x3a\xff\x01")  # a graph field longer than the file
    results = run_lite(tmp_path, [softmax, same_pad, (broken, {})])
    assert results[0] == {"error": "Unsupported: operator Softmax"}
    assert results[1] == {"error": "Unsupported: Conv with auto_pad SAME_UPPER"}
    assert results[2] == {"error": "Error: the model file is cut short"}
    assert operators(softmax[0]) == {"Softmax"} and not runs_in_lite_runtime(softmax[0])
    with pytest.raises(ValueError, match=r"broken.onnx: not an ONNX model \(the file is cut short\)"):
        operators(broken)
    assert not runs_in_lite_runtime(broken)


def test_the_build_knows_exactly_the_operators_the_runtime_has():
    source = LITE_RUNTIME.read_text()
    table = source[source.index("export const OPERATORS = {") :]
    table = table[: table.index("\n};")]
    assert set(re.findall(r"^  (\w+):", table, re.MULTILINE)) == LITE_OPERATORS
