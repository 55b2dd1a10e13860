"""Writes the Keras-made model files and expected outputs KerasModelTransformerTest scores.

Run from this directory: TF_CPP_MIN_LOG_LEVEL=3 python make_spark_fixtures.py
keras_mlp.keras / keras_mlp.h5: the same 3-4-2 MLP (relu, softmax) in both formats;
keras_mlp_rows.txt: one row a line, the 3 inputs then Keras's 2 outputs (float32 repr).
"""
import numpy as np
import keras

keras.utils.set_random_seed(7)
model = keras.Sequential([
    keras.Input((3,)),
    keras.layers.Dense(4, activation="relu"),
    keras.layers.Dense(2, activation="softmax"),
])
x = np.random.default_rng(0).normal(size=(20, 3)).astype("float32")
y = model.predict(x, batch_size=32, verbose=0)
model.save("keras_mlp.keras")
model.save("keras_mlp.h5")
with open("keras_mlp_rows.txt", "w") as f:
    for xi, yi in zip(x, y):
        f.write(" ".join(repr(float(v)) for v in list(xi) + list(yi)) + "\n")
