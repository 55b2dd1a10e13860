"""Keras-written models on int32 inputs, for IntegerInputsTest.

Run: TF_CPP_MIN_LOG_LEVEL=3 CUDA_VISIBLE_DEVICES= /work/venv/bin/python make_int_input_fixtures.py
Writes int_embedding.keras, int_embedding.h5 and int_embedding.json (the ids and Keras's
predictions for them).
"""
import json

import keras
import numpy as np

keras.utils.set_random_seed(7)
model = keras.Sequential([
    keras.Input((4,), dtype="int32"),
    keras.layers.Embedding(7, 3),
    keras.layers.GlobalAveragePooling1D(),
    keras.layers.Dense(2),
])
ids = np.array([[0, 1, 2, 3], [6, 5, 4, 4], [1, 1, 1, 1]], dtype="int32")
model.save("int_embedding.keras")
model.save("int_embedding.h5")
with open("int_embedding.json", "w") as f:
    json.dump({"ids": ids.tolist(), "expected": model.predict(ids, verbose=0).tolist()}, f)
