"""Writes jit_compile.keras: a small MLP Keras compiled with jit_compile=True, and its
predictions on four rows (jit_compile.txt), for JitCompileTest."""
import os
os.environ.setdefault("TF_CPP_MIN_LOG_LEVEL", "3")
import numpy as np
import keras

keras.utils.set_random_seed(3)
model = keras.Sequential([keras.Input((5,)), keras.layers.Dense(4, activation="relu"),
                          keras.layers.Dense(2)])
model.compile(optimizer="sgd", loss="mse", jit_compile=True)
x = np.linspace(-1, 1, 20, dtype="float32").reshape(4, 5)
model.save("jit_compile.keras")
np.savetxt("jit_compile.txt", model.predict(x, verbose=0), fmt="%.8e")
