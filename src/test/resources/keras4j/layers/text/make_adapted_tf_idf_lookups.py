"""Keras-written models of an adapted tf_idf StringLookup / IntegerLookup, for LookupFixturesTest.

Run: TF_CPP_MIN_LOG_LEVEL=3 CUDA_VISIBLE_DEVICES= /work/venv/bin/python make_adapted_tf_idf_lookups.py
adapted_tf_idf_<string|int64>.keras: Sequential(Input((3,)), lookup(output_mode="tf_idf")) adapted
on three documents: the vocabulary is the asset vocabulary.txt and the idf weights (the OOV index's
first) only the dataset vars/idf_weights of model.weights.h5. adapted_tf_idf_lookups.json: the
documents and Keras's outputs on them.
"""
import json

import keras
import tensorflow as tf

L = keras.layers
CASES = {
    "string": (L.StringLookup, [["the", "cat", "the"], ["a", "dog", "the"], ["cat", "a", "zebra"]]),
    "int64": (L.IntegerLookup, [[1, 2, 1], [3, 4, 1], [2, 3, 9]]),
}
out = {}
for dtype, (cls, docs) in CASES.items():
    x = tf.constant(docs, dtype=dtype)
    layer = cls(output_mode="tf_idf", max_tokens=4)  # "zebra" and 9 fall out of the vocabulary
    layer.adapt(x)
    model = keras.Sequential([keras.Input((3,), dtype=dtype), layer])
    model.save("adapted_tf_idf_%s.keras" % dtype)
    out[dtype] = {"x": docs, "expected": model(x).numpy().astype("float64").tolist()}
with open("adapted_tf_idf_lookups.json", "w") as f:
    json.dump(out, f, indent=1)
