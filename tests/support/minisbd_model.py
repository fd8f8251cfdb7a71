"""Build a tiny MiniSBD sentence-boundary model (ONNX) with no network, for LibreTranslate.

LibreTranslate's Argos fork splits text into sentences with MiniSBD, whose models are
downloaded on first use unless the Argos package ships one in ``minisbd/*.onnx``. This
script writes such a model: the ONNX graph MiniSBD runs (inputs ``units`` and
``features``, per-character class scores out), made of one lookup table that scores ``.``,
``!`` and ``?`` as sentence ends and every other character as inside a token, with the
vocabulary and configuration MiniSBD reads from the model's metadata. It is a rule, not a
trained model, and is only for tests.

Run it with a Python that has ``onnx`` and ``numpy`` (the test's LibreTranslate venv):
``python tests/support/minisbd_model.py OUT.onnx``.
"""

from __future__ import annotations

import json
import string
import sys

import numpy as np
import onnx  # type: ignore[import-not-found]
from onnx import TensorProto, helper, numpy_helper

CLASSES = 5  # MiniSBD: 0 inside a token, 1 token end, 2 sentence end, 3/4 multi-word forms
SENTENCE_END = ".!?"


def build(path: str) -> None:
    chars = sorted(set(string.printable + "äöüÄÖÜß„“”‚‘’–—…€§°") - set("\t\n\r\x0b\x0c"))
    id2unit = ["<PAD>", "<UNK>", *chars]
    table = np.zeros((len(id2unit), CLASSES), dtype=np.float32)
    table[:, 0] = 1.0
    for ch in SENTENCE_END:
        table[id2unit.index(ch)] = [0, 0, 1.0, 0, 0]
    units = helper.make_tensor_value_info("units", TensorProto.INT64, ["batch", "length"])
    features = helper.make_tensor_value_info(
        "features", TensorProto.FLOAT, ["batch", "length", "feats"]
    )
    scores = helper.make_tensor_value_info(
        "scores", TensorProto.FLOAT, ["batch", "length", CLASSES]
    )
    graph = helper.make_graph(
        [helper.make_node("Gather", ["table", "units"], ["scores"], axis=0)],
        "rule-sbd",
        [units, features],
        [scores],
        initializer=[numpy_helper.from_array(table, "table")],
    )
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    model.ir_version = 8
    vocab = {
        "lang": "de",
        "idx": 0,
        "cutoff": 0,
        "lower": False,
        "_unit2id": {u: i for i, u in enumerate(id2unit)},
        "_id2unit": id2unit,
    }
    config = {"feat_funcs": [], "max_seqlen": 1000, "batch_size": 32, "skip_newline": False}
    for key, value in (("lang_code", "de"), ("config", config), ("vocab", vocab)):
        entry = model.metadata_props.add()
        entry.key = key
        entry.value = value if isinstance(value, str) else json.dumps(value)
    onnx.checker.check_model(model)
    onnx.save(model, path)


if __name__ == "__main__":
    build(sys.argv[1])
