"""Runs keras4j's SavedModel exports of models of several inputs and outputs in Python
TensorFlow and checks their serving_default signature: input and output names as Keras 3's
model.export() gives them, and the predictions beside this script within 1e-5.

keras4j writes them when MultiIoExportTest runs with a directory to keep them in:
    mvn -q test -Dtest=MultiIoExportTest -Dkeras4j.graphSaves=/tmp/graph-saves
    /work/venv/bin/python src/test/resources/keras4j/saving/graphs/check_keras4j_exports.py /tmp/graph-saves
Exits non-zero if any fails.
"""
import os
import sys

import numpy as np
import tensorflow as tf

HERE = os.path.dirname(os.path.abspath(__file__))


def rows(name):
    return np.loadtxt(os.path.join(HERE, name), delimiter=",", dtype=np.float32, ndmin=2)


CASES = {  # export: (inputs by signature name, outputs by signature name)
    "two_input": ({"left": "two_input_x0.csv", "right": "two_input_x1.csv"},
                  {"output_0": "two_input_y0.csv"}),
    "two_output": ({"x": "two_output_x0.csv"},
                   {"output_0": "two_output_y0.csv", "output_1": "two_output_y1.csv"}),
    "dicts": ({"cat": "dicts_x_cat.csv", "num": "dicts_x_num.csv"},
              {"kind": "dicts_y_kind.csv", "score": "dicts_y_score.csv"}),
}
failed = 0
for name, (inputs, outputs) in CASES.items():
    serving = tf.saved_model.load(os.path.join(sys.argv[1], "export_" + name)) \
        .signatures["serving_default"]
    got = serving(**{k: tf.constant(rows(v)) for k, v in inputs.items()})
    names_ok = sorted(serving.structured_input_signature[1]) == sorted(inputs) \
        and sorted(got) == sorted(outputs)
    worst = max(float(np.abs(got[k].numpy() - rows(v)).max()) for k, v in outputs.items())
    ok = names_ok and worst < 1e-5
    failed += not ok
    print(f"{name}: {'ok' if ok else 'MISMATCH'} inputs {sorted(inputs)} outputs {sorted(got)}"
          f" (max |diff| {worst:.2e})")
print(f"{len(CASES) - failed} of {len(CASES)} keras4j exports run in TensorFlow {tf.__version__}")
sys.exit(1 if failed else 0)
