"""Writes the LossScaleOptimizer file MixedPrecisionTest resumes: a 3-8-2 MLP built by Python Keras
under mixed_float16, compiled with SGD(0.5, momentum=0.9) (compile wraps it in a
LossScaleOptimizer), trained one epoch of 2 steps and saved with its optimizer state as
lso_mlp_mixed_float16.keras; then trained one more epoch, whose weights (one per line, flattened)
and the optimizer's loss scale (last line) are lso_mlp_mixed_float16_resumed.csv.

Run (Keras 3.15.1, TensorFlow backend):
    /work/venv/bin/python src/test/resources/keras4j/saving/mixed_precision/make_loss_scale_fixture.py
"""
import os

import keras
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
L = keras.layers

keras.mixed_precision.set_global_policy("mixed_float16")
model = keras.Sequential([keras.Input((3,)), L.Dense(8, activation="relu"),
                          L.Dense(2, activation="softmax", dtype="float32")])
model.compile(keras.optimizers.SGD(0.5, momentum=0.9), "sparse_categorical_crossentropy")
assert isinstance(model.optimizer, keras.optimizers.LossScaleOptimizer)
model.set_weights([(0.6 * np.cos(np.arange(w.size) * 1.3 + w.size)).astype(np.float32)
                   .reshape(w.shape) for w in model.get_weights()])
# The same formulas as MixedPrecisionTest's.
x = np.sin(np.arange(8 * 3) * 0.7).astype(np.float32).reshape((8, 3))
y = np.array([0, 1, 1, 0, 1, 0, 0, 1])
model.fit(x, y, epochs=1, batch_size=4, shuffle=False, verbose=0)
model.save(os.path.join(HERE, "lso_mlp_mixed_float16.keras"))
model.fit(x, y, epochs=1, batch_size=4, shuffle=False, verbose=0)
with open(os.path.join(HERE, "lso_mlp_mixed_float16_resumed.csv"), "w") as f:
    for w in model.get_weights():
        f.write(",".join("%.9g" % v for v in w.ravel()) + "\n")
    f.write("%.9g\n" % float(model.optimizer.scale_loss(1.0)))
