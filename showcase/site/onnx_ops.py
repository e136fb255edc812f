"""Which runtime a project's in-browser demo needs: the site's small one, or onnxruntime-web.

The demos run a model with ``assets/showcase/demos/onnx-lite.mjs`` (a few kB of JavaScript) when it
has every operator of the model, and fall back to onnxruntime-web (3.7 MB gzipped) when it has not
(a fine-tuned backbone, a transformer). The page says how much a visitor downloads, so the build
reads the model's operators here, from the ONNX file's protobuf, without the ``onnx`` package.
``LITE_OPERATORS`` is the JavaScript runtime's ``OPERATORS``; a test holds the two lists equal.
"""

from pathlib import Path

LITE_RUNTIME = Path(__file__).parent / "theme" / "assets" / "showcase" / "demos" / "onnx-lite.mjs"
LITE_OPERATORS = frozenset(
    {
        "Add",
        "Sub",
        "Mul",
        "Div",
        "Relu",
        "Tanh",
        "Sigmoid",
        "Sqrt",
        "Exp",
        "Identity",
        "Constant",
        "Gemm",
        "Conv",
        "ConvTranspose",
        "MaxPool",
        "ReduceMean",
        "ReduceSum",
        "Reshape",
        "Flatten",
        "Gather",
        "GatherND",
        "Concat",
        "Unsqueeze",
        "Shape",
        "Expand",
    }
)

# Field numbers in onnx.proto: ModelProto.graph, GraphProto.node, NodeProto.op_type and .domain.
_MODEL_GRAPH, _GRAPH_NODE, _NODE_OP_TYPE, _NODE_DOMAIN = 7, 1, 4, 7


def _varint(data: bytes, at: int) -> tuple[int, int]:
    value = shift = 0
    while True:
        if at >= len(data):
            raise ValueError("the file is cut short")
        byte = data[at]
        at += 1
        value |= (byte & 0x7F) << shift
        shift += 7
        if not byte & 0x80:
            return value, at


def _fields(data: bytes):
    """(field number, bytes) of each length-delimited field of one protobuf message."""
    at = 0
    while at < len(data):
        key, at = _varint(data, at)
        wire = key & 7
        if wire == 0:
            _, at = _varint(data, at)
        elif wire == 1:
            at += 8
        elif wire == 5:
            at += 4
        elif wire == 2:
            length, at = _varint(data, at)
            if at + length > len(data):
                raise ValueError("the file is cut short")
            yield key >> 3, data[at : at + length]
            at += length
        else:
            raise ValueError(f"protobuf wire type {wire}")


def operators(model: Path) -> set[str]:
    """The operators of an ONNX model's main graph, as ``domain.op_type`` for a domain other than ONNX's.

    Raises:
        ValueError: the file is not an ONNX model (it names the file).
    """
    data = model.read_bytes()
    try:
        graphs = [value for field, value in _fields(data) if field == _MODEL_GRAPH]
        if not graphs:
            raise ValueError("it has no graph")
        found = set()
        for field, node in _fields(graphs[0]):
            if field != _GRAPH_NODE:
                continue
            parts = dict(_fields(node))
            op_type = parts.get(_NODE_OP_TYPE, b"").decode()
            domain = parts.get(_NODE_DOMAIN, b"").decode()
            found.add(op_type if domain in ("", "ai.onnx") else f"{domain}.{op_type}")
        return found
    except (ValueError, UnicodeDecodeError) as error:
        raise ValueError(f"{model}: not an ONNX model ({error})") from None


def runs_in_lite_runtime(model: Path) -> bool:
    """Whether the site's small runtime has every operator of ``model``; False for a file that is
    not an ONNX model (the larger download is what the page then says; the demo names the file)."""
    try:
        return operators(model) <= LITE_OPERATORS
    except ValueError:
        return False
