"""Writes random_expected.json: what Keras 3's keras.random draws on the TensorFlow backend for
the seeds and arguments RandomOpsTest uses.

Run: TF_CPP_MIN_LOG_LEVEL=3 KERAS_BACKEND=tensorflow python make_random_fixtures.py
"""
import json
import os

os.environ.setdefault("KERAS_BACKEND", "tensorflow")
import keras  # noqa: E402
import numpy as np  # noqa: E402

r = keras.random
LOGITS = np.array([[0.0, 1.0, 2.0], [2.0, 1.0, 0.0]], "float32")
ONES = np.ones((2, 5), "float32")
X = np.arange(12, dtype="float32").reshape(3, 4)

cases = {
    "normal": r.normal((3, 4), mean=1.0, stddev=2.0, seed=42),
    "uniform": r.uniform((5,), minval=-1.0, maxval=3.0, seed=7),
    "truncated_normal": r.truncated_normal((6,), mean=0.0, stddev=1.0, seed=3),
    "randint": r.randint((8,), 0, 10, seed=42),
    "randint_int64": r.randint((4,), -5, 5, dtype="int64", seed=1),
    "categorical": r.categorical(LOGITS, 5, seed=11),
    "dropout": r.dropout(ONES, 0.4, seed=5),
    "dropout_noise_shape": r.dropout(ONES, 0.5, noise_shape=(1, 5), seed=5),
    "shuffle": r.shuffle(X, seed=9),
    "shuffle_axis1": r.shuffle(X, axis=1, seed=9),
}
generator = r.SeedGenerator(7)
cases["generator_first"] = r.normal((3,), seed=generator)
cases["generator_second"] = r.normal((3,), seed=generator)
cases["generator_state"] = generator.state

out = {k: {"shape": list(np.shape(v)), "values": np.asarray(v).ravel().tolist()}
       for k, v in cases.items()}
with open(os.path.join(os.path.dirname(os.path.abspath(__file__)), "random_expected.json"),
          "w") as f:
    json.dump(out, f, indent=1)
