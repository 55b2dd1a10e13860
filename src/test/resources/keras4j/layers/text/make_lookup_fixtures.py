"""Keras-written StringLookup / IntegerLookup models, for LookupFixturesTest.

Run: TF_CPP_MIN_LOG_LEVEL=3 CUDA_VISIBLE_DEVICES= /work/venv/bin/python make_lookup_fixtures.py
Each case is a Sequential model (string or int64 Input, then the lookup layer) saved as
<case>.keras (and .h5), with its inputs and Keras's outputs in lookups.json. The "adapt" cases
record what Keras's adapt() learns (vocabulary, idf) and outputs, without a file (Keras's files of
adapted lookups: make_adapted_tf_idf_lookups.py).
"""
import json

import keras
import numpy as np
import tensorflow as tf

L = keras.layers
CASES = {
    "string_int_mask": ("string", L.StringLookup(vocabulary=["a", "b", "c"], mask_token=""),
                        [["a", "x", ""], ["c", "b", "a"]]),
    "string_multi_hot": ("string", L.StringLookup(vocabulary=["a", "b", "c"],
                                                  output_mode="multi_hot"),
                         [["a", "x", "a"], ["c", "b", "c"]]),
    "string_count": ("string", L.StringLookup(vocabulary=["a", "b", "c"], output_mode="count"),
                     [["a", "x", "a"], ["c", "b", "c"]]),
    "string_tf_idf": ("string", L.StringLookup(vocabulary=["a", "b", "c"], output_mode="tf_idf",
                                               idf_weights=[0.5, 1.0, 2.0]),
                      [["a", "x", "a"], ["c", "b", "c"]]),
    "string_no_oov": ("string", L.StringLookup(vocabulary=["a", "b"], num_oov_indices=0),
                      [["b", "a", "b"]]),
    "int_two_oov": ("int64", L.IntegerLookup(vocabulary=[12, 36, 7], num_oov_indices=2),
                    [[12, 5, 7], [36, 9, 8]]),
    "int_one_hot": ("int64", L.IntegerLookup(vocabulary=[12, 36, 7], output_mode="one_hot"),
                    [[12], [3], [7]]),
}
out = {}
for name, (dtype, layer, x) in CASES.items():
    model = keras.Sequential([keras.Input((len(x[0]),), dtype=dtype), layer])
    y = model(tf.constant(x, dtype=dtype)).numpy()
    model.save(name + ".keras")
    out[name] = {"dtype": dtype, "x": x, "expected": y.astype("float64").tolist()}

docs = [["the", "cat", "the"], ["a", "dog", "the"], ["cat", "a", "a"]]
for mode in ["int", "tf_idf"]:
    layer = L.StringLookup(output_mode=mode)
    layer.adapt(tf.constant(docs))
    y = layer(tf.constant(docs)).numpy()
    out["adapt_" + mode] = {"dtype": "string", "x": docs, "mode": mode,
                            "vocabulary": [str(v) for v in layer.get_vocabulary()],
                            "expected": y.astype("float64").tolist()}
with open("lookups.json", "w") as f:
    json.dump(out, f, indent=1)
