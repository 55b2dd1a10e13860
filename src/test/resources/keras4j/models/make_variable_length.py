"""Writes variable_length.keras and variable_length.txt for VariableLengthTest.

An Embedding -> LSTM -> Dense model on Input(shape=(None,), dtype="int32"), saved untrained,
then trained by Keras for one epoch (SGD 0.1, mse) on a generator of batches of lengths 5, 3
and 7, and asked to predict a batch of length 4. The text file holds the batches, Keras's loss
of the epoch and its predictions. Run with the repository's venv:
  TF_CPP_MIN_LOG_LEVEL=3 CUDA_VISIBLE_DEVICES= /work/venv/bin/python make_variable_length.py
"""
import os

import keras
import numpy as np

here = os.path.dirname(os.path.abspath(__file__))
keras.utils.set_random_seed(1)
inputs = keras.Input(shape=(None,), dtype="int32")
x = keras.layers.Embedding(10, 4)(inputs)
x = keras.layers.LSTM(3)(x)
model = keras.Model(inputs, keras.layers.Dense(1)(x))
model.compile(optimizer=keras.optimizers.SGD(0.1), loss="mse")
model.save(os.path.join(here, "variable_length.keras"))

rng = np.random.default_rng(0)
batches = [(rng.integers(0, 10, (2, n)).astype("int32"),
            rng.random(2).astype("float32")) for n in (5, 3, 7)]


def generate():
    for b in batches:
        yield b


loss = model.fit(generate(), epochs=1, shuffle=False, verbose=0).history["loss"][0]
probe = rng.integers(0, 10, (3, 4)).astype("int32")
predicted = model.predict(probe, verbose=0).reshape(-1)

with open(os.path.join(here, "variable_length.txt"), "w") as f:
    for xb, yb in batches:
        f.write("batch " + ";".join(",".join(str(v) for v in row) for row in xb)
                + " " + ",".join(repr(float(v)) for v in yb) + "\n")
    f.write("loss %r\n" % float(loss))
    f.write("probe " + ";".join(",".join(str(v) for v in row) for row in probe) + "\n")
    f.write("predicted " + ",".join(repr(float(v)) for v in predicted) + "\n")
