"""Writes the dict-structured functional model keras4j's DictModelFilesTest loads: inputs and
outputs given to keras.Model as dicts, compiled with a loss, loss weight and metrics dict.

Run (Keras 3.15.1; any backend):
    /work/venv/bin/python src/test/resources/keras4j/saving/graphs/make_dict_fixtures.py

Files: dicts.keras (compiled, untrained), dicts_x_<input>.csv (8 samples per input),
dicts_y_<output>.csv (Keras's predictions on them), dicts_labels_<output>.csv (labels) and
dicts_fit.json (Keras's history of fit on them: 2 epochs, batch 4, no shuffling; then
evaluate). The predictions are checked against a numpy forward pass over the same weights.
"""
import json
import os

import keras
import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
keras.utils.set_random_seed(11)
rng = np.random.default_rng(12)
L = keras.layers

num = keras.Input((3,), name="num")
cat = keras.Input((2,), name="cat")
h = L.Concatenate(name="join")([L.Dense(4, activation="relu", name="h1")(num),
                                L.Dense(2, name="h2")(cat)])
# Insertion order differs from sorted order on both sides, as Keras flattens dicts sorted.
model = keras.Model({"num": num, "cat": cat},
                    {"score": L.Dense(1, activation="sigmoid", name="s")(h),
                     "kind": L.Dense(3, activation="softmax", name="k")(h)}, name="dicts")
for w in model.weights:
    w.assign(rng.normal(0, 0.6, w.shape).astype(np.float32))
model.compile(optimizer=keras.optimizers.SGD(0.1),
              loss={"score": "binary_crossentropy", "kind": "sparse_categorical_crossentropy"},
              loss_weights={"score": 1.0, "kind": 0.5},
              metrics={"score": ["accuracy"], "kind": ["accuracy"]})
x = {"num": rng.normal(0, 1, (8, 3)).astype(np.float32),
     "cat": rng.normal(0, 1, (8, 2)).astype(np.float32)}
y = {"score": (rng.random((8, 1)) > 0.5).astype(np.float32),
     "kind": rng.integers(0, 3, (8,)).astype(np.float32)}
pred = model.predict(x, verbose=0)


def weights(name):
    return [np.array(v, dtype=np.float64) for v in model.get_layer(name).get_weights()]


def lin(name, v):
    k, b = weights(name)
    return v @ k + b


hh = np.concatenate([np.maximum(lin("h1", x["num"]), 0), lin("h2", x["cat"])], axis=-1)
e = np.exp(lin("k", hh) - lin("k", hh).max(-1, keepdims=True))
reference = {"score": 1 / (1 + np.exp(-lin("s", hh))), "kind": e / e.sum(-1, keepdims=True)}
for key in pred:
    assert np.abs(pred[key] - reference[key]).max() < 1e-5, key

model.save(os.path.join(HERE, "dicts.keras"))
for key, v in x.items():
    np.savetxt(os.path.join(HERE, f"dicts_x_{key}.csv"), v, fmt="%.9g", delimiter=",")
for key, v in pred.items():
    np.savetxt(os.path.join(HERE, f"dicts_y_{key}.csv"), v, fmt="%.9g", delimiter=",")
for key, v in y.items():
    np.savetxt(os.path.join(HERE, f"dicts_labels_{key}.csv"), v.reshape(8, -1), fmt="%.9g",
               delimiter=",")
history = model.fit(x, y, epochs=2, batch_size=4, shuffle=False, verbose=0).history
evaluated = model.evaluate(x, y, batch_size=4, verbose=0, return_dict=True)
with open(os.path.join(HERE, "dicts_fit.json"), "w") as f:
    json.dump({"history": history, "evaluate": evaluated}, f, indent=1, sort_keys=True)
    f.write("\n")
print("dicts ok", history)
